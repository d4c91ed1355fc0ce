/**
 * FROK's main process: the Electron shell's composition root. It wires Electron to the
 * services (composed in compose.ts) and the IPC dispatcher; every decision lives in a
 * plain module under shell/, desktop/, services/ or ipc/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
} from 'electron';
import { DesktopShell } from './desktop/desktop-shell';
import { createLateBoundShell } from './desktop/desktop-shell-port';
import { chromiumSwitchesFor } from './desktop/hotkeys/wayland';
import { autostartCommand, autostartDir } from './desktop/login/launch-at-login';
import { firstLaunchRequest, LaunchRequestQueue, secondLaunchRequest, startsHiddenAt } from './desktop/second-launch';
import { createMicrophoneAccess } from './desktop/voice/microphone-access';
import { PendingWindowEvents } from './desktop/windows/pending-window-events';
import { hideInsteadOfClosing, quitsAfterMainWindowClosed, trackAppWindow } from './desktop/windows/track-window';
import { bindIpcMain } from './ipc/bind-ipc-main';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { createRedactingLogger } from './logger';
import { openElectronFileLog } from './logging/electron-file-log';
import { RecentProblems } from './logging/recent-problems';
import { createRedactor } from './logging/redact';
import { composeServices, type Services } from './compose';
import { claimSingleInstance, shutdownOnQuit } from './shell/app-lifecycle';
import { appMenuTemplate } from './shell/app-menu';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './shell/app-protocol';
import { resolveAppPaths } from './shell/app-paths';
import { callerIdFor, createAppWindows } from './shell/app-windows';
import { APP_ID } from '@shared/app-identity';
import { forwardEventsToWindows } from './shell/event-forwarding';
import { focusWindow, openMainWindow } from './shell/main-window';
import { isAppUrl } from './shell/security';
import { guardAllWebContents, guardSession } from './shell/session-guards';
import { openStores } from './shell/stores';
import { mainLanguage } from './i18n';

// Every line is redacted, then written to main.log in the app's logs folder (and the console in development).
const redactor = createRedactor();
const recentProblems = new RecentProblems();
const fileLog = openElectronFileLog({ ipcMain, dev: !app.isPackaged });
const log = createRedactingLogger({ sink: fileLog.sink, redact: (text) => redactor.redact(text), recent: recentProblems });
const paths = resolveAppPaths(
  fileURLToPath(new URL('.', import.meta.url)),
  process.env['ELECTRON_RENDERER_URL'],
  app.isPackaged ? process.resourcesPath : null,
);
const isApp = (url: string) => isAppUrl(url, paths.appOrigin);
const windows = createAppWindows();
let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;
let desktop: DesktopShell | null = null;
/** Set on 'before-quit': from then on closing a window really closes it. */
let quitting = false;
/** `frok --voice` and the like, from this launch or a second one, wait until FROK has started. */
const launches = new LaunchRequestQueue();
/** Events main sends to one window wait until its page listens (window:ready). */
const pending = new PendingWindowEvents((name, payload, target) => services?.events.emit(name, payload as never, target));
const track = { windows, pending, callerGone: () => services?.callerGone ?? null };

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
  // Closing the window puts FROK in the tray (unless the person turned that off); Quit (tray, menu, Ctrl/Cmd+Q) ends it.
  const keepRunning = () => services?.settings.get().keepRunningWhenClosed ?? true;
  hideInsteadOfClosing(win, { isQuitting: () => quitting, keepRunning, onHidden: () => desktop?.closedToTray() });
  trackAppWindow(win, 'main', track, () => {
    if (mainWindow === win) mainWindow = null;
    if (quitsAfterMainWindowClosed({ platform: process.platform, keepRunning: keepRunning(), quitting })) app.quit();
  });
  mainWindow = win;
  return win;
}

const EXPORT_KINDS = { md: 'Markdown', json: 'JSON', zip: 'Zip archive' } as const;

async function start(shutdown: ReturnType<typeof shutdownOnQuit>): Promise<void> {
  guardSession(session.defaultSession, isApp, log);
  // The built pages, from the renderer folder only (app-protocol.ts).
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, paths.rendererDir));

  const userData = app.getPath('userData');
  const { settingsStorage, secretStore } = await openStores({ userData, safeStorage, log });
  const shellPort = createLateBoundShell();
  const composed = composeServices({
    settingsStorage,
    secretStore,
    dataDir: userData,
    openExternal: (url) => shell.openExternal(url),
    // Exports go where the person chooses; the dialog starts in Documents with a suggested name.
    chooseSavePath: async ({ suggestedName, extension }) => {
      const options = {
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: EXPORT_KINDS[extension], extensions: [extension] }],
      };
      const owner = BrowserWindow.getFocusedWindow();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    // Chromium's network stack: the system proxy, PAC and the OS certificate store, as the
    // window's own traffic gets them (Node's fetch knows none of these). fetch_page keeps its guarded transport.
    fetch: ((input: string | URL | Request, init?: RequestInit) => net.fetch(input instanceof URL ? input.href : input, init)) as typeof fetch,
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
    logging: { redactor, recent: recentProblems, logsDir: fileLog.dir() },
    desktop: { shell: shellPort.port, microphoneAccess: createMicrophoneAccess(process.platform, process.platform === 'darwin' ? systemPreferences : null) },
  });
  services = composed;
  shutdown.add(() => composed.dispose());

  const dispatch = createDispatcher(createHandlers(composed), log);
  shutdown.add(bindIpcMain({ ipcMain, dispatch, isAppUrl: isApp, callerFor: windows.callerFor, log }));
  shutdown.add(forwardEventsToWindows(composed.events, windows, log));

  const shellForDesktop = new DesktopShell({
    electron: {
      platform: process.platform,
      env: process.env,
      createWindow: (options) => new BrowserWindow(options),
      createTray: (image) => new Tray(image),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      globalShortcut,
      screen,
      Notification,
      allWindows: () => BrowserWindow.getAllWindows(),
      quit: () => app.quit(),
    },
    services: composed,
    pending,
    paths,
    dark: nativeTheme.shouldUseDarkColors,
    mainWindow: {
      show: () => showMainWindow().webContents.id,
      hideIfCaller: (callerId) => {
        if (!mainWindow || mainWindow.isDestroyed() || callerIdFor(mainWindow.webContents.id) !== callerId) return false;
        mainWindow.hide();
        return true;
      },
    },
    track: (win, kind) => void trackAppWindow(win, kind, track),
    isQuitting: () => quitting,
    launchAtLogin: {
      setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      autostart: {
        dir: autostartDir(homedir(), process.env),
        command: autostartCommand({ execPath: process.execPath, appImage: process.env['APPIMAGE'], isPackaged: app.isPackaged, appPath: app.getAppPath() }),
        writeFile: (path, content) => writeFileSync(path, content, { mode: 0o644 }),
        removeFile: (path) => rmSync(path, { force: true }),
        makeDir: (path) => void mkdirSync(path, { recursive: true }),
      },
    },
    log,
  });
  desktop = shellForDesktop;
  shellPort.attach({ ...shellForDesktop.port, openPath: (path) => shell.openPath(path), openExternal: (url) => shell.openExternal(url) });
  // Added last, so it runs first on quit: hotkeys are released before anything else stops.
  shutdown.add(() => shellForDesktop.dispose());

  // Rebuilt when the hotkeys change or the system takes or gives them back (app-menu.ts).
  const setMenu = () => {
    const hotkeys = composed.settings.get().hotkeys;
    const statuses = shellForDesktop.port.hotkeyStatus();
    const registered = (action: 'voice' | 'quickAsk') => statuses.find((s) => s.action === action)?.registered ?? false;
    // The language too: its labels follow the person's language (compose.ts sets it before this listener runs).
    const state = JSON.stringify({ language: mainLanguage(), voice: hotkeys.voice, quickAsk: hotkeys.quickAsk, registered: [registered('voice'), registered('quickAsk')] });
    if (state === menuState) return;
    menuState = state;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          packaged: app.isPackaged,
          hotkeys,
          hotkeysRegistered: { voice: registered('voice'), quickAsk: registered('quickAsk') },
          actions: {
            openSettings: () => shellForDesktop.openSettings(),
            quickAsk: () => shellForDesktop.toggleQuickAsk(null),
            startVoice: () => shellForDesktop.toggleVoice('start'),
            toggleVoice: () => shellForDesktop.toggleVoice('toggle'),
            windowShortcut: (shortcut) => pending.send(callerIdFor(showMainWindow().webContents.id), 'window:shortcut', { shortcut }),
            openLogsFolder: () => void shell.openPath(app.getPath('logs')),
            quit: () => app.quit(),
          },
        }),
      ),
    );
  };
  let menuState = '';
  setMenu();
  shutdown.add(composed.settings.onChange(() => setMenu()));
  shutdown.add(composed.events.subscribe((event) => event.name === 'hotkeys:changed' && setMenu()));

  const hidden = startsHiddenAt({ argv: process.argv, platform: process.platform, wasOpenedAtLogin: () => app.getLoginItemSettings().wasOpenedAtLogin });
  if (!hidden) showMainWindow();
  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => void showMainWindow());
  launches.ready((request) => shellForDesktop.handleLaunchRequest(request));
}

const onSecondLaunch = (argv: string[]) => launches.push(secondLaunchRequest(argv));

if (claimSingleInstance(app, onSecondLaunch)) {
  // Windows shows toasts, and routes their clicks back, only for an app with its own id, set before 'ready'.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // frok://app/ must be known as standard and secure before 'ready' (app-protocol.ts).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  const first = firstLaunchRequest(process.argv);
  if (first) launches.push(first);
  // Global shortcuts under Wayland go through the desktop's portal, which Chromium uses only when asked before 'ready'.
  for (const [name, value] of chromiumSwitchesFor(process.platform, process.env)) app.commandLine.appendSwitch(name, value);
  // Before any window exists, so no webContents is ever unguarded.
  guardAllWebContents({ app, isApp, openExternal: (url) => shell.openExternal(url), log });
  const shutdown = shutdownOnQuit(app, log);
  app.on('before-quit', () => {
    quitting = true;
  });
  // FROK lives in the tray: closing every window does not quit it (listening replaces Electron's default quit).
  app.on('window-all-closed', () => {});
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
