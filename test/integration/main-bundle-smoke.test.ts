/**
 * Runs the BUILT main bundle (out/main/index.js) in plain Node, with a recording stand-in
 * for the 'electron' module (the Electron binary is not installed on these machines).
 * It checks what only the bundle can show: the composition root wires the secure window,
 * the IPC binding, the permission handlers and the quit path together, and the bundle
 * loads at all (externals resolvable, no Electron API used that does not exist).
 * `npm test` builds first (scripts/test.sh); run `npx electron-vite build` before running this alone.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '@shared/ipc/names';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/shell/security';
import { launchWithStandIn, type StandInRun } from '../support/electron-stand-in/launch';
import type { StandInState } from '../support/electron-stand-in/protocol';

const root = resolve(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'index.js');
const preloadBundle = join(root, 'out', 'preload', 'index.cjs');
const rendererIndex = join(root, 'out', 'renderer', 'index.html');
const appVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const pageUrl = pathToFileURL(rendererIndex).href;

function sourceTimes(dir: string): number[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs);
}

function requireBuild(): void {
  const missing = [bundle, preloadBundle, rendererIndex].filter((f) => !existsSync(f));
  if (missing.length) {
    throw new Error(`The built bundles are missing (${missing.join(', ')}). Run \`npx electron-vite build\` first — \`npm test\` does this for you.`);
  }
}

let run: StandInRun | null = null;
afterEach(() => {
  run?.cleanUp();
  run = null;
});

async function startApp(): Promise<{ run: StandInRun; state: StandInState; webContentsId: number }> {
  requireBuild();
  run = launchWithStandIn(bundle, { appVersion });
  const current = run;
  await current.send({ cmd: 'ready' });
  // start() awaits the stores before it opens the window; poll until it has.
  const deadline = Date.now() + 10_000;
  let state = await current.state();
  while (state.windows.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    state = await current.state();
  }
  const win = state.windows[0];
  if (!win) throw new Error(`the main process opened no window after 'ready'.\n${current.output()}`);
  return { run: current, state, webContentsId: win.webContentsId };
}

describe('the built main bundle, with Electron stood in', () => {
  it('the preload bundle needs nothing but electron (no zod, no Node modules in the sandbox)', () => {
    requireBuild();
    const code = readFileSync(preloadBundle, 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/ZodError|safeParse|\$ZodType/);
    expect(code).toContain('exposeInMainWorld');
  });

  it('opens one secure, hidden-until-ready FROK window on the built renderer page', async () => {
    const { run, state } = await startApp();
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0]!;
    expect(win.options).toMatchObject({ width: 1100, height: 760, show: false, title: 'FROK' });
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webviewTag: false });
    expect(prefs['preload']).toBe(preloadBundle);
    expect(win.loads).toEqual([{ kind: 'file', target: rendererIndex }]);
    expect(win.shown).toBe(false);
    expect(win.guarded).toEqual({ navigate: true, redirect: true, webview: true, windowOpen: true });

    await run.send({ cmd: 'window-event', windowIndex: 0, event: 'ready-to-show' });
    expect((await run.state()).windows[0]!.shown).toBe(true);
  });

  it('answers the window’s page over IPC, refuses sub-frames and other pages, and forwards events to the window', async () => {
    const { run, state, webContentsId } = await startApp();
    expect(state.handlers).toEqual([INVOKE_CHANNEL]);

    const info = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'app:info' });
    expect(info).toMatchObject({ ok: true, data: { name: 'FROK', version: appVersion, platform: process.platform } });

    const fromSubFrame = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: true, channel: 'app:info' });
    expect(fromSubFrame).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromElsewhere = await run.send({ cmd: 'invoke', webContentsId, frameUrl: 'https://evil.example/', subFrame: false, channel: 'app:info' });
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const unknown = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'fs:read' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });

    // Settings go to electron-store in the user-data folder, and the change reaches the window.
    const updated = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'settings:update', payload: { onboarded: true } });
    expect(updated).toMatchObject({ ok: true, data: { onboarded: true } });
    expect(JSON.parse(readFileSync(join(run.userData, 'settings.json'), 'utf8'))).toMatchObject({ onboarded: true });
    const sent = (await run.state()).windows[0]!.sent;
    expect(sent).toContainEqual({ channel: EVENT_CHANNEL, args: ['settings:changed', expect.objectContaining({ onboarded: true })] });
  });

  it('keeps secrets in the system keychain: the bundle can load keytar', async () => {
    // The child's D-Bus address leads nowhere, so keytar loads but cannot reach a keyring:
    // the store is still the keychain, and the status says it is unavailable.
    const { run, webContentsId } = await startApp();
    const status = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'secrets:status' });
    expect(status, run.output()).toMatchObject({ ok: true, data: { storage: { kind: 'keychain' } } });
  });

  it('grants the microphone to FROK’s page and refuses notifications, the camera and other pages', async () => {
    const { run, state } = await startApp();
    expect(state.permissionHandlers).toEqual({ request: true, check: true });
    const request = (permission: string, details: object) =>
      run.send({ cmd: 'permission-request', permission, details: { isMainFrame: true, requestingUrl: pageUrl, ...details } });
    expect(await request('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(await request('media', { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(await request('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(await request('notifications', {})).toBe(false);
    expect(await run.send({ cmd: 'permission-check', permission: 'media', details: { isMainFrame: true, requestingUrl: pageUrl, mediaType: 'audio' } })).toBe(true);
    expect(await run.send({ cmd: 'permission-check', permission: 'notifications', details: { isMainFrame: true, requestingUrl: pageUrl } })).toBe(false);
    expect(await run.send({ cmd: 'headers', url: pageUrl, headers: {} })).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('keeps the window on FROK and sends https links to the browser', async () => {
    const { run, webContentsId } = await startApp();
    expect(await run.send({ cmd: 'navigate', webContentsId, event: 'will-navigate', url: 'https://evil.example/' })).toEqual({ prevented: true });
    expect(await run.send({ cmd: 'navigate', webContentsId, event: 'will-redirect', url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    expect(await run.send({ cmd: 'window-open', webContentsId, url: 'https://platform.openai.com/api-keys' })).toEqual({ action: 'deny' });
    expect(await run.send({ cmd: 'window-open', webContentsId, url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const opened = (await run.state()).calls.filter((c) => c.target === 'shell' && c.method === 'openExternal');
    expect(opened.map((c) => c.args[0])).toEqual(['https://platform.openai.com/api-keys']);
  });

  it('a second launch focuses the window instead of opening another', async () => {
    const { run } = await startApp();
    await run.send({ cmd: 'app-event', event: 'second-instance' });
    const state = await run.state();
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]!.focused).toBe(true);
  });

  it('on quit releases the IPC handler and the process ends by itself', async () => {
    const { run } = await startApp();
    await run.send({ cmd: 'quit' });
    const ended = await Promise.race([run.exit, new Promise<null>((r) => setTimeout(() => r(null), 8_000))]);
    if (!ended) throw new Error(`the main process did not exit within 8 s after quitting: something (a timer, a socket, a watcher) kept it alive.\n${run.output()}`);
    expect(ended.code).toBe(0);
    expect(ended.notice?.exited).toBe(0);
    expect(ended.notice?.state.handlers).toEqual([]);
    expect(ended.notice?.state.calls).toContainEqual({ target: 'ipcMain', method: 'removeHandler', args: [INVOKE_CHANNEL] });
  });

  it('when FROK already runs, a second copy quits without opening anything', async () => {
    requireBuild();
    run = launchWithStandIn(bundle, { appVersion, env: { FROK_STANDIN_ANOTHER_INSTANCE: '1' } });
    const ended = await Promise.race([run.exit, new Promise<null>((r) => setTimeout(() => r(null), 8_000))]);
    if (!ended) throw new Error(`the second copy did not exit.\n${run.output()}`);
    expect(ended.code).toBe(0);
    expect(ended.notice?.state.windows).toEqual([]);
    expect(ended.notice?.state.handlers).toEqual([]);
  });

  it('the built bundles are newer than the main-process and preload sources', () => {
    requireBuild();
    // A stale bundle would make every check above test older code.
    const newest = Math.max(...['electron', 'shared'].flatMap((dir) => sourceTimes(join(root, dir))));
    const built = Math.min(statSync(bundle).mtimeMs, statSync(preloadBundle).mtimeMs);
    expect(built, 'out/ is older than the sources: run `npx electron-vite build`').toBeGreaterThanOrEqual(newest);
  });
});
