/**
 * What the IPC handlers need from the desktop shell (windows, hotkeys). Electron's main
 * process attaches the real one once its windows and hotkeys exist; until then, and in
 * the Node test harness which has no windows, the headless one answers.
 */
import type { HotkeyStatus } from '@shared/desktop';
import type { Caller } from '../caller';

export interface DesktopShellPort {
  hotkeyStatus(): HotkeyStatus[];
  /** The caller's page listens for its events now. */
  windowReady(caller: Caller): void;
  /** Hides the caller's window. */
  closeWindow(caller: Caller): void;
  /** Shows the main window, on a conversation when given. */
  openMain(conversationId: string | null, caller: Caller): void;
  /**
   * Opens a folder (or file) with the system's default app, as Electron's shell.openPath:
   * resolves '' on success, otherwise what went wrong. Absent when there is no desktop.
   */
  openPath?(path: string): Promise<string>;
  /**
   * Opens a web or mail address in the system's browser or mail app, as Electron's
   * shell.openExternal; rejects when it could not. Absent when there is no desktop.
   * Callers check the address first (shared/external-link.ts).
   */
  openExternal?(url: string): Promise<void>;
}

const NO_DESKTOP = 'there is no desktop to open it on';

export const HEADLESS_SHELL: DesktopShellPort = {
  hotkeyStatus: () => [],
  windowReady: () => {},
  closeWindow: () => {},
  openMain: () => {},
};

/** A port whose implementation is attached later; it behaves headless until then. */
export function createLateBoundShell(): { port: DesktopShellPort; attach(shell: DesktopShellPort): void } {
  let current: DesktopShellPort = HEADLESS_SHELL;
  return {
    port: {
      hotkeyStatus: () => current.hotkeyStatus(),
      windowReady: (caller) => current.windowReady(caller),
      closeWindow: (caller) => current.closeWindow(caller),
      openMain: (conversationId, caller) => current.openMain(conversationId, caller),
      openPath: (path) => current.openPath?.(path) ?? Promise.resolve(NO_DESKTOP),
      openExternal: (url) => current.openExternal?.(url) ?? Promise.reject(new Error(NO_DESKTOP)),
    },
    attach(shell) {
      current = shell;
    },
  };
}
