/** The messages between a test and the stand-in driver in the child process (fork IPC). */

export type Command =
  | { cmd: 'ready' }
  | { cmd: 'state' }
  | { cmd: 'invoke'; webContentsId: number; frameUrl: string; subFrame: boolean; channel: unknown; payload?: unknown }
  | { cmd: 'permission-request'; permission: string; details: Record<string, unknown> }
  | { cmd: 'permission-check'; permission: string; details: Record<string, unknown> }
  | { cmd: 'headers'; url: string; headers: Record<string, string[]> }
  | { cmd: 'navigate'; webContentsId: number; event: 'will-navigate' | 'will-redirect'; url: string }
  | { cmd: 'window-open'; webContentsId: number; url: string }
  | { cmd: 'window-event'; windowIndex: number; event: string }
  | { cmd: 'window-close'; windowIndex: number }
  | { cmd: 'app-event'; event: string; argv?: string[] }
  | { cmd: 'press-shortcut'; accelerator: string }
  | { cmd: 'tray-click' }
  | { cmd: 'tray-menu-click'; item: string }
  /** A request the page would make to a scheme main handles (protocol.handle). */
  | { cmd: 'protocol-request'; url: string; method?: string }
  /** Clicks an item of the application menu, found by its label. */
  | { cmd: 'app-menu-click'; label: string }
  | { cmd: 'quit' };

export interface StandInMenuItem {
  id: string | null;
  type: string;
  label: string | null;
  checked: boolean | null;
  accelerator: string | null;
}

export interface StandInState {
  ready: boolean;
  windows: {
    options: Record<string, unknown>;
    loads: { kind: 'file' | 'url'; target: string }[];
    shown: boolean;
    visible: boolean;
    focused: boolean;
    destroyed: boolean;
    position: [number, number] | null;
    webContentsId: number;
    sent: { channel: string; args: unknown[] }[];
    guarded: { navigate: boolean; redirect: boolean; webview: boolean; windowOpen: boolean };
  }[];
  handlers: string[];
  calls: { target: string; method: string; args: unknown[] }[];
  permissionHandlers: { request: boolean; check: boolean };
  headersListener: boolean;
  quitCompleted: boolean;
  trays: { image: string; tooltip: string; menu: StandInMenuItem[] | null; destroyed: boolean }[];
  /** Accelerators registered with globalShortcut right now. */
  shortcuts: string[];
  notifications: { title: string; body: string; shown: boolean }[];
  switches: [string, string | undefined][];
  /** Schemes registered before 'ready', and whether it was before. */
  privilegedSchemes: { schemes: unknown; beforeReady: boolean }[];
  /** Schemes main serves with protocol.handle. */
  protocolHandlers: string[];
  /** The application menu's top-level labels and every item label and role below them, or null before one is set. */
  applicationMenu:
    | {
        label: string | null;
        items: (string | null)[];
        /** The items that show a key: its accelerator, and whether the menu takes the key (Electron's registerAccelerator, default true). */
        keys?: { label: string | null; accelerator: string; registerAccelerator: boolean }[];
      }[]
    | null;
  /** URLs main fetched through net.fetch. */
  netFetches: string[];
}

export type Request = Command & { id: number };
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
/** Sent unprompted when the app has finished quitting; the driver then disconnects. */
export interface ExitNotice {
  exited: number;
  state: StandInState;
}
