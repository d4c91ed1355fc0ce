/**
 * Wires security.ts's decisions to Electron: the session's permission handlers and CSP
 * header, and guards on every webContents ever created (navigation, new windows,
 * <webview>). Structural types stand in for Electron's so tests can drive it.
 */
import type { Logger } from '../logger';
import { decideNavigation, decidePermission, decideWindowOpen, withContentSecurityPolicy, type PermissionDetailsLike, type ResponseHeaders } from './security';

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetailsLike) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: PermissionDetailsLike) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: ResponseHeaders },
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void;
  };
}

export function guardSession(session: SessionLike, isApp: (url: string) => boolean, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = decidePermission(permission, details, isApp);
    if (!granted) log.info('refused a permission request', { permission, url: details?.requestingUrl });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => decidePermission(permission, details, isApp));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders, isApp) });
  });
}

interface PreventableEvent {
  preventDefault(): void;
  /** Electron ≥ 25 puts the target URL on the event; older signatures pass it second. */
  url?: string;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

export interface AppWithContents {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

/** Guards every webContents as it is created, so none is ever unprotected. */
export function guardAllWebContents(options: {
  app: AppWithContents;
  isApp: (url: string) => boolean;
  openExternal: (url: string) => Promise<unknown>;
  log: Logger;
}): void {
  const { app, isApp, openExternal, log } = options;
  app.on('web-contents-created', (_event, contents) => {
    const stopLeaving = (event: PreventableEvent, legacyUrl?: string) => {
      const url = event.url ?? legacyUrl ?? '';
      if (decideNavigation(url, isApp) === 'deny') {
        event.preventDefault();
        log.warn('blocked navigation away from FROK', { url: url.slice(0, 200) });
      }
    };
    contents.on('will-navigate', stopLeaving);
    contents.on('will-redirect', stopLeaving);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url);
      if (decision.openExternally) {
        openExternal(url).catch((err: unknown) => log.warn('could not open a link in the browser', err instanceof Error ? err.message : err));
      }
      return { action: decision.action };
    });
  });
}
