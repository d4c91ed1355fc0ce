/** Where the built bundle's pieces are, relative to the main bundle (out/main). */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppOrigin } from './security';

export interface AppPaths {
  preload: string;
  rendererDir: string;
  rendererIndex: string;
  /** What to load in the main window: the dev server's URL, or the built file. */
  mainPage: { url: string } | { file: string };
  appOrigin: AppOrigin;
}

/**
 * @param mainDir the directory of out/main/index.js
 * @param devServerUrl ELECTRON_RENDERER_URL (set by `electron-vite dev` only)
 */
export function resolveAppPaths(mainDir: string, devServerUrl: string | undefined): AppPaths {
  const rendererDir = join(mainDir, '..', 'renderer');
  const rendererIndex = join(rendererDir, 'index.html');
  const dev = devServerUrl && devServerUrl.trim() ? devServerUrl.trim() : null;
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir,
    rendererIndex,
    mainPage: dev ? { url: dev } : { file: rendererIndex },
    appOrigin: { rendererDirUrl: pathToFileURL(rendererDir).href, devServerUrl: dev },
  };
}
