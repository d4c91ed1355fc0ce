/**
 * The main window's keyboard shortcuts (shared/shortcuts.ts), installed once by the Shell:
 * one keydown listener for the keys, and `window:shortcut` for the same items chosen in
 * the application menu. Quick ask and voice are not here: they are global hotkeys, which
 * main handles whichever window is in front (see shared/shortcuts.ts).
 */
import { useEffect, useEffectEvent } from 'react';
import { useConversation } from '../conversation/ConversationProvider';
import { runningTurn } from '../conversation/conversation-model';
import { useFrokEvent } from '../ipc';
import { shellShortcutActions, targetKind, windowShortcutFor } from './key-handling';
import { focusQuestionBoxSoon, questionBox, STOP_BUTTON_SELECTOR } from './question-box';
import './keyboard.css';

function modalDialogOpen(): boolean {
  return document.querySelector('dialog[open], [role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]') !== null;
}

export function useShellShortcuts({ platform, go }: { platform: string; go(screen: 'conversation' | 'settings'): void }): void {
  const { state, dispatch, cancel } = useConversation();
  const running = runningTurn(state);

  const actions = () =>
    shellShortcutActions({
      go,
      running: running !== null,
      hasTurns: state.turns.length > 0,
      startNew: () => dispatch({ type: 'new' }),
      stop() {
        // The Conversation screen's Stop button, when it shows, so a failure to stop is said there.
        const button = document.querySelector<HTMLButtonElement>(STOP_BUTTON_SELECTOR);
        if (button) button.click();
        else if (running) void cancel(running.runId);
      },
      focusQuestion: () => focusQuestionBoxSoon(),
    });

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const id = windowShortcutFor(
      {
        key: event.key,
        code: event.code,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        metaKey: event.metaKey,
        defaultPrevented: event.defaultPrevented,
        isComposing: event.isComposing,
        dialogOpen: modalDialogOpen(),
        target: targetKind(event.target, questionBox()),
        canStop: document.querySelector(STOP_BUTTON_SELECTOR) !== null,
      },
      platform,
    );
    if (!id) return;
    // Ctrl+N would open a browser window, Ctrl+L its address bar: the page's meaning wins.
    event.preventDefault();
    actions()[id]();
  });

  useEffect(() => {
    // Bubbling, on the window: whatever handled the key on the way (and said so) goes first.
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  useFrokEvent('window:shortcut', ({ shortcut }) => {
    if (!modalDialogOpen()) actions()[shortcut]();
  });
}
