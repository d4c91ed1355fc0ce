/** The voice HUD's page (placeholder: the renderer's voice HUD replaces it). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('hud.html is missing <div id="root">');
createRoot(root).render(
  <StrictMode>
    <main data-testid="voice-hud">
      <h1>Voice</h1>
    </main>
  </StrictMode>,
);
