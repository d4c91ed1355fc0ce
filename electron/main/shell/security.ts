/**
 * The security baseline as plain functions: what every window's webPreferences are,
 * which URLs count as FROK's own pages, and the decisions for permissions, navigation,
 * new windows and the Content-Security-Policy. session-guards.ts wires them to Electron.
 */
import { APP_HOST, APP_SCHEME } from './app-protocol';

/**
 * The one CSP for FROK's pages, sent as a header with each built page (app-protocol.ts)
 * and the dev server's. The pages also carry CSP_FOR_META_TAG in a <meta> tag
 * (renderer/index.html; a unit test keeps the two in step), so a page is never without one.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  // The voice page talks to OpenAI's Realtime API itself (WebRTC offer over https, or a WebSocket), with a short-lived client secret.
  "media-src 'self' blob: mediastream:; connect-src 'self' https://api.openai.com wss://api.openai.com; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `npm run dev` only: Vite's dev server injects React Refresh's inline preamble and styles
 * and keeps a WebSocket for hot reload. Built pages (frok://app/) never get this policy.
 */
export const DEV_SERVER_CSP = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");

/** Browsers ignore frame-ancestors in a <meta> policy (and warn), so the tag leaves it out. */
export const CSP_FOR_META_TAG = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors '))
  .join('; ');

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
  preload: string;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    preload: preloadPath,
  };
}

/**
 * Where the app's pages come from: the dev server while developing (only then), else
 * the HTML pages of the built renderer directory, served at frok://app/.
 */
export interface AppOrigin {
  /** ELECTRON_RENDERER_URL, or null when running the built bundle. */
  devServerUrl: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for FROK's own pages: an .html page at the top of frok://app/, or the dev server's origin. */
export function isAppUrl(url: string, appOrigin: AppOrigin): boolean {
  const target = parse(url);
  if (!target) return false;
  if (appOrigin.devServerUrl !== null) {
    const dev = parse(appOrigin.devServerUrl);
    return dev !== null && target.origin !== 'null' && target.origin === dev.origin;
  }
  if (target.protocol !== `${APP_SCHEME}:` || target.host.toLowerCase() !== APP_HOST || target.username || target.password || target.port) return false;
  // The URL parser has already resolved any `..` segments; a page is one name, no folders.
  const name = target.pathname.slice(1);
  return /^[A-Za-z0-9_-]+\.html$/.test(name);
}

/**
 * The details Electron passes with a permission. A request carries `mediaTypes`
 * (array); a check carries `mediaType` (single) and may lack `requestingUrl`.
 */
export interface PermissionDetailsLike {
  isMainFrame?: boolean;
  requestingUrl?: string;
  mediaTypes?: readonly string[];
  mediaType?: string;
}

function asksForMicrophoneOnly(details: PermissionDetailsLike): boolean {
  if (Array.isArray(details.mediaTypes)) {
    return details.mediaTypes.length > 0 && details.mediaTypes.every((t) => t === 'audio');
  }
  return details.mediaType === 'audio';
}

/**
 * FROK needs the microphone and nothing else from the web platform: 'media' for audio
 * only, asked by the top frame of one of its own pages. Everything else is refused —
 * notifications included (main shows those itself).
 */
export function decidePermission(permission: string, details: PermissionDetailsLike | null | undefined, isApp: (url: string) => boolean): boolean {
  if (permission !== 'media' || !details) return false;
  if (details.isMainFrame !== true) return false;
  if (typeof details.requestingUrl !== 'string' || !isApp(details.requestingUrl)) return false;
  return asksForMicrophoneOnly(details);
}

/** A window may only ever show FROK's own pages; any other navigation is cancelled. */
export function decideNavigation(url: string, isApp: (url: string) => boolean): 'allow' | 'deny' {
  return isApp(url) ? 'allow' : 'deny';
}

/**
 * The app never opens child windows. A link to an https page is handed to the person's
 * browser instead; anything else (http, file, custom schemes) is dropped.
 */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  const target = parse(url);
  return { action: 'deny', openExternally: target !== null && target.protocol === 'https:' };
}

export type ResponseHeaders = Record<string, string | string[]>;

/** Adds the CSP to responses for the app's own pages, replacing any the server sent. */
export function withContentSecurityPolicy(url: string, headers: ResponseHeaders | undefined, isApp: (url: string) => boolean): ResponseHeaders {
  const result: ResponseHeaders = { ...(headers ?? {}) };
  if (!isApp(url)) return result;
  for (const key of Object.keys(result)) {
    if (key.toLowerCase() === 'content-security-policy') delete result[key];
  }
  // Only the dev server's pages come over http(s); the built ones come from frok://app/.
  result['Content-Security-Policy'] = [/^https?:/i.test(url) ? DEV_SERVER_CSP : CONTENT_SECURITY_POLICY];
  return result;
}
