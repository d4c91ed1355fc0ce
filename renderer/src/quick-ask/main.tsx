/** The quick-ask window's page: its own window.frok connection, its own activity (for the streaming answer). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import { FollowLanguage } from '../i18n/FollowLanguage';
import { ActivityProvider } from '../activity/ActivityProvider';
import { ApprovalPrompt } from '../activity/ApprovalPrompt';
import { QuickAskApp } from './QuickAskApp';
import '../styles.css';
import './quick-ask.css';

const root = document.getElementById('root');
if (!root) throw new Error('quick-ask.html is missing <div id="root">');
createRoot(root).render(
  <StrictMode>
    <FollowLanguage />
    <ActivityProvider>
      <QuickAskApp />
      {/* A home action asked from here (unlock, open, disarm) is approved here, where the person is looking. */}
      <ApprovalPrompt />
    </ActivityProvider>
  </StrictMode>,
);
