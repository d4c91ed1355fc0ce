import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appPageUrl, resolveAppRequest, serveAppRequest } from '../../electron/main/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/shell/security';

let root: string;
let rendererDir: string;

beforeAll(() => {
  // out/main holds the main bundle (with the secrets' code paths); out/renderer the pages.
  root = mkdtempSync(join(tmpdir(), 'frok-protocol-'));
  rendererDir = join(root, 'out', 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  mkdirSync(join(root, 'out', 'main'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>FROK</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'voice-capture-worklet.js'), 'registerProcessor');
  writeFileSync(join(root, 'out', 'main', 'index.js'), 'secret main code');
  writeFileSync(join(root, 'out', 'renderer-evil.html'), 'not ours');
});

describe('frok://app/ serves the renderer folder and nothing else', () => {
  it('maps pages and assets to files in the renderer folder, with their types', () => {
    expect(appPageUrl('index.html')).toBe('frok://app/index.html');
    expect(resolveAppRequest(rendererDir, 'frok://app/index.html')).toEqual({ ok: true, file: join(rendererDir, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest(rendererDir, 'frok://app/')).toMatchObject({ ok: true, file: join(rendererDir, 'index.html') });
    expect(resolveAppRequest(rendererDir, 'frok://app/assets/index-abc.js?v=1#x')).toMatchObject({ ok: true, contentType: 'text/javascript; charset=utf-8' });
    expect(resolveAppRequest(rendererDir, 'frok://app/assets/font.bin')).toMatchObject({ ok: true, contentType: 'application/octet-stream' });
  });

  it('refuses every way out of the folder, other hosts and schemes', () => {
    const refused = [
      'frok://app/..%2Fmain%2Findex.js',
      'frok://app/%2e%2e%2fmain/index.js',
      'frok://app/assets/..%2F..%2Fmain/index.js',
      'frok://app/..%2Frenderer-evil.html',
      'frok://app/%2F..%2F..%2Fetc%2Fpasswd',
      'frok://app/..%5Cmain%5Cindex.js',
      'frok://app/index.html%00.js',
      'frok://app/%E0%A4%A',
      'frok://other/index.html',
      'file:///etc/passwd',
      'https://app/index.html',
      'not a url',
    ];
    for (const url of refused) expect(resolveAppRequest(rendererDir, url), url).toMatchObject({ ok: false });
    // The parser resolves plain `..` before FROK sees the path, so it stays inside.
    expect(resolveAppRequest(rendererDir, 'frok://app/../main/index.js')).toMatchObject({ ok: true, file: join(rendererDir, 'main', 'index.js') });
  });

  it('answers with the file and the CSP as a real header; a refused or missing path gets no bytes', async () => {
    const page = await serveAppRequest({ url: 'frok://app/index.html', method: 'GET' }, rendererDir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>FROK</title>');

    const script = await serveAppRequest({ url: 'frok://app/voice-capture-worklet.js' }, rendererDir);
    expect(await script.text()).toBe('registerProcessor');
    expect(script.headers.get('content-security-policy')).toBeNull();

    for (const url of ['frok://app/..%2Fmain%2Findex.js', 'frok://app/..%2Frenderer-evil.html']) {
      const refused = await serveAppRequest({ url }, rendererDir);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toBe('');
    }
    expect((await serveAppRequest({ url: 'frok://app/missing.html' }, rendererDir)).status).toBe(404);
    expect((await serveAppRequest({ url: 'frok://app/index.html', method: 'POST' }, rendererDir)).status).toBe(405);
  });

  it('is registered as a standard, secure scheme (so CSP self, fetch and the microphone work)', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
  });
});
