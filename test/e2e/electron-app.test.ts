/**
 * The real app in the real Electron, driven by Playwright's `_electron`. Needs the Electron
 * binary, which these build machines cannot download; there the suite is reported as
 * skipped, with the reason in its name and a warning, never as passed.
 * Run `npx electron-vite build` first (`npm run test:e2e` does).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

describe.skipIf(!executable)(executable ? 'Electron app' : `Electron app (${SKIP_REASON})`, () => {
  let electronApp: ElectronApplication;
  let page: Page;
  let home: string;

  beforeAll(async () => {
    if (!existsSync(bundle)) throw new Error('out/main/index.js is missing: run `npx electron-vite build` first.');
    home = mkdtempSync(join(tmpdir(), 'frok-e2e-'));
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } as Record<string, string>;
    delete env['ELECTRON_RENDERER_URL'];
    electronApp = await _electron.launch({
      executablePath: executable!,
      args: [bundle, `--user-data-dir=${join(home, 'userData')}`],
      cwd: root,
      env,
    });
    page = await electronApp.firstWindow();
  });

  afterAll(async () => {
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

  it('refuses notifications and will not navigate away from FROK', async () => {
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  });
});
