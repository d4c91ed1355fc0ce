// `npm start` runs this before `electron-vite preview`: when the Electron binary is missing
// (node_modules installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as for the tests), say so in
// one sentence with the fix, instead of electron-vite's "Electron uninstall".
//
// It does NOT require('electron'): that package's index.js starts downloading the binary
// when it is missing. It reads what index.js would read (path.txt, dist/) and stops there.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const FIX =
  'run `npm install` (without ELECTRON_SKIP_BINARY_DOWNLOAD) on a machine that can download Electron, then `npm start` again.';

/** The folder of the installed `electron` package, resolved from `from` (a file or folder URL), or null. */
export function electronPackageDir(from = import.meta.url) {
  try {
    return dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Null when the Electron binary is there; otherwise one sentence saying what is missing and the fix. */
export function electronProblem(packageDir, env = process.env) {
  if (!packageDir) return `FROK cannot start: the electron package is not installed; ${FIX}`;
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(binary) ? null : `FROK cannot start: ELECTRON_OVERRIDE_DIST_PATH points at ${binary}, which does not exist; fix that path or unset it.`;
  }
  if (!executable) {
    return `FROK cannot start: the Electron binary is not installed (node_modules was probably installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); ${FIX}`;
  }
  if (!existsSync(join(packageDir, 'dist', executable))) {
    return `FROK cannot start: the Electron binary ${join(packageDir, 'dist', executable)} is missing; ${FIX}`;
  }
  return null;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const problem = electronProblem(electronPackageDir());
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
