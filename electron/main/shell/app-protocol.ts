/**
 * FROK's pages are served from its own scheme, frok://app/, not from file://. A file://
 * page shares its origin with every file on the disk and, with Electron's
 * grantFileProtocolExtraPrivileges fuse on, may fetch them; frok://app/ is one origin that
 * holds only the built renderer folder. The scheme is registered as standard and secure
 * before 'ready' (so 'self' in the CSP, fetch and the microphone work as for https), and
 * each request is resolved here: a path that leaves the renderer folder is refused.
 */
import { readFile } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'frok';
export const APP_HOST = 'app';
/** The origin of FROK's built pages. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** For protocol.registerSchemesAsPrivileged, before 'ready'. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true } as const;

export function appPageUrl(name: string): string {
  return `${APP_ORIGIN}/${name}`;
}

/** What the built renderer folder holds; anything else is served as bytes no page can run. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type AppRequestResolution = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/** Maps a frok://app/ request to a file inside rendererDir, or says why not. */
export function resolveAppRequest(rendererDir: string, requestUrl: string): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return { ok: false, status: 404, reason: 'not a FROK page' };
  let path: string;
  try {
    // Decoded after parsing, so an encoded "..%2F" is seen as the path it spells.
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'a malformed path' };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400, reason: 'a malformed path' };
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || resolve(root, inside) !== file) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  return { ok: true, file, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

/** The handler for protocol.handle(APP_SCHEME, …): the file, with the CSP as a real header. */
export async function serveAppRequest(
  request: { url: string; method?: string },
  rendererDir: string,
  read: (file: string) => Promise<Uint8Array> = readFile,
): Promise<Response> {
  if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const resolved = resolveAppRequest(rendererDir, request.url);
  if (!resolved.ok) return new Response(null, { status: resolved.status });
  let body: Uint8Array;
  try {
    body = await read(resolved.file);
  } catch {
    return new Response(null, { status: 404 });
  }
  const headers: Record<string, string> = { 'content-type': resolved.contentType, 'x-content-type-options': 'nosniff' };
  if (resolved.contentType.startsWith('text/html')) headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
