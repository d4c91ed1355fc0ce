/**
 * Registers one of FROK's windows: its webContents becomes an IPC caller of its kind, a
 * reload or close ends what it owned (voice sessions), and events held for it wait for
 * its page again after a reload.
 */
import type { Caller } from '../../caller';
import { callerIdFor, type AppWindowContents, type AppWindows } from '../../shell/app-windows';
import type { PendingWindowEvents } from './pending-window-events';

export interface TrackedWindow {
  webContents: AppWindowContents & { on(event: 'did-start-loading', listener: () => void): unknown };
  on(event: 'closed', listener: () => void): unknown;
}

export interface TrackWindowDeps {
  windows: AppWindows;
  pending: PendingWindowEvents;
  /** Null until the services exist. */
  callerGone: () => ((callerId: string, reason: string) => void) | null;
}

/** Returns the window's caller id. */
export function trackAppWindow(win: TrackedWindow, kind: Caller['kind'], deps: TrackWindowDeps, onClosed: () => void = () => {}): string {
  const forget = deps.windows.add(win.webContents, kind);
  const callerId = callerIdFor(win.webContents.id);
  win.webContents.on('did-start-loading', () => {
    deps.pending.markLoading(callerId);
    deps.callerGone()?.(callerId, 'The window was reloaded.');
  });
  win.on('closed', () => {
    deps.callerGone()?.(callerId, 'The window was closed.');
    deps.pending.forget(callerId);
    forget();
    onClosed();
  });
  return callerId;
}

export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export interface CloseBehaviour {
  /** Set on 'before-quit': from then on closing really closes. */
  isQuitting(): boolean;
  /** Settings → Startup → Keep running when the window is closed (the main window only). */
  keepRunning?(): boolean;
  /** The window was hidden instead of closed (the first time, FROK says it keeps running). */
  onHidden?(): void;
}

/**
 * Closing a FROK window hides it: FROK keeps running in the tray. Only a real quit
 * (`isQuitting`), or the person's choice not to keep running, lets it close.
 */
export function hideInsteadOfClosing(win: ClosableWindow, behaviour: CloseBehaviour): void {
  win.on('close', (event) => {
    if (behaviour.isQuitting()) return;
    if (behaviour.keepRunning && !behaviour.keepRunning()) return;
    event.preventDefault();
    win.hide();
    behaviour.onHidden?.();
  });
}

/**
 * After the main window really closed (not hidden): with "keep running" off FROK quits,
 * except on macOS, where an app stays in the Dock with no window open and the Dock icon
 * brings the window back.
 */
export function quitsAfterMainWindowClosed(input: { platform: string; keepRunning: boolean; quitting: boolean }): boolean {
  return !input.quitting && !input.keepRunning && input.platform !== 'darwin';
}
