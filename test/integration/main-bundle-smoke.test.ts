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
// The built pages are served from FROK's own scheme (app-protocol.ts), not file://.
const pageUrl = 'frok://app/index.html';
const quickAskUrl = 'frok://app/quick-ask.html';
const hudUrl = 'frok://app/hud.html';
const VOICE_KEYS = 'CommandOrControl+Shift+Space';
const QUICK_ASK_KEYS = 'CommandOrControl+Shift+K';
const SECURE_PREFS = { contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false, preload: preloadBundle };

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

async function startApp(env?: Record<string, string>): Promise<{ run: StandInRun; state: StandInState; webContentsId: number }> {
  requireBuild();
  run = launchWithStandIn(bundle, { appVersion, ...(env ? { env } : {}) });
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
    expect(win.loads).toEqual([{ kind: 'url', target: pageUrl }]);
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
    // The child's D-Bus address leads nowhere, so keytar loads but no keyring answers its
    // probe: FROK keeps secrets in the safeStorage file and says why (only a loaded keytar can say so).
    const { run, webContentsId } = await startApp();
    const status = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'secrets:status' });
    expect(status, run.output()).toMatchObject({ ok: true, data: { storage: { kind: 'encrypted-file', message: expect.stringMatching(/^The system keyring did not answer/) } } });
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

  it('serves its pages from frok://app/, registered as privileged before ready, and nothing outside the renderer folder', async () => {
    const { run, state, webContentsId } = await startApp();
    expect(state.privilegedSchemes).toEqual([{ schemes: [{ scheme: 'frok', privileges: expect.objectContaining({ standard: true, secure: true }) }], beforeReady: true }]);
    expect(state.protocolHandlers).toEqual(['frok']);
    const page = (await run.send({ cmd: 'protocol-request', url: pageUrl })) as { status: number; headers: Record<string, string>; body: string };
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toBe(readFileSync(rendererIndex, 'utf8'));
    for (const url of ['frok://app/..%2Fmain%2Findex.js', 'frok://app/..%2Fpreload%2Findex.cjs', 'frok://app/%2e%2e%2f%2e%2e%2fpackage.json']) {
      expect(await run.send({ cmd: 'protocol-request', url }), url).toMatchObject({ status: 403, body: '' });
    }
    // The file:// address of the same page is not FROK's: IPC from it is refused.
    const fromFile = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pathToFileURL(rendererIndex).href, subFrame: false, channel: 'app:info' });
    expect(fromFile).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('has a real application menu with Quit, and main’s HTTP goes through net.fetch', async () => {
    const { run, state, webContentsId } = await startApp();
    expect(state.applicationMenu?.map((m) => m.label)).toEqual(process.platform === 'darwin' ? ['FROK', 'File', 'Edit', 'View', 'Window', 'Help'] : ['File', 'Edit', 'View', 'Window', 'Help']);
    expect(state.applicationMenu?.find((m) => m.label === 'Edit')?.items).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll']));
    // A key check against a local server: the request leaves through Electron's network stack.
    await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'secrets:setOpenAIKey', payload: { key: '', provider: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } } });
    expect((await run.state()).netFetches).toContain('http://127.0.0.1:9/v1/models');
    void run.send({ cmd: 'app-menu-click', label: process.platform === 'darwin' ? 'Quit FROK' : 'Quit' }).catch(() => undefined);
    const ended = await Promise.race([run.exit, new Promise<null>((r) => setTimeout(() => r(null), 8_000))]);
    if (!ended) throw new Error(`FROK did not quit from the menu.\n${run.output()}`);
    expect(ended.code).toBe(0);
  });

  it('keeps the window on FROK and sends https links to the browser', async () => {
    const { run, webContentsId } = await startApp();
    expect(await run.send({ cmd: 'navigate', webContentsId, event: 'will-navigate', url: 'https://evil.example/' })).toEqual({ prevented: true });
    expect(await run.send({ cmd: 'navigate', webContentsId, event: 'will-redirect', url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    expect(await run.send({ cmd: 'window-open', webContentsId, url: 'https://platform.openai.com/api-keys' })).toEqual({ action: 'deny' });
    expect(await run.send({ cmd: 'window-open', webContentsId, url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const opened = (await run.state()).calls.filter((c) => c.target === 'shell' && c.method === 'openExternal');
    expect(opened.map((c) => c.args[0])).toEqual(['https://platform.openai.com/api-keys']);
    // A link clicked in an answer reaches Electron's shell through shell:openExternal; any other scheme is refused first.
    const link = { cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'shell:openExternal' } as const;
    expect(await run.send({ ...link, payload: { url: 'https://example.com/docs' } })).toEqual({ ok: true, data: { ok: true } });
    expect(await run.send({ ...link, payload: { url: 'javascript:alert(1)' } })).toMatchObject({ ok: false, error: { code: 'link_refused' } });
    const afterLinks = (await run.state()).calls.filter((c) => c.target === 'shell' && c.method === 'openExternal');
    expect(afterLinks.map((c) => c.args[0])).toEqual(['https://platform.openai.com/api-keys', 'https://example.com/docs']);
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
    expect((await run.state()).shortcuts.length).toBe(2);
    await run.send({ cmd: 'quit' });
    const ended = await Promise.race([run.exit, new Promise<null>((r) => setTimeout(() => r(null), 8_000))]);
    if (!ended) throw new Error(`the main process did not exit within 8 s after quitting: something (a timer, a socket, a watcher) kept it alive.\n${run.output()}`);
    expect(ended.code).toBe(0);
    expect(ended.notice?.exited).toBe(0);
    expect(ended.notice?.state.handlers).toEqual([]);
    expect(ended.notice?.state.calls).toContainEqual({ target: 'ipcMain', method: 'removeHandler', args: [INVOKE_CHANNEL] });
    // The global hotkeys are given back to the system, and the tray icon goes.
    expect(ended.notice?.state.shortcuts).toEqual([]);
    expect(ended.notice?.state.calls).toContainEqual({ target: 'globalShortcut', method: 'unregisterAll', args: [] });
    expect(ended.notice?.state.trays.map((t) => t.destroyed)).toEqual([true]);
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

const eventsSent = (win: StandInState['windows'][number], name: string) =>
  win.sent.filter((m) => m.channel === EVENT_CHANNEL && m.args[0] === name).map((m) => m.args[1]);

describe('FROK on the desktop (tray, hotkeys, quick ask, voice HUD), with Electron stood in', () => {
  it('its menu shows the window shortcuts without taking their keys, sends them to the main window, and takes a hotkey the system refused', async () => {
    const { run, webContentsId } = await startApp({ FROK_STANDIN_TAKEN_SHORTCUTS: QUICK_ASK_KEYS });
    await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'window:ready' });
    const file = (await run.state()).applicationMenu!.find((m) => m.label === 'File')!;
    const keys = Object.fromEntries((file.keys ?? []).map((k) => [k.label, k]));
    expect(keys['New Conversation']).toEqual({ label: 'New Conversation', accelerator: 'CommandOrControl+N', registerAccelerator: false });
    expect(keys['Go to Question Box']).toMatchObject({ accelerator: 'CommandOrControl+L', registerAccelerator: false });
    // Another app has the quick-ask keys: inside FROK the menu takes them; voice is FROK's globally, so the menu leaves it.
    expect(keys['Quick Ask']).toMatchObject({ accelerator: QUICK_ASK_KEYS, registerAccelerator: true });
    expect(keys['Start Voice']).toMatchObject({ accelerator: VOICE_KEYS, registerAccelerator: false });
    expect((await run.state()).applicationMenu!.find((m) => m.label === 'Help')!.items).toContain('Keyboard Shortcuts');

    await run.send({ cmd: 'app-menu-click', label: 'New Conversation' });
    await run.send({ cmd: 'app-menu-click', label: process.platform === 'darwin' ? 'Stop the Answer (Esc)' : 'Stop the Answer' });
    expect(eventsSent((await run.state()).windows[0]!, 'window:shortcut')).toEqual([{ shortcut: 'newConversation' }, { shortcut: 'stopAnswer' }]);
  });

  it('sits in the tray with the idle icon and its menu, and registers both hotkeys once ready', async () => {
    const { run, webContentsId } = await startApp();
    const state = await run.state();
    expect(state.trays).toHaveLength(1);
    const tray = state.trays[0]!;
    expect(tray.image).toBe(join(root, 'resources', 'tray', 'tray-idle.png'));
    expect(existsSync(tray.image), 'the idle tray icon file exists').toBe(true);
    expect(tray.tooltip).toBe('FROK — ready');
    expect(tray.menu?.map((i) => i.id ?? i.type)).toEqual(['quickAsk', 'startVoice', 'separator', 'openMain', 'openSettings', 'togglePauseHotkeys', 'separator', 'quit']);
    expect(tray.menu?.find((i) => i.id === 'quickAsk')?.accelerator).toBe(QUICK_ASK_KEYS);
    expect(state.shortcuts.sort()).toEqual([QUICK_ASK_KEYS, VOICE_KEYS].sort());

    const status = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'hotkeys:status' });
    expect(status).toEqual({
      ok: true,
      data: [
        { action: 'voice', accelerator: VOICE_KEYS, registered: true, reason: null },
        { action: 'quickAsk', accelerator: QUICK_ASK_KEYS, registered: true, reason: null },
      ],
    });
  });

  it('reports a hotkey another app holds, with what to do', async () => {
    const { run, webContentsId } = await startApp({ FROK_STANDIN_TAKEN_SHORTCUTS: QUICK_ASK_KEYS });
    const status = (await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'hotkeys:status' })) as { data: { registered: boolean; reason: string | null }[] };
    expect(status.data[0]).toMatchObject({ registered: true });
    expect(status.data[1]).toMatchObject({ registered: false, reason: expect.stringContaining('Another app is using this shortcut') });
  });

  it('the voice hotkey opens the voice HUD (secure, top centre, not stealing focus) and toggles it once its page listens', async () => {
    const { run } = await startApp();
    await run.send({ cmd: 'press-shortcut', accelerator: VOICE_KEYS });
    let state = await run.state();
    expect(state.windows).toHaveLength(2);
    const hud = state.windows[1]!;
    expect(hud.options).toMatchObject({ title: 'FROK — Voice', frame: false, alwaysOnTop: true, skipTaskbar: true, show: false });
    expect(hud.options['webPreferences']).toMatchObject(SECURE_PREFS);
    expect(hud.loads).toEqual([{ kind: 'url', target: hudUrl }]);
    expect(hud.visible).toBe(true);
    expect(hud.focused).toBe(false);
    const width = hud.options['width'] as number;
    expect(hud.position).toEqual([Math.round((1920 - width) / 2), 24]);
    // Held until the page says it listens, so the first press is not lost while it loads.
    expect(eventsSent(hud, 'hud:toggle')).toEqual([]);

    const ready = await run.send({ cmd: 'invoke', webContentsId: hud.webContentsId, frameUrl: hudUrl, subFrame: false, channel: 'window:ready' });
    expect(ready).toEqual({ ok: true, data: { ok: true } });
    await run.send({ cmd: 'press-shortcut', accelerator: VOICE_KEYS });
    state = await run.state();
    expect(state.windows).toHaveLength(2);
    expect(eventsSent(state.windows[1]!, 'hud:toggle')).toEqual([{ action: 'toggle' }, { action: 'toggle' }]);
    // The main window does not get the HUD's events.
    expect(eventsSent(state.windows[0]!, 'hud:toggle')).toEqual([]);

    await run.send({ cmd: 'invoke', webContentsId: hud.webContentsId, frameUrl: hudUrl, subFrame: false, channel: 'window:close' });
    expect((await run.state()).windows[1]!.visible).toBe(false);

    // The tray's Start voice brings the same HUD back and asks it to start.
    await run.send({ cmd: 'tray-menu-click', item: 'startVoice' });
    state = await run.state();
    expect(state.windows).toHaveLength(2);
    expect(state.windows[1]!.visible).toBe(true);
    expect(eventsSent(state.windows[1]!, 'hud:toggle').at(-1)).toEqual({ action: 'start' });
  });

  it('the tray and the quick-ask hotkey open one secure quick-ask window that hides when it loses focus', async () => {
    const { run } = await startApp();
    await run.send({ cmd: 'tray-click' });
    let state = await run.state();
    expect(state.windows).toHaveLength(2);
    const quick = state.windows[1]!;
    expect(quick.options).toMatchObject({ title: 'FROK — Quick ask', width: 560, height: 420, frame: false, alwaysOnTop: true, skipTaskbar: true, show: false });
    expect(quick.options['webPreferences']).toMatchObject(SECURE_PREFS);
    expect(quick.guarded).toEqual({ navigate: true, redirect: true, webview: true, windowOpen: true });
    expect(quick.loads).toEqual([{ kind: 'url', target: quickAskUrl }]);
    expect(quick.visible && quick.focused).toBe(true);
    // This tray reports no bounds (as on Linux): placed under the cursor, inside the work area.
    expect(quick.position).toEqual([960 - 280, 500 + 8]);

    // It is an IPC caller of its own: it may ask, and reads the recent quick asks.
    const recent = await run.send({ cmd: 'invoke', webContentsId: quick.webContentsId, frameUrl: quickAskUrl, subFrame: false, channel: 'quickAsk:recent' });
    expect(recent).toEqual({ ok: true, data: [] });

    await run.send({ cmd: 'window-event', windowIndex: 1, event: 'blur' });
    expect((await run.state()).windows[1]!.visible).toBe(false);

    await run.send({ cmd: 'press-shortcut', accelerator: QUICK_ASK_KEYS });
    state = await run.state();
    expect(state.windows).toHaveLength(2);
    expect(state.windows[1]!.visible).toBe(true);
    await run.send({ cmd: 'invoke', webContentsId: quick.webContentsId, frameUrl: quickAskUrl, subFrame: false, channel: 'window:close' });
    expect((await run.state()).windows[1]!.visible).toBe(false);

    // "Open in FROK": the main window comes up on that conversation once its page listens.
    await run.send({ cmd: 'invoke', webContentsId: quick.webContentsId, frameUrl: quickAskUrl, subFrame: false, channel: 'window:openMain', payload: { conversationId: 'c-1' } });
    const main = (await run.state()).windows[0]!;
    await run.send({ cmd: 'invoke', webContentsId: main.webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'window:ready' });
    expect(eventsSent((await run.state()).windows[0]!, 'window:openConversation')).toEqual([{ conversationId: 'c-1' }]);
  });

  it('closing the main window hides it to the tray and FROK keeps running; Quit from the tray menu quits', async () => {
    const { run } = await startApp();
    await run.send({ cmd: 'window-event', windowIndex: 0, event: 'ready-to-show' });
    await run.send({ cmd: 'window-close', windowIndex: 0 });
    let state = await run.state();
    expect(state.windows[0]).toMatchObject({ destroyed: false, visible: false });
    expect(state.quitCompleted).toBe(false);
    expect(state.handlers).toEqual([INVOKE_CHANNEL]);
    // The first time only, a notification says FROK keeps running and how to quit.
    const stillRunning = () => state.notifications.filter((n) => n.title === 'FROK is still running');
    expect(stillRunning()).toEqual([{ title: 'FROK is still running', body: expect.stringMatching(/To quit.*Settings → Startup → Keep running when the window is closed/), shown: true }]);
    expect(JSON.parse(readFileSync(join(run.userData, 'settings.json'), 'utf8'))).toMatchObject({ closedToTrayNoticeShown: true });

    await run.send({ cmd: 'tray-menu-click', item: 'openMain' });
    state = await run.state();
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]).toMatchObject({ visible: true, focused: true });
    await run.send({ cmd: 'window-close', windowIndex: 0 });
    state = await run.state();
    expect(stillRunning()).toHaveLength(1);
    await run.send({ cmd: 'tray-menu-click', item: 'openMain' });

    await run.send({ cmd: 'tray-menu-click', item: 'quit' });
    const ended = await Promise.race([run.exit, new Promise<null>((r) => setTimeout(() => r(null), 8_000))]);
    if (!ended) throw new Error(`FROK did not exit after Quit in the tray menu.\n${run.output()}`);
    expect(ended.code).toBe(0);
    expect(ended.notice?.state.shortcuts).toEqual([]);
    expect(ended.notice?.state.handlers).toEqual([]);
  });

  it('with "keep running" off, closing the main window quits FROK (outside macOS)', async () => {
    const { run, webContentsId } = await startApp();
    await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'settings:update', payload: { keepRunningWhenClosed: false } });
    await run.send({ cmd: 'window-close', windowIndex: 0 });
    if (process.platform === 'darwin') return;
    const ended = await Promise.race([run.exit, new Promise<null>((r) => setTimeout(() => r(null), 8_000))]);
    if (!ended) throw new Error(`FROK did not quit when its window closed.\n${run.output()}`);
    expect(ended.code).toBe(0);
  });

  it('a --voice launch that arrives during start-up opens the voice HUD once FROK has started', async () => {
    requireBuild();
    run = launchWithStandIn(bundle, { appVersion });
    await run.send({ cmd: 'app-event', event: 'second-instance', argv: ['frok', '--voice'] });
    await run.send({ cmd: 'app-event', event: 'second-instance', argv: ['frok', '--voice'] });
    await run.send({ cmd: 'ready' });
    await expect.poll(async () => (await run!.state()).windows.map((w) => w.options['title'])).toEqual(['FROK', 'FROK — Voice']);
    const hud = (await run.state()).windows[1]!;
    await run.send({ cmd: 'invoke', webContentsId: hud.webContentsId, frameUrl: hudUrl, subFrame: false, channel: 'window:ready' });
    // Asked twice while starting, carried out once.
    expect(eventsSent((await run.state()).windows[1]!, 'hud:toggle')).toEqual([{ action: 'toggle' }]);
  });

  it('Pause hotkeys in the tray releases them and saves the setting; Settings… opens the main window on Settings', async () => {
    const { run, webContentsId } = await startApp();
    await run.send({ cmd: 'tray-menu-click', item: 'togglePauseHotkeys' });
    let state = await run.state();
    expect(state.shortcuts).toEqual([]);
    expect(state.trays[0]!.menu?.find((i) => i.id === 'togglePauseHotkeys')?.checked).toBe(true);
    expect(state.trays[0]!.tooltip).toBe('FROK — ready (hotkeys paused)');
    expect(JSON.parse(readFileSync(join(run.userData, 'settings.json'), 'utf8'))).toMatchObject({ hotkeys: { paused: true } });
    expect(eventsSent(state.windows[0]!, 'hotkeys:changed').at(-1)).toEqual([
      expect.objectContaining({ action: 'voice', registered: false, reason: expect.stringContaining('paused') }),
      expect.objectContaining({ action: 'quickAsk', registered: false }),
    ]);

    await run.send({ cmd: 'tray-menu-click', item: 'togglePauseHotkeys' });
    expect((await run.state()).shortcuts).toHaveLength(2);

    await run.send({ cmd: 'tray-menu-click', item: 'openSettings' });
    await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'window:ready' });
    state = await run.state();
    expect(eventsSent(state.windows[0]!, 'window:navigate')).toEqual([{ screen: 'settings' }]);
  });

  it('changing a hotkey in Settings re-registers it', async () => {
    const { run, webContentsId } = await startApp();
    const updated = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'settings:update', payload: { hotkeys: { quickAsk: 'Alt+Shift+Q' } } });
    expect(updated).toMatchObject({ ok: true });
    const state = await run.state();
    expect(state.shortcuts.sort()).toEqual(['Alt+Shift+Q', VOICE_KEYS].sort());
    expect(state.calls).toContainEqual({ target: 'globalShortcut', method: 'unregister', args: [QUICK_ASK_KEYS] });
  });

  it('a second launch with --voice or --quick-ask does that in the running FROK', async () => {
    const { run } = await startApp();
    await run.send({ cmd: 'app-event', event: 'second-instance', argv: ['/opt/FROK/frok', '--quick-ask'] });
    const state = await run.state();
    expect(state.windows).toHaveLength(2);
    expect(state.windows[1]!.options['title']).toBe('FROK — Quick ask');
    expect(state.windows[1]!.visible).toBe(true);
  });

  it('under Wayland, asks Chromium for the GlobalShortcuts portal before ready', async () => {
    const { run } = await startApp({ XDG_SESSION_TYPE: 'wayland' });
    expect((await run.state()).switches).toContainEqual(['enable-features', 'GlobalShortcutsPortal']);
    await run.send({ cmd: 'quit' });
    const other = launchWithStandIn(bundle, { appVersion });
    try {
      await other.send({ cmd: 'ready' });
      expect((await other.state()).switches).toEqual([]);
    } finally {
      other.cleanUp();
    }
  });

  it('launch at login writes and removes the XDG autostart entry on Linux', async () => {
    const { run, webContentsId } = await startApp();
    const home = join(run.userData, '..');
    const entry = join(home, '.config', 'autostart', 'frok.desktop');
    expect(existsSync(entry)).toBe(false);
    await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'settings:update', payload: { launchAtLogin: true } });
    if (process.platform === 'linux') {
      const content = readFileSync(entry, 'utf8');
      expect(content).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
      expect(content).toMatch(/^Exec=.* --hidden$/m);
      await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'settings:update', payload: { launchAtLogin: false } });
      expect(existsSync(entry)).toBe(false);
    } else {
      expect((await run.state()).calls).toContainEqual({ target: 'app', method: 'setLoginItemSettings', args: [{ openAtLogin: true, args: ['--hidden'] }] });
    }
  });

  it('answers budget:status and the Home Assistant setup channels', async () => {
    const { run, webContentsId } = await startApp();
    const budget = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'budget:status' });
    expect(budget).toEqual({ ok: true, data: { month: expect.stringMatching(/^\d{4}-\d{2}$/), spentUsd: 0, capUsd: null, level: 'ok' } });
    // No token is stored in this child's fallback store: the answer says to paste one.
    const stored = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'home:test', payload: { url: 'http://127.0.0.1:9/', token: null } });
    expect(stored).toMatchObject({ ok: true, data: { ok: false, entityCount: null, message: expect.stringContaining('Paste a long-lived access token') } });
    const unreachable = await run.send({ cmd: 'invoke', webContentsId, frameUrl: pageUrl, subFrame: false, channel: 'home:configure', payload: { url: 'http://127.0.0.1:9/', token: 'abc123' } });
    expect(unreachable).toMatchObject({ ok: true, data: { ok: false, message: expect.stringMatching(/^Not saved: /) } });
    expect(JSON.parse(readFileSync(join(run.userData, 'settings.json'), 'utf8'))).toMatchObject({ homeAssistant: { url: null } });
  });
});
