/**
 * The real app in the real Electron, driven by Playwright's `_electron`. Needs the Electron
 * binary, which these build machines cannot download; there the suite is reported as
 * skipped, with the reason in its name and a warning, never as passed.
 * Run `npx electron-vite build` first (`npm run test:e2e` does).
 *
 * Where a binary exists it runs as it is: each test launches FROK on a fresh HOME and
 * user-data directory (its own first run); as root Chromium's sandbox cannot start, so
 * `--no-sandbox` is passed then and only then; with no DISPLAY it runs under `xvfb-run`
 * when that is installed (apt-get install xvfb).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'index.js');

/** The Electron executable, found the way the electron package finds it but without its download fallback. */
function electronExecutable(): string | null {
  try {
    const pkg = join(root, 'node_modules', 'electron');
    const relative = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const executable = override ? join(override, relative) : join(pkg, 'dist', relative);
    return existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

const executable = electronExecutable();
const SKIP_REASON = 'SKIPPED: Electron binary not installed on this machine — install with `npx install-electron` to run';
if (!executable) console.warn(`Electron app (${SKIP_REASON})`);

const hasDisplay = Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
const hasXvfbRun = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
if (executable && !hasDisplay && !hasXvfbRun) console.warn('Electron app: no DISPLAY and no xvfb-run (apt-get install xvfb); Electron will likely fail to open a window.');

/**
 * What to launch: Electron itself, or (no display, xvfb-run installed) a two-line script
 * that runs it under xvfb-run. Playwright puts its own switches first in the arguments, so
 * xvfb-run cannot be the executable directly; the script hands them all to Electron.
 */
function launchTarget(dir: string): string {
  if (hasDisplay || !hasXvfbRun) return executable!;
  const wrapper = join(dir, 'electron-under-xvfb.sh');
  writeFileSync(wrapper, `#!/bin/sh\nexec xvfb-run --auto-servernum --server-args='-screen 0 1280x800x24' ${JSON.stringify(executable)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** Chromium's sandbox cannot start as root: only then is it turned off. */
const sandboxArgs = (): string[] => (process.getuid?.() === 0 ? ['--no-sandbox'] : []);

describe.skipIf(!executable)(executable ? 'Electron app' : `Electron app (${SKIP_REASON})`, () => {
  let electronApp: ElectronApplication;
  let page: Page;
  let home: string;

  // Every test starts from its own first run: a fresh HOME and user-data directory.
  beforeEach(async () => {
    if (!existsSync(bundle)) throw new Error('out/main/index.js is missing: run `npx electron-vite build` first.');
    home = mkdtempSync(join(tmpdir(), 'frok-e2e-'));
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } as Record<string, string>;
    delete env['ELECTRON_RENDERER_URL'];
    electronApp = await _electron.launch({
      executablePath: launchTarget(home),
      args: [...sandboxArgs(), bundle, `--user-data-dir=${join(home, 'userData')}`],
      cwd: root,
      env,
    });
    page = await electronApp.firstWindow();
  });

  afterEach(async () => {
    await electronApp?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('opens the FROK window on onboarding for a first run', async () => {
    await page.getByTestId('onboarding').waitFor({ state: 'visible' });
    expect(await page.title()).toBe('FROK');
    expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('keeps Node and ipcRenderer out of the page: only window.frok with invoke and on', async () => {
    const seen = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (globalThis as unknown as { process?: unknown }).process,
      frokKeys: Object.keys(window.frok).sort(),
    }));
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', frokKeys: ['invoke', 'on'] });
  });

  it('answers window.frok.invoke from main and refuses undeclared channels', async () => {
    const info = await page.evaluate(() => window.frok.invoke('app:info'));
    expect(info).toMatchObject({ ok: true, data: { name: 'FROK' } });
    const unknown = await page.evaluate(() => (window.frok.invoke as (c: string) => Promise<unknown>)('fs:read'));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('registers both global hotkeys at start', async () => {
    const registered = await electronApp.evaluate(({ globalShortcut }) => [
      globalShortcut.isRegistered('CommandOrControl+Shift+Space'),
      globalShortcut.isRegistered('CommandOrControl+Shift+K'),
    ]);
    expect(registered).toEqual([true, true]);
  });

  // A global key press cannot be synthesised portably, and a tray icon cannot be clicked
  // from a test: both run the same actions as a second launch with --voice / --quick-ask
  // (the Wayland fallback), which is what these tests trigger.
  it('the voice hotkey’s action opens the voice HUD on top, without taking focus', async () => {
    const opened = electronApp.waitForEvent('window');
    await electronApp.evaluate(({ app }) => void app.emit('second-instance', {}, [process.execPath, '--voice'], process.cwd()));
    const hud = await opened;
    expect(hud.url()).toMatch(/\/hud\.html$/);
    await hud.waitForLoadState('domcontentloaded');
    const shown = await electronApp.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()
        .filter((w) => w.webContents.getURL().endsWith('/hud.html'))
        .map((w) => ({ visible: w.isVisible(), onTop: w.isAlwaysOnTop(), focused: w.isFocused() })),
    );
    expect(shown).toEqual([{ visible: true, onTop: true, focused: false }]);
  });

  it('quick ask (the tray’s and the hotkey’s action) opens a sandboxed quick-ask window', async () => {
    const opened = electronApp.waitForEvent('window');
    await electronApp.evaluate(({ app }) => void app.emit('second-instance', {}, [process.execPath, '--quick-ask'], process.cwd()));
    const quick = await opened;
    expect(quick.url()).toMatch(/\/quick-ask\.html$/);
    await quick.waitForLoadState('domcontentloaded');
    const seen = await quick.evaluate(() => ({ require: typeof (window as unknown as { require?: unknown }).require, frokKeys: Object.keys(window.frok).sort() }));
    expect(seen).toEqual({ require: 'undefined', frokKeys: ['invoke', 'on'] });
    expect(await quick.evaluate(() => window.frok.invoke('quickAsk:recent'))).toEqual({ ok: true, data: [] });
    await quick.evaluate(() => window.frok.invoke('window:close'));
    const visible = await electronApp.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('/quick-ask.html'))?.isVisible(),
    );
    expect(visible).toBe(false);
  });

  it('closing the main window hides it: FROK keeps running in the tray', async () => {
    const state = await electronApp.evaluate(({ BrowserWindow }) => {
      const main = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('/index.html'));
      main?.close();
      return { destroyed: main?.isDestroyed() ?? null, visible: main?.isVisible() ?? null };
    });
    expect(state).toEqual({ destroyed: false, visible: false });
    // Launching FROK again brings it back.
    await electronApp.evaluate(({ app }) => void app.emit('second-instance', {}, [process.execPath], process.cwd()));
    const back = await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('/index.html'))?.isVisible());
    expect(back).toBe(true);
  });

  it('refuses notifications and will not navigate away from FROK', async () => {
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    const before = page.url();
    // The signal: main's will-navigate for that address, once every listener (FROK's guard
    // among them) has had its say, and whether the navigation was cancelled. Listening
    // starts (in main) before the page tries to leave.
    type Blocked = { url: string; prevented: boolean };
    await electronApp.evaluate(({ BrowserWindow }, target) => {
      const main = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().endsWith('/index.html'))!;
      (globalThis as { frokBlockedNavigation?: Promise<Blocked> }).frokBlockedNavigation = new Promise<Blocked>((done) => {
        const seen = (event: Electron.Event & { url?: string }, legacyUrl?: string) => {
          const url = event.url ?? legacyUrl ?? '';
          if (!url.startsWith(target)) return;
          main.webContents.off('will-navigate', seen);
          setImmediate(() => done({ url, prevented: event.defaultPrevented }));
        };
        main.webContents.on('will-navigate', seen);
      });
    }, 'https://example.com/');
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    const blocked = await electronApp.evaluate(() => (globalThis as { frokBlockedNavigation?: Promise<Blocked> }).frokBlockedNavigation!);
    expect(blocked).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toBe(before);
  });
});
