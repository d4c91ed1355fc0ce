/**
 * Lets a part of the window send the person to another screen, and to one section of it
 * ("Couldn't reach OpenAI" → Settings → Provider). The Shell owns which screen shows and
 * listens here; the section is found by its id once the screen has rendered, scrolled to
 * and focused, so a screen reader announces where the person landed.
 */
import type { MainScreen } from '@shared/desktop';

type Listener = (screen: MainScreen) => void;
const listeners = new Set<Listener>();

/** The Shell's subscription; returns the unsubscribe function (for a useEffect cleanup). */
export function onScreenRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Frames to wait for the section to appear: the screen renders within one or two. */
const SECTION_WAIT_FRAMES = 30;

export function openScreen(screen: MainScreen, section?: string): void {
  for (const listener of listeners) listener(screen);
  if (section) revealSection(section);
}

function sectionElement(id: string): HTMLElement | null {
  // Sections carry their id (Settings: "provider"); the test id is the fallback for one that does not yet.
  return document.getElementById(id) ?? document.querySelector<HTMLElement>(`[data-testid="settings-${CSS.escape(id)}"]`);
}

function revealSection(id: string): void {
  let frames = 0;
  const step = () => {
    const section = sectionElement(id);
    if (!section) {
      if (++frames < SECTION_WAIT_FRAMES) requestAnimationFrame(step);
      return;
    }
    section.scrollIntoView?.({ block: 'start' });
    const heading = section.querySelector<HTMLElement>('h2, h3') ?? section;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  };
  // After the Shell's own focus move to the screen's heading, which runs once React has rendered.
  requestAnimationFrame(step);
}
