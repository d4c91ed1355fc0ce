/**
 * Which main-window shortcut a key press is, if any: a plain function, so the rules are
 * tested without a page. Typing is never taken: only Esc and modifier combinations are
 * shortcuts, and a press something else already handled (a rename field's Esc, a hotkey
 * being recorded, an IME candidate) or made while a modal dialog is open is left alone.
 */
import { matchesAccelerator, resolveShortcuts, type KeyPress, type WindowShortcutId } from '@shared/shortcuts';

export interface KeyPressContext extends KeyPress {
  defaultPrevented: boolean;
  isComposing: boolean;
  /** A modal dialog (the approval prompt) is open: Esc and every shortcut belong to it. */
  dialogOpen: boolean;
  /** Where the key was pressed: the question box, another field that takes typing, or anything else. */
  target: 'questionBox' | 'field' | 'other';
  /** Whether there is an answer Stop could end, shown on the Conversation screen. */
  canStop: boolean;
}

/** The window's shortcuts, with the keys from the shared table (the hotkeys are main's, not the page's). */
const WINDOW_SHORTCUTS = resolveShortcuts({ voice: '', quickAsk: '' }).filter((s) => s.kind === 'window');

export function windowShortcutFor(press: KeyPressContext, platform: string): WindowShortcutId | null {
  if (press.defaultPrevented || press.isComposing || press.dialogOpen) return null;
  const match = WINDOW_SHORTCUTS.find((s) => matchesAccelerator(press, s.accelerator, platform));
  if (!match) return null;
  const id = match.id as WindowShortcutId;
  if (id === 'stopAnswer') {
    // Esc in another field is that field's (a search box clears); with nothing to stop it does nothing.
    if (press.target === 'field' || !press.canStop) return null;
  }
  return id;
}

/** What the page knows about where a key press happened. */
export function targetKind(target: EventTarget | null, questionBox: Element | null): KeyPressContext['target'] {
  if (!target || typeof (target as Partial<Element>).closest !== 'function') return 'other';
  if (questionBox && target === questionBox) return 'questionBox';
  if ((target as Element).closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return 'field';
  return 'other';
}

export interface ShellShortcutDeps {
  /** Shows a screen, as choosing it in the sidebar does. */
  go(screen: 'conversation' | 'settings'): void;
  running: boolean;
  hasTurns: boolean;
  /** Starts a new conversation; the current one stays in History. */
  startNew(): void;
  stop(): void;
  focusQuestion(): void;
}

/** What each window shortcut does. A Record, so a shortcut added to the table without an action fails typecheck. */
export function shellShortcutActions(d: ShellShortcutDeps): Record<WindowShortcutId, () => void> {
  return {
    newConversation() {
      d.go('conversation');
      // As the New conversation button: never while an answer is still on its way (it would be lost).
      if (!d.running && d.hasTurns) d.startNew();
      d.focusQuestion();
    },
    focusQuestion() {
      d.go('conversation');
      d.focusQuestion();
    },
    stopAnswer() {
      if (d.running) d.stop();
    },
    openSettings() {
      d.go('settings');
    },
  };
}

