/**
 * FROK's main process: the composition root. It wires Electron to the services and the
 * IPC dispatcher; every decision lives in a plain module under shell/, services/ or ipc/.
 */
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, safeStorage, session, shell } from 'electron';
import { bindIpcMain } from './ipc/bind-ipc-main';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { consoleLogger } from './logger';
import { composeServices } from './services/compose';
import { claimSingleInstance, shutdownOnQuit } from './shell/app-lifecycle';
import { resolveAppPaths } from './shell/app-paths';
import { callerIdFor, createAppWindows } from './shell/app-windows';
import { forwardEventsToWindows } from './shell/event-forwarding';
import { focusWindow, openMainWindow } from './shell/main-window';
import { isAppUrl } from './shell/security';
import { guardAllWebContents, guardSession } from './shell/session-guards';
import { openStores } from './shell/stores';

const log = consoleLogger;
const paths = resolveAppPaths(fileURLToPath(new URL('.', import.meta.url)), process.env['ELECTRON_RENDERER_URL']);
const isApp = (url: string) => isAppUrl(url, paths.appOrigin);
const windows = createAppWindows();
let mainWindow: BrowserWindow | null = null;
/** Set once the services exist (windows can only open after that). */
let callerGone: ((callerId: string, reason: string) => void) | null = null;

function showMainWindow(): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) {
    focusWindow(mainWindow);
    return mainWindow;
  }
  const win = openMainWindow({
    create: (options) => new BrowserWindow(options),
    preloadPath: paths.preload,
    page: paths.mainPage,
    dark: nativeTheme.shouldUseDarkColors,
    log,
  });
  const forget = windows.add(win.webContents, 'main');
  const callerId = callerIdFor(win.webContents.id);
  // A reload or a closed window leaves its voice sessions without an owner: end them.
  win.webContents.on('did-start-loading', () => callerGone?.(callerId, 'The window was reloaded.'));
  win.on('closed', () => {
    callerGone?.(callerId, 'The window was closed.');
    forget();
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  return win;
}

async function start(shutdown: ReturnType<typeof shutdownOnQuit>): Promise<void> {
  guardSession(session.defaultSession, isApp, log);

  const userData = app.getPath('userData');
  const { settingsStorage, secretStore } = await openStores({ userData, safeStorage, log });
  const services = composeServices({
    settingsStorage,
    secretStore,
    dataDir: userData,
    fetch: globalThis.fetch,
    app: {
      name: 'FROK',
      version: app.getVersion(),
      platform: process.platform,
      versions: {
        electron: process.versions['electron'] ?? null,
        chrome: process.versions['chrome'] ?? null,
        node: process.versions.node,
      },
    },
    log,
  });
  shutdown.add(() => services.dispose());
  callerGone = services.callerGone;

  const dispatch = createDispatcher(createHandlers(services), log);
  shutdown.add(bindIpcMain({ ipcMain, dispatch, isAppUrl: isApp, callerFor: windows.callerFor, log }));
  shutdown.add(forwardEventsToWindows(services.events, windows, log));

  showMainWindow();
  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => void showMainWindow());
}

if (claimSingleInstance(app, () => focusWindow(mainWindow))) {
  // Before any window exists, so no webContents is ever unguarded.
  guardAllWebContents({ app, isApp, openExternal: (url) => shell.openExternal(url), log });
  const shutdown = shutdownOnQuit(app, log);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(() => start(shutdown))
    .catch((err: unknown) => {
      log.error('FROK could not start', err);
      const detail = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('FROK could not start', `${detail}\n\nPlease restart FROK. If this keeps happening, report it with this message.`);
      app.exit(1);
    });
}
