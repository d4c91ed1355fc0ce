/** The quick-ask window's page (placeholder: the renderer's quick-ask UI replaces it). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('quick-ask.html is missing <div id="root">');
createRoot(root).render(
  <StrictMode>
    <main data-testid="quick-ask">
      <h1>Quick ask</h1>
    </main>
  </StrictMode>,
);
