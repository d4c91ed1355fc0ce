import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { FollowLanguage } from './i18n/FollowLanguage';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing <div id="root">');
createRoot(root).render(
  <StrictMode>
    <FollowLanguage />
    <App />
  </StrictMode>,
);
