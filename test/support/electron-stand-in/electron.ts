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
  shown = false;
  focused = false;
  destroyed = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): StandInBrowserWindow[] {
    return record.windows.filter((w) => !w.destroyed);
  }
  loadFile(path: string): Promise<void> {
    this.loads.push({ kind: 'file', target: path });
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loads.push({ kind: 'url', target: url });
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  close(): void {
    this.destroyed = true;
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
};

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

export default { app, BrowserWindow: StandInBrowserWindow, ipcMain, session, safeStorage, shell, dialog, nativeTheme };
