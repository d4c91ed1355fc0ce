/**
 * A newcomer's first ten minutes (issue #9, point 11): `npm test` says at once everything the
 * machine lacks and how to install it (scripts/check-prerequisites.sh), and `npm start` without
 * the Electron binary says how to get it (scripts/check-electron.mjs). Each script runs for
 * real, copied into a throw-away project folder that has exactly what the case needs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'frok-newcomer-'));
  mkdirSync(join(project, 'scripts'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

function write(path: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
  chmodSync(join(project, path), mode);
}

/** Which program a name stands for on this machine, found with the tests' own PATH. */
function which(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`${name} is needed to run this test`);
  return found;
}

describe('npm start checks for the Electron binary first (scripts/check-electron.mjs)', () => {
  const ELECTRON = 'node_modules/electron';

  function runCheck(env: Record<string, string> = {}) {
    copyFileSync(join(root, 'scripts', 'check-electron.mjs'), join(project, 'scripts', 'check-electron.mjs'));
    const result = spawnSync(process.execPath, ['scripts/check-electron.mjs'], { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
    return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
  }

  function fakeElectronPackage() {
    write(`${ELECTRON}/package.json`, JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }));
    // Requiring the real package starts a download when the binary is missing: never do that.
    write(`${ELECTRON}/index.js`, `require('fs').writeFileSync(${JSON.stringify(join(project, 'index-was-run'))}, ''); throw new Error('downloading');`);
  }

  it('is what npm start runs before electron-vite preview', () => {
    expect(packageJson.scripts.start).toBe('node scripts/check-electron.mjs && electron-vite preview');
  });

  it('says in one sentence how to get the binary when node_modules was installed without it', () => {
    fakeElectronPackage();
    const result = runCheck();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'FROK cannot start: the Electron binary is not installed (node_modules was probably installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); ' +
        'run `npm install` (without ELECTRON_SKIP_BINARY_DOWNLOAD) on a machine that can download Electron, then `npm start` again.',
    );
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(join(project, 'index-was-run'))).toBe(false);
  });

  it('names the missing file when path.txt is there but dist/ is not', () => {
    fakeElectronPackage();
    write(`${ELECTRON}/path.txt`, 'electron');
    const result = runCheck();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^FROK cannot start: the Electron binary .*node_modules\/electron\/dist\/electron is missing; run `npm install` \(without ELECTRON_SKIP_BINARY_DOWNLOAD\)/);
    expect(existsSync(join(project, 'index-was-run'))).toBe(false);
  });

  it('says so when the electron package itself is missing', () => {
    const result = runCheck();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^FROK cannot start: the electron package is not installed; run `npm install`/);
  });

  it('stays quiet and lets electron-vite start when the binary is there', () => {
    fakeElectronPackage();
    write(`${ELECTRON}/path.txt`, 'electron');
    write(`${ELECTRON}/dist/electron`, '#!/bin/sh\n', 0o755);
    expect(runCheck()).toEqual({ status: 0, stderr: '', stdout: '' });
    expect(existsSync(join(project, 'index-was-run'))).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, as the electron package does', () => {
    fakeElectronPackage();
    write('my-electron/electron', '#!/bin/sh\n', 0o755);
    expect(runCheck({ ELECTRON_OVERRIDE_DIST_PATH: join(project, 'my-electron') }).status).toBe(0);
    expect(runCheck({ ELECTRON_OVERRIDE_DIST_PATH: join(project, 'nowhere') }).stderr).toMatch(/ELECTRON_OVERRIDE_DIST_PATH points at .*nowhere\/electron, which does not exist/);
  });
});

// The Linux list (keyring, D-Bus, unshare); elsewhere the script asks for less.
describe.runIf(process.platform === 'linux')('npm test checks its prerequisites first (scripts/check-prerequisites.sh)', () => {
  const TOOLS = ['gnome-keyring-daemon', 'dbus-daemon', 'dbus-run-session', 'unshare', 'espeak-ng', 'sox'];

  /** A PATH with the shell tools the script itself uses, plus `present` as do-nothing stand-ins. */
  function runCheck(o: { present?: string[]; chromium?: string; nodeModules?: boolean; keytar?: boolean }) {
    copyFileSync(join(root, 'scripts', 'check-prerequisites.sh'), join(project, 'scripts', 'check-prerequisites.sh'));
    const bin = join(project, 'bin');
    mkdirSync(bin);
    for (const tool of ['bash', 'uname', 'awk', 'tr', 'dirname']) symlinkSync(which(tool), join(bin, tool));
    symlinkSync(process.execPath, join(bin, 'node'));
    for (const tool of o.present ?? []) write(`bin/${tool}`, '#!/bin/sh\nexit 0\n', 0o755);
    if (o.nodeModules) write('node_modules/.bin/vitest', '#!/bin/sh\n', 0o755);
    if (o.keytar) write('node_modules/keytar/build/Release/keytar.node', '');
    const result = spawnSync(join(bin, 'bash'), ['scripts/check-prerequisites.sh'], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: bin, FROK_CHROMIUM: o.chromium ?? join(project, 'no-chromium') },
    });
    return { status: result.status, stderr: result.stderr, stdout: result.stdout };
  }

  it('is the first thing scripts/test.sh does', () => {
    const testSh = readFileSync(join(root, 'scripts', 'test.sh'), 'utf8');
    const firstStep = testSh.split('\n').find((line) => /^(bash|node|step|tsc)\b/.test(line));
    expect(firstStep).toBe('bash scripts/check-prerequisites.sh');
  });

  it('lists everything missing at once, with the one apt-get line and the npm command that install it', () => {
    const result = runCheck({});
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const listed = result.stderr.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4).split(' (')[0]);
    expect(listed).toEqual(['node_modules', join(project, 'no-chromium'), ...TOOLS]);
    expect(result.stderr).toContain('\n  sudo apt-get install -y chromium gnome-keyring dbus util-linux espeak-ng sox\n');
    expect(result.stderr).toContain('\n  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci\n');
    expect(result.stderr).toMatch(/^npm test cannot run yet; this machine is missing:\n/);
  });

  it('names only what is missing', () => {
    const chromium = join(project, 'chromium');
    write('chromium', '#!/bin/sh\n', 0o755);
    const result = runCheck({ present: TOOLS.filter((t) => t !== 'sox'), chromium, nodeModules: true, keytar: true });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('  - '))).toEqual(['  - sox (audio conversion for the voice tests)']);
    expect(result.stderr).toContain('\n  sudo apt-get install -y sox\n');
    expect(result.stderr).not.toContain('npm ci');
  });

  it('spots the keytar npm skipped quietly, and says how to build it', () => {
    write('chromium', '#!/bin/sh\n', 0o755);
    const result = runCheck({ present: TOOLS, chromium: join(project, 'chromium'), nodeModules: true, keytar: false });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("keytar's native module");
    expect(result.stderr).toContain('\n  sudo apt-get install -y libsecret-1-dev build-essential python3\n  npm rebuild keytar\n');
  });

  it('passes silently when everything is there', () => {
    write('chromium', '#!/bin/sh\n', 0o755);
    expect(runCheck({ present: TOOLS, chromium: join(project, 'chromium'), nodeModules: true, keytar: true })).toEqual({ status: 0, stderr: '', stdout: '' });
  });
});
