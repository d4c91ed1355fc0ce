/** FROK's main window: its options, and opening it without a white flash. */
import type { Logger } from '../logger';
import { secureWebPreferences, type SecureWebPreferences } from './security';

export interface MainWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  title: string;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: SecureWebPreferences;
}

/** Matches the renderer's light and dark page backgrounds so the first paint does not flash. */
export function windowBackground(dark: boolean): string {
  return dark ? '#16171a' : '#f6f6f7';
}

export function mainWindowOptions(preloadPath: string, dark: boolean): MainWindowOptions {
  return {
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    // Shown on 'ready-to-show', once the page has painted.
    show: false,
    title: 'FROK',
    backgroundColor: windowBackground(dark),
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The slice of BrowserWindow this module uses. */
export interface WindowLike {
  webContents: { id: number };
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<unknown>;
  loadFile(path: string): Promise<unknown>;
}

export function openMainWindow<W extends WindowLike>(options: {
  create: (options: MainWindowOptions) => W;
  preloadPath: string;
  page: { url: string } | { file: string };
  dark: boolean;
  log: Logger;
}): W {
  const win = options.create(mainWindowOptions(options.preloadPath, options.dark));
  win.once('ready-to-show', () => win.show());
  const loading = 'url' in options.page ? win.loadURL(options.page.url) : win.loadFile(options.page.file);
  loading.catch((err: unknown) => {
    options.log.error('the main window could not load its page', err instanceof Error ? err.message : err);
    // A visible (if empty) window tells the person FROK started; an invisible one does not.
    win.show();
  });
  return win;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings an existing window to the front (a second launch, the dock icon). */
export function focusWindow(win: FocusableWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  return true;
}
