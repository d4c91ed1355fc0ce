/**
 * A recording stand-in for the 'electron' module, loaded in plain Node instead of
 * Electron when the built main bundle runs under test (see register.ts). It implements
 * only what FROK's main process and electron-store use; a missing export fails the
 * import loudly rather than pretending. Nothing here is real Electron behaviour beyond
 * the event order the main process relies on.
 *
 * Runs through Node's type stripping: erasable TypeScript only, `.ts` import suffixes.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

type Listener = (...args: unknown[]) => unknown;

/** Everything the driver reports back to the test. */
export const record = {
  windows: [] as StandInBrowserWindow[],
  handlers: new Map<string, Listener>(),
  calls: [] as { target: string; method: string; args: unknown[] }[],
  permissionRequestHandler: null as Listener | null,
  permissionCheckHandler: null as Listener | null,
  headersListener: null as Listener | null,
  quitCompleted: false,
  trays: [] as StandInTray[],
  /** Accelerator → callback, as registered with globalShortcut. */
  shortcuts: new Map<string, () => void>(),
  notifications: [] as { title: string; body: string; shown: boolean; notification: StandInNotification }[],
  switches: [] as [string, string | undefined][],
  privilegedSchemes: [] as { schemes: unknown; beforeReady: boolean }[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  applicationMenu: null as StandInMenu | null,
  netFetches: [] as string[],
};

function note(target: string, method: string, ...args: unknown[]): void {
  record.calls.push({ target, method, args: args.map((a) => (typeof a === 'function' ? '[function]' : a)) });
}

class PreventableEvent {
  defaultPrevented = false;
  url: string | undefined;
  constructor(url?: string) {
    this.url = url;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}
export { PreventableEvent };

let resolveReady: () => void = () => {};
const ready = new Promise<void>((resolve) => {
  resolveReady = resolve;
});
let isReady = false;

class StandInApp extends EventEmitter {
  readonly isPackaged = false;
  readonly commandLine = {
    appendSwitch(name: string, value?: string): void {
      note('app.commandLine', 'appendSwitch', name, value);
      record.switches.push([name, value]);
    },
  };
  setLoginItemSettings(settings: unknown): void {
    note('app', 'setLoginItemSettings', settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    note('app', 'getLoginItemSettings');
    return { openAtLogin: false, wasOpenedAtLogin: process.env['FROK_STANDIN_OPENED_AT_LOGIN'] === '1' };
  }
  getAppPath(): string {
    return process.cwd();
  }
  whenReady(): Promise<void> {
    return ready;
  }
  isReady(): boolean {
    return isReady;
  }
  /** Called by the driver: Electron's 'ready'. */
  markReady(): void {
    isReady = true;
    this.emit('ready', {});
    resolveReady();
  }
  requestSingleInstanceLock(): boolean {
    note('app', 'requestSingleInstanceLock');
    return process.env['FROK_STANDIN_ANOTHER_INSTANCE'] !== '1';
  }
  getPath(name: string): string {
    const userData = process.env['FROK_STANDIN_USER_DATA'];
    if (!userData) throw new Error('electron stand-in: set FROK_STANDIN_USER_DATA');
    return name === 'userData' ? userData : join(userData, `stand-in-${name}`);
  }
  getVersion(): string {
    return process.env['FROK_STANDIN_APP_VERSION'] ?? '0.0.0';
  }
  getName(): string {
    return 'FROK';
  }
  focus(): void {
    note('app', 'focus');
  }
  /** Electron's order: before-quit, will-quit (either may be prevented), then quit. */
  quit(): void {
    note('app', 'quit');
    const before = new PreventableEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const willQuit = new PreventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit', {}, 0);
    record.quitCompleted = true;
    this.emit('stand-in:exited', 0);
  }
  exit(code = 0): void {
    note('app', 'exit', code);
    record.quitCompleted = true;
    this.emit('stand-in:exited', code);
  }
}

export const app = new StandInApp();

let nextWebContentsId = 1;

export class StandInWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: Listener | null = null;
  destroyed = false;
  url = '';
  sent: { channel: string; args: unknown[] }[] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args: JSON.parse(JSON.stringify(args)) as unknown[] });
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class StandInBrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new StandInWebContents();
  readonly loads: { kind: 'file' | 'url'; target: string }[] = [];
  /** Ever shown. */
  shown = false;
  /** Shown now (show/showInactive until hide). */
  visible = false;
  focused = false;
  destroyed = false;
  position: [number, number] | null = null;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getFocusedWindow(): StandInBrowserWindow | null {
    return StandInBrowserWindow.getAllWindows().find((w) => w.isFocused()) ?? null;
  }
  static getAllWindows(): StandInBrowserWindow[] {
    return record.windows.filter((w) => !w.destroyed);
  }
  loadFile(path: string, options?: unknown): Promise<void> {
    this.loads.push({ kind: 'file', target: path });
    if (options !== undefined) note('BrowserWindow', 'loadFile', path, options);
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loads.push({ kind: 'url', target: url });
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
    this.visible = true;
  }
  showInactive(): void {
    this.shown = true;
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  /** Electron's order: 'close' (preventable), then, unless prevented, 'closed'. */
  close(): void {
    if (this.destroyed) return;
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}
export { StandInBrowserWindow as BrowserWindow };

class StandInIpcMain extends EventEmitter {
  handle(channel: string, listener: Listener): void {
    note('ipcMain', 'handle', channel);
    if (record.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    note('ipcMain', 'removeHandler', channel);
    record.handlers.delete(channel);
  }
}
export const ipcMain = new StandInIpcMain();

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Listener | null): void {
      record.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener | null): void {
      record.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived(listener: Listener | null): void {
        record.headersListener = listener;
      },
    },
  },
};

/** Reversible, NOT encryption: enough for the file store's round trip under test. */
export const safeStorage = {
  isEncryptionAvailable: (): boolean => true,
  encryptString: (text: string): Buffer => Buffer.from(`stand-in:${text}`, 'utf8'),
  decryptString: (data: Buffer): string => data.toString('utf8').replace(/^stand-in:/, ''),
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
};

export const shell = {
  openExternal(url: string): Promise<void> {
    note('shell', 'openExternal', url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    note('shell', 'openPath', path);
    return Promise.resolve('');
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    note('dialog', 'showErrorBox', title, content);
  },
  /** As Electron's: `([window, ]options)` → `{ canceled, filePath }`; the path comes from FROK_STANDIN_SAVE_PATH (unset: cancelled). */
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const options = args.length > 1 ? args[1] : args[0];
    note('dialog', 'showSaveDialog', options);
    const path = process.env['FROK_STANDIN_SAVE_PATH'];
    return Promise.resolve(path ? { canceled: false, filePath: path } : { canceled: true, filePath: '' });
  },
};

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

/** The menu a template builds: the template itself, so the driver can click its items. */
export class StandInMenu {
  readonly items: Record<string, unknown>[];
  constructor(items: Record<string, unknown>[]) {
    this.items = items;
  }
  static buildFromTemplate(template: Record<string, unknown>[]): StandInMenu {
    return new StandInMenu(template);
  }
  static setApplicationMenu(menu: StandInMenu | null): void {
    note('Menu', 'setApplicationMenu');
    record.applicationMenu = menu;
  }
}

/** Electron's protocol module: which schemes are privileged (only before 'ready') and who serves them. */
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown): void {
    note('protocol', 'registerSchemesAsPrivileged', schemes);
    record.privilegedSchemes.push({ schemes, beforeReady: !isReady });
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    note('protocol', 'handle', scheme);
    if (!isReady) throw new Error('electron stand-in: protocol.handle before the app is ready');
    record.protocolHandlers.set(scheme, handler);
  },
};

/** net.fetch goes through Chromium's network stack in Electron; here through Node's, recorded. */
export const net = {
  fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    record.netFetches.push(typeof input === 'string' ? input : input.url);
    return globalThis.fetch(input, init);
  },
};
export { StandInMenu as Menu };

export class StandInTray extends EventEmitter {
  image: string;
  tooltip = '';
  menu: StandInMenu | null = null;
  destroyed = false;
  constructor(image: string) {
    super();
    this.image = image;
    record.trays.push(this);
  }
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: StandInMenu | null): void {
    this.menu = menu;
  }
  /** Like Linux trays: no bounds known. */
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  destroy(): void {
    note('Tray', 'destroy');
    this.destroyed = true;
  }
}
export { StandInTray as Tray };

/** FROK_STANDIN_TAKEN_SHORTCUTS: comma-separated accelerators "another app" holds. */
const takenShortcuts = new Set((process.env['FROK_STANDIN_TAKEN_SHORTCUTS'] ?? '').split(',').filter(Boolean));
export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    note('globalShortcut', 'register', accelerator);
    if (takenShortcuts.has(accelerator) || record.shortcuts.has(accelerator)) return false;
    record.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    note('globalShortcut', 'unregister', accelerator);
    record.shortcuts.delete(accelerator);
  },
  unregisterAll(): void {
    note('globalShortcut', 'unregisterAll');
    record.shortcuts.clear();
  },
  isRegistered(accelerator: string): boolean {
    return record.shortcuts.has(accelerator);
  },
};

/** One 1920×1080 display with a 40 px panel at the bottom; the cursor in the middle. */
const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 };
export const screen = {
  getCursorScreenPoint: (): { x: number; y: number } => ({ x: 960, y: 500 }),
  getDisplayNearestPoint: (): typeof display => display,
  getPrimaryDisplay: (): typeof display => display,
};

export class StandInNotification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(options: { title: string; body: string }) {
    super();
    record.notifications.push({ title: options.title, body: options.body, shown: false, notification: this });
  }
  show(): void {
    const entry = record.notifications.find((n) => n.notification === this);
    if (entry) entry.shown = true;
  }
}
export { StandInNotification as Notification };

export const systemPreferences = {
  getMediaAccessStatus: (): string => process.env['FROK_STANDIN_MIC_STATUS'] ?? 'granted',
  askForMediaAccess: (): Promise<boolean> => Promise.resolve(process.env['FROK_STANDIN_MIC_STATUS'] !== 'denied'),
};

export default {
  app,
  BrowserWindow: StandInBrowserWindow,
  ipcMain,
  session,
  safeStorage,
  shell,
  dialog,
  nativeTheme,
  Menu: StandInMenu,
  Tray: StandInTray,
  protocol,
  net,
  globalShortcut,
  screen,
  Notification: StandInNotification,
  systemPreferences,
};
