/**
 * The installer configuration, checked without building installers (that needs Electron's
 * download): electron-builder 26's own schema check, the security fuses, the microphone
 * declarations for macOS, and the icons it points at.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_STATES } from '../../electron/main/desktop/tray/tray-state';

const root = resolve(import.meta.dirname, '..', '..');
// electron-builder's own YAML reader and validator, from its app-builder-lib.
const require = createRequire(join(root, 'node_modules', 'electron-builder', 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

type Config = Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  extraResources: { from: string; to: string }[];
  mac: Record<string, unknown> & { extendInfo: Record<string, string> };
  linux: Record<string, unknown> & { target: string[] };
};
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const noLog = { isEnabled: false, add() {} };

/** Width and height from a PNG's IHDR. */
function pngSize(path: string): [number, number] {
  const data = readFileSync(path);
  expect(data.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

/** RGBA pixels of a PNG written by scripts/make-icons.mjs (8-bit RGBA, no row filters). */
function pngPixels(path: string): Buffer {
  const data = readFileSync(path);
  const [width] = pngSize(path);
  const parts: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    if (data.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') parts.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(parts));
  const stride = width * 4 + 1;
  return Buffer.concat(Array.from({ length: rows.length / stride }, (_, y) => rows.subarray(y * stride + 1, (y + 1) * stride)));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder 26’s schema (and a typo would not)', async () => {
    await expect(validateConfiguration(config, noLog)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, noLog)).rejects.toThrow(/configuration/);
  });

  it('builds AppImage + deb, a hardened dmg that may use the microphone, and an NSIS installer', () => {
    expect(config['appId']).toBe('app.frok.desktop');
    expect(config['productName']).toBe('FROK');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true, entitlements: 'resources/entitlements.mac.plist' });
    expect(config.mac.extendInfo['NSMicrophoneUsageDescription']).toMatch(/voice/);
    expect(readFileSync(join(root, 'resources', 'entitlements.mac.plist'), 'utf8')).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    expect(config['win']).toMatchObject({ target: ['nsis'] });
    expect(config['asar']).toBe(true);
  });

  it('gives the app one id everywhere, so GNOME binds its hotkeys and the launcher finds its windows', async () => {
    const { APP_ID, DESKTOP_FILE_NAME } = await import('../../shared/app-identity.ts');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { desktopName?: string };
    expect(config['appId']).toBe(APP_ID);
    expect(pkg.desktopName).toBe(DESKTOP_FILE_NAME);
    expect(config.linux['syncDesktopName']).toBe(true);
  });

  it('keeps electron-builder\'s own deb dependencies and does not rebuild the N-API keytar', () => {
    expect((config['deb'] as Record<string, unknown> | undefined)?.['depends']).toBeUndefined();
    expect(config['npmRebuild']).toBe(false);
    expect(config.electronFuses['resetAdHocDarwinSignature']).toBe(true);
  });

  it('locks Electron down with fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('ships every renderer page and the tray icons', () => {
    expect(config.files).toContain('out/renderer/**');
    expect(config.files).toContain('out/main/**');
    expect(config.files).toContain('out/preload/**');
    for (const page of ['index.html', 'quick-ask.html', 'hud.html']) expect(existsSync(join(root, 'renderer', page)), page).toBe(true);
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'resources/tray', to: 'tray' }));
  });

  it('points at icons that exist, at the sizes each system wants', () => {
    expect(pngSize(join(root, 'resources', 'icon.png'))).toEqual([512, 512]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(join(root, 'resources', 'icons', `${size}x${size}.png`))).toEqual([size, size]);
    for (const state of TRAY_STATES) {
      for (const variant of ['', 'Template']) {
        expect(pngSize(join(root, 'resources', 'tray', `tray-${state}${variant}.png`))).toEqual([16, 16]);
        expect(pngSize(join(root, 'resources', 'tray', `tray-${state}${variant}@2x.png`))).toEqual([32, 32]);
      }
      // macOS recolours Template images itself: they must be black, drawn with alpha only.
      const pixels = pngPixels(join(root, 'resources', 'tray', `tray-${state}Template@2x.png`));
      let opaque = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        expect(pixels[i]! + pixels[i + 1]! + pixels[i + 2]!).toBe(0);
        if (pixels[i + 3]! > 0) opaque++;
      }
      expect(opaque).toBeGreaterThan(50);
    }
  });
});
