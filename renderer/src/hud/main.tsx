/** The voice HUD's page: its own window.frok connection, voice session and activity (for "specialist at work"). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import { FollowLanguage } from '../i18n/FollowLanguage';
import { ActivityProvider } from '../activity/ActivityProvider';
import { HudApp } from './HudApp';
import '../styles.css';
import './hud.css';

const root = document.getElementById('root');
if (!root) throw new Error('hud.html is missing <div id="root">');
createRoot(root).render(
  <StrictMode>
    <FollowLanguage />
    <ActivityProvider>
      <HudApp />
    </ActivityProvider>
  </StrictMode>,
);
