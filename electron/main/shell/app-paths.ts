/** Where the built bundle's pieces are, relative to the main bundle (out/main). */
import { join } from 'node:path';
import { appPageUrl } from './app-protocol';
import type { AppOrigin } from './security';

export type PageLocation = { url: string } | { file: string };

export interface AppPaths {
  preload: string;
  rendererDir: string;
  rendererIndex: string;
  /** What to load in the main window: the dev server's URL, or the built page on frok://app/ (app-protocol.ts). */
  mainPage: PageLocation;
  quickAskPage: PageLocation;
  hudPage: PageLocation;
  /** The tray icons: shipped next to the app (extraResources) when packaged, else resources/tray in the project. */
  trayIconDir: string;
  appOrigin: AppOrigin;
}

/**
 * @param mainDir the directory of out/main/index.js
 * @param devServerUrl ELECTRON_RENDERER_URL (set by `electron-vite dev` only)
 * @param resourcesPath process.resourcesPath when running packaged, else null
 *
 * A packaged app ignores ELECTRON_RENDERER_URL: anyone who can set an environment variable
 * must not be able to make the installed app load (and trust) another page.
 */
export function resolveAppPaths(mainDir: string, devServerUrl: string | undefined, resourcesPath: string | null = null): AppPaths {
  const rendererDir = join(mainDir, '..', 'renderer');
  const rendererIndex = join(rendererDir, 'index.html');
  const dev = resourcesPath === null && devServerUrl && devServerUrl.trim() ? devServerUrl.trim() : null;
  const page = (name: string): PageLocation => ({ url: dev ? new URL(name, dev.endsWith('/') ? dev : `${dev}/`).href : appPageUrl(name) });
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir,
    rendererIndex,
    mainPage: dev ? { url: dev } : page('index.html'),
    quickAskPage: page('quick-ask.html'),
    hudPage: page('hud.html'),
    trayIconDir: resourcesPath ? join(resourcesPath, 'tray') : join(mainDir, '..', '..', 'resources', 'tray'),
    appOrigin: { devServerUrl: dev },
  };
}
