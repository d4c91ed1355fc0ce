/**
 * A stand-in for an unpacked Linux Electron distribution (what `electron-v45.x-linux-x64.zip`
 * unpacks to), to hand electron-builder as `electronDist` where the real Electron cannot be
 * downloaded.
 *
 * What electron-builder 26 does with a custom unpacked dist (app-builder-lib
 * out/electron/ElectronFramework.js, `unpack` → `selectElectron`): it copies the whole folder
 * into linux-unpacked/, renames `electron` to linux.executableName, moves `LICENSE` to
 * `LICENSE.electron.txt` (tolerating its absence), and leaves `version` and
 * `resources/default_app.asar` alone (it removes those only from a downloaded zip). Then
 * `doAddElectronFuses` runs @electron/fuses' `flipFuses` on the renamed executable, which
 * needs Electron's fuse wire in it. Nothing runs the executable in `dir` mode, so the rest of
 * a real dist (libffmpeg.so, *.pak, locales/, chrome-sandbox…) is left out.
 *
 * The fuse wire (@electron/fuses 1.8 dist/index.js, `setFuseWire` / `getCurrentFuseWire`): the
 * sentinel string, then one byte of wire version (1), one byte of wire length, then one byte
 * per fuse, ASCII '0' (off) or '1' (on), in the order of Electron's build/fuses/fuses.json5.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' SENTINEL (dist/constants.js): the wire follows it. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_WIRE_VERSION = 1;
export const FUSE_OFF = '0'.charCodeAt(0);
export const FUSE_ON = '1'.charCodeAt(0);

/**
 * Electron 45's fuses at their defaults, in wire order (build/fuses/fuses.json5). The first
 * eight are @electron/fuses 1.8's FuseV1Options 0–7; the ninth, wasm_trap_handlers (Electron
 * 43+), has no name in @electron/fuses 1.8, which then leaves it as it is.
 */
export const ELECTRON_45_DEFAULT_FUSES: readonly { name: string; state: number }[] = [
  { name: 'run_as_node', state: FUSE_ON },
  { name: 'cookie_encryption', state: FUSE_OFF },
  { name: 'node_options', state: FUSE_ON },
  { name: 'node_cli_inspect', state: FUSE_ON },
  { name: 'embedded_asar_integrity_validation', state: FUSE_OFF },
  { name: 'only_load_app_from_asar', state: FUSE_OFF },
  { name: 'load_browser_process_specific_v8_snapshot', state: FUSE_OFF },
  { name: 'grant_file_protocol_extra_privileges', state: FUSE_ON },
  { name: 'wasm_trap_handlers', state: FUSE_ON },
];

export const STAND_IN_ELECTRON_VERSION = '45.5.0';

/** The executable: a shell script that refuses to run, with the fuse wire in a trailing comment. */
export function standInElectronExecutable(fuses: readonly { state: number }[] = ELECTRON_45_DEFAULT_FUSES): Buffer {
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho "this is a stand-in for the Electron binary (test/support/electron-dist-stand-in.ts); it cannot run an app" >&2\nexit 1\n# ', 'utf8'),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([FUSE_WIRE_VERSION, fuses.length, ...fuses.map((f) => f.state)]),
    Buffer.from('\n', 'utf8'),
  ]);
}

/** Writes the stand-in dist into `dir` (created if missing) and returns the paths it wrote. */
export function makeElectronDistStandIn(dir: string): { dir: string; executable: string } {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(executable, standInElectronExecutable());
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron’s MIT license file (test/support/electron-dist-stand-in.ts).\n');
  writeFileSync(join(dir, 'version'), STAND_IN_ELECTRON_VERSION);
  return { dir, executable };
}
