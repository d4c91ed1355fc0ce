import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from '../../electron/main/shell/app-paths';
import {
  CONTENT_SECURITY_POLICY,
  DEV_SERVER_CSP,
  CSP_FOR_META_TAG,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isAppUrl,
  secureWebPreferences,
  withContentSecurityPolicy,
} from '../../electron/main/shell/security';

const mainDir = join('/opt', 'FROK app', 'resources', 'out', 'main');
const built = resolveAppPaths(mainDir, undefined);
const dev = resolveAppPaths(mainDir, 'http://localhost:5173/');
const isBuiltApp = (url: string) => isAppUrl(url, built.appOrigin);
const isDevApp = (url: string) => isAppUrl(url, dev.appOrigin);
const indexUrl = 'frok://app/index.html';
const fileIndexUrl = pathToFileURL(built.rendererIndex).href;

describe('a packaged app', () => {
  it('ignores ELECTRON_RENDERER_URL and loads its own pages', () => {
    const packaged = resolveAppPaths(mainDir, 'http://attacker.test/', '/opt/FROK/resources');
    expect(packaged.mainPage).toEqual({ url: 'frok://app/index.html' });
    expect(packaged.appOrigin.devServerUrl).toBeNull();
    expect(resolveAppPaths(mainDir, 'http://localhost:5173/', null).mainPage).toEqual({ url: 'http://localhost:5173/' });
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page and keeps Node out of it', () => {
    expect(secureWebPreferences('/x/preload/index.cjs')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/x/preload/index.cjs',
    });
  });
});

describe('app paths', () => {
  it('finds the preload and renderer next to the main bundle, and loads the built page unless a dev server is set', () => {
    expect(built.preload).toBe(join('/opt', 'FROK app', 'resources', 'out', 'preload', 'index.cjs'));
    expect(built.rendererDir).toBe(join('/opt', 'FROK app', 'resources', 'out', 'renderer'));
    expect(built.mainPage).toEqual({ url: 'frok://app/index.html' });
    expect(built.quickAskPage).toEqual({ url: 'frok://app/quick-ask.html' });
    expect(dev.mainPage).toEqual({ url: 'http://localhost:5173/' });
    expect(dev.hudPage).toEqual({ url: 'http://localhost:5173/hud.html' });
    expect(resolveAppPaths(mainDir, '  ').mainPage).toEqual({ url: 'frok://app/index.html' });
  });
});

describe('isAppUrl', () => {
  it('accepts the built pages on frok://app/, with a query or hash', () => {
    expect(isBuiltApp(indexUrl)).toBe(true);
    expect(isBuiltApp(indexUrl + '#/settings')).toBe(true);
    expect(isBuiltApp('frok://app/quick-ask.html?x=1')).toBe(true);
    expect(isBuiltApp('FROK://APP/hud.html')).toBe(true);
  });

  it('refuses file:// (even the renderer folder), other hosts, folders, escapes with .. and non-HTML assets', () => {
    expect(isBuiltApp(fileIndexUrl)).toBe(false);
    expect(isBuiltApp('file:///etc/passwd')).toBe(false);
    expect(isBuiltApp('frok://evil/index.html')).toBe(false);
    expect(isBuiltApp('frok://app:1234/index.html')).toBe(false);
    expect(isBuiltApp('frok://user@app/index.html')).toBe(false);
    expect(isBuiltApp('frok://app/../main/index.html')).toBe(false);
    expect(isBuiltApp('frok://app/assets/page.html')).toBe(false);
    expect(isBuiltApp('frok://app/assets%2Fpage.html')).toBe(false);
    expect(isBuiltApp('frok://app/index.js')).toBe(false);
    expect(isBuiltApp('frok://app/.html')).toBe(false);
    expect(isBuiltApp('frok://app/')).toBe(false);
  });
  it('refuses web pages and garbage when running the built bundle', () => {
    for (const url of ['https://example.com/index.html', 'http://localhost:5173/', 'about:blank', 'data:text/html,hi', 'not a url', '']) {
      expect(isBuiltApp(url)).toBe(false);
    }
  });

  it('in development accepts the dev server’s origin only — not other ports, hosts or the built files', () => {
    expect(isDevApp('http://localhost:5173/')).toBe(true);
    expect(isDevApp('http://localhost:5173/quick-ask.html#x')).toBe(true);
    expect(isDevApp('http://localhost:5174/')).toBe(false);
    expect(isDevApp('https://localhost:5173/')).toBe(false);
    expect(isDevApp('http://localhost.evil.com:5173/')).toBe(false);
    expect(isDevApp(indexUrl)).toBe(false);
  });
});

describe('decidePermission', () => {
  const request = (over: object) => ({ isMainFrame: true, requestingUrl: indexUrl, mediaTypes: ['audio'], ...over });
  const check = (over: object) => ({ isMainFrame: true, requestingUrl: indexUrl, mediaType: 'audio', securityOrigin: 'frok://app', ...over });

  it('lets FROK’s own page use the microphone (request and check shapes)', () => {
    expect(decidePermission('media', request({}), isBuiltApp)).toBe(true);
    expect(decidePermission('media', check({}), isBuiltApp)).toBe(true);
  });

  it('refuses the camera, even together with the microphone', () => {
    expect(decidePermission('media', request({ mediaTypes: ['video'] }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', request({ mediaTypes: ['audio', 'video'] }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', request({ mediaTypes: [] }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', check({ mediaType: 'video' }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', check({ mediaType: 'unknown' }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', { isMainFrame: true, requestingUrl: indexUrl }, isBuiltApp)).toBe(false);
  });

  it('refuses the microphone to other pages, sub-frames and checks without a page', () => {
    expect(decidePermission('media', request({ requestingUrl: 'https://evil.example/' }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', request({ isMainFrame: false }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', check({ requestingUrl: undefined }), isBuiltApp)).toBe(false);
    expect(decidePermission('media', null, isBuiltApp)).toBe(false);
  });

  it('refuses every other permission, notifications included, even to FROK’s page', () => {
    for (const p of ['notifications', 'display-capture', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(decidePermission(p, request({}), isBuiltApp)).toBe(false);
      expect(decidePermission(p, check({}), isBuiltApp)).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  it('keeps windows on FROK’s pages', () => {
    expect(decideNavigation(indexUrl + '#/settings', isBuiltApp)).toBe('allow');
    expect(decideNavigation('https://example.com/', isBuiltApp)).toBe('deny');
    expect(decideNavigation('file:///etc/passwd', isBuiltApp)).toBe('deny');
    expect(decideNavigation('', isBuiltApp)).toBe('deny');
  });

  it('never opens a window; https links go to the browser, nothing else does', () => {
    expect(decideWindowOpen('https://platform.openai.com/api-keys')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', indexUrl, 'garbage']) {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: false });
    }
  });
});

describe('Content-Security-Policy header', () => {
  it('is the same strict policy as the page’s meta tag', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('replaces whatever CSP the dev server sent, whatever its case, and leaves other headers alone', () => {
    const headers = withContentSecurityPolicy('http://localhost:5173/', { 'content-security-policy': ['script-src *'], 'X-Other': ['1'] }, isDevApp);
    expect(headers).toEqual({ 'Content-Security-Policy': [DEV_SERVER_CSP], 'X-Other': ['1'] });
  });

  it('relaxes only what the dev server needs (hot reload), and only for the dev server', () => {
    expect(DEV_SERVER_CSP).toContain("script-src 'self' 'unsafe-inline'");
    expect(DEV_SERVER_CSP).toContain('ws://localhost:*');
    expect(DEV_SERVER_CSP).not.toContain('unsafe-eval');
    expect(DEV_SERVER_CSP).toContain("default-src 'none'");
  });

  it('does not touch responses from other origins', () => {
    expect(withContentSecurityPolicy('https://api.openai.com/v1/x', { a: 'b' }, isDevApp)).toEqual({ a: 'b' });
    expect(withContentSecurityPolicy('https://api.openai.com/v1/x', undefined, isDevApp)).toEqual({});
  });
});

describe('the page’s CSP meta tag', () => {
  it('is the header policy minus frame-ancestors, which a meta tag cannot carry', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CSP_FOR_META_TAG);
    expect(CSP_FOR_META_TAG).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});
