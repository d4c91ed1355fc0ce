/**
 * The question box (the Composer's textarea) by its stable test id, so focus can be put
 * there from anywhere — a shortcut, the end of onboarding — without reaching into the
 * Composer. Focus is retried for a few frames, because after switching screens the box
 * appears only once React has rendered the Conversation screen (and the Shell's own
 * "focus the heading" effect has run).
 */
export const QUESTION_BOX_SELECTOR = '[data-testid="ask-input"]';
export const STOP_BUTTON_SELECTOR = '[data-testid="ask-cancel"]';

export function questionBox(): HTMLTextAreaElement | null {
  return document.querySelector<HTMLTextAreaElement>(QUESTION_BOX_SELECTOR);
}

/** Where the Shell puts focus when a screen changes (its heading), or nowhere: places the box may take focus back from. */
function focusWasMoved(box: HTMLElement): boolean {
  const active = document.activeElement;
  return active !== box && (active === null || active === document.body || active.matches('h1[tabindex="-1"]'));
}

/**
 * Focuses the question box on the next frames (up to about half a second); the caret goes
 * to the end. For a few frames after, focus taken by the new screen's heading (the Shell
 * moves it there once the screen has rendered, which for an update from main can come
 * after this frame) is given back; a click somewhere else is not undone.
 */
export function focusQuestionBoxSoon(frames = 30, settle = 10): void {
  const focus = (box: HTMLTextAreaElement) => {
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  };
  const keep = (box: HTMLTextAreaElement, left: number) => {
    requestAnimationFrame(() => {
      if (!box.isConnected) return;
      if (focusWasMoved(box)) focus(box);
      if (left > 0) keep(box, left - 1);
    });
  };
  const attempt = (left: number) => {
    requestAnimationFrame(() => {
      const box = questionBox();
      if (box) {
        focus(box);
        keep(box, settle);
      } else if (left > 0) attempt(left - 1);
    });
  };
  attempt(frames);
}
