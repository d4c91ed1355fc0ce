import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../electron/main/logger';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/shell/security';
import { guardAllWebContents, guardSession, type GuardedContents, type SessionLike } from '../../electron/main/shell/session-guards';

const appPage = 'file:///app/out/renderer/index.html';
const isApp = (url: string) => url.startsWith('file:///app/out/renderer/') && url.includes('.html');

function fakeSession() {
  const installed: {
    request?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
    check?: Parameters<SessionLike['setPermissionCheckHandler']>[0];
    headers?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
  } = {};
  const session: SessionLike = {
    setPermissionRequestHandler: (h) => void (installed.request = h),
    setPermissionCheckHandler: (h) => void (installed.check = h),
    webRequest: { onHeadersReceived: (l) => void (installed.headers = l) },
  };
  return { session, installed };
}

describe('guardSession', () => {
  it('answers permission requests and checks: microphone for FROK, nothing else', () => {
    const { session, installed } = fakeSession();
    guardSession(session, isApp, createMemoryLogger());
    const answer = (permission: string, details: object) => {
      const callback = vi.fn();
      installed.request!(null, permission, callback, { isMainFrame: true, requestingUrl: appPage, ...details });
      return callback.mock.calls;
    };
    expect(answer('media', { mediaTypes: ['audio'] })).toEqual([[true]]);
    expect(answer('media', { mediaTypes: ['video'] })).toEqual([[false]]);
    expect(answer('notifications', {})).toEqual([[false]]);
    expect(installed.check!(null, 'media', 'file:///', { isMainFrame: true, requestingUrl: appPage, mediaType: 'audio' })).toBe(true);
    expect(installed.check!(null, 'notifications', 'file:///', { isMainFrame: true, requestingUrl: appPage })).toBe(false);
  });

  it('adds the CSP header to the app’s responses only', () => {
    const { session, installed } = fakeSession();
    guardSession(session, isApp, createMemoryLogger());
    const respond = (url: string) => {
      const callback = vi.fn();
      installed.headers!({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(respond(appPage)).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(respond('https://example.com/')).toEqual({ responseHeaders: { 'Content-Type': ['text/html'] } });
  });
});

function fakeContents() {
  const handlers = new Map<string, (event: { preventDefault(): void; url?: string }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, listener: (e: { preventDefault(): void; url?: string }, url?: string) => void) => handlers.set(event, listener),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void (openHandler = h),
  } as unknown as GuardedContents;
  const fire = (event: string, url?: string, legacyUrl?: string) => {
    const e = { preventDefault: vi.fn(), ...(url === undefined ? {} : { url }) };
    handlers.get(event)!(e, legacyUrl);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('guardAllWebContents', () => {
  function setUp() {
    let created: ((e: unknown, c: GuardedContents) => void) | undefined;
    const openExternal = vi.fn(async () => {});
    guardAllWebContents({ app: { on: (_e, l) => void (created = l) }, isApp, openExternal, log: createMemoryLogger() });
    const c = fakeContents();
    created!({}, c.contents);
    return { ...c, openExternal };
  }

  it('cancels navigation and redirects away from FROK, and allows moving within it', () => {
    const c = setUp();
    expect(c.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', undefined, 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', appPage + '#/settings')).toBe(false);
  });

  it('refuses <webview>', () => {
    expect(setUp().fire('will-attach-webview')).toBe(true);
  });

  it('never opens a window, and sends https links to the system browser only', () => {
    const c = setUp();
    expect(c.open('https://platform.openai.com/')).toEqual({ action: 'deny' });
    expect(c.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(c.open('http://example.com/')).toEqual({ action: 'deny' });
    expect(c.openExternal.mock.calls).toEqual([['https://platform.openai.com/']]);
  });
});
