/**
 * Registers one of FROK's windows: its webContents becomes an IPC caller of its kind, a
 * reload or close ends what it owned (voice sessions), and events held for it wait for
 * its page again after a reload.
 */
import type { Caller } from '../../ipc/dispatcher';
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

/**
 * Closing a FROK window hides it: FROK keeps running in the tray. Only a real quit
 * (`isQuitting`, set on 'before-quit') lets it close.
 */
export function hideInsteadOfClosing(win: ClosableWindow, isQuitting: () => boolean): void {
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
}
