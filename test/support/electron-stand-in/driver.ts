/**
 * Runs inside the child process next to the built main bundle: answers the test's
 * commands (play Electron's events, call the handlers main registered, report what main
 * did) over the fork IPC channel. When the app quits it reports once and disconnects, so
 * the process ends only if main left nothing running.
 */
import { app, PreventableEvent, record, type StandInBrowserWindow, type StandInMenu } from './electron.ts';
import type { Command, ExitNotice, Reply, Request, StandInMenuItem, StandInState } from './protocol.ts';

function menuItems(menu: StandInMenu | null): StandInMenuItem[] | null {
  if (!menu) return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return menu.items.map((item) => ({
    id: text(item['id']),
    type: text(item['type']) ?? 'normal',
    label: text(item['label']),
    checked: typeof item['checked'] === 'boolean' ? item['checked'] : null,
    accelerator: text(item['accelerator']),
  }));
}

function liveTray() {
  const tray = record.trays.find((t) => !t.destroyed);
  if (!tray) throw new Error('main created no tray icon');
  return tray;
}

function state(): StandInState {
  return {
    ready: app.isReady(),
    windows: record.windows.map((w: StandInBrowserWindow) => ({
      options: w.options,
      loads: w.loads,
      shown: w.shown,
      visible: w.visible,
      focused: w.focused,
      destroyed: w.destroyed,
      position: w.position,
      webContentsId: w.webContents.id,
      sent: w.webContents.sent,
      guarded: {
        navigate: w.webContents.listenerCount('will-navigate') > 0,
        redirect: w.webContents.listenerCount('will-redirect') > 0,
        webview: w.webContents.listenerCount('will-attach-webview') > 0,
        windowOpen: w.webContents.windowOpenHandler !== null,
      },
    })),
    handlers: [...record.handlers.keys()],
    calls: record.calls,
    permissionHandlers: { request: record.permissionRequestHandler !== null, check: record.permissionCheckHandler !== null },
    headersListener: record.headersListener !== null,
    quitCompleted: record.quitCompleted,
    trays: record.trays.map((t) => ({ image: t.image, tooltip: t.tooltip, menu: menuItems(t.menu), destroyed: t.destroyed })),
    shortcuts: [...record.shortcuts.keys()],
    notifications: record.notifications.map(({ title, body, shown }) => ({ title, body, shown })),
    switches: record.switches,
    privilegedSchemes: record.privilegedSchemes,
    protocolHandlers: [...record.protocolHandlers.keys()],
    applicationMenu: record.applicationMenu
      ? record.applicationMenu.items.map((top) => ({
          label: typeof top['label'] === 'string' ? top['label'] : null,
          // A role item by its role (what makes copy and paste work), whatever its translated label.
          items: ((top['submenu'] as Record<string, unknown>[] | undefined) ?? []).map((i) => (typeof i['role'] === 'string' ? i['role'] : typeof i['label'] === 'string' ? i['label'] : null)),
          keys: ((top['submenu'] as Record<string, unknown>[] | undefined) ?? [])
            .filter((i) => typeof i['accelerator'] === 'string')
            .map((i) => ({ label: typeof i['label'] === 'string' ? i['label'] : null, accelerator: i['accelerator'] as string, registerAccelerator: i['registerAccelerator'] !== false })),
        }))
      : null,
    netFetches: record.netFetches,
  };
}

function contentsById(id: number) {
  const win = record.windows.find((w) => w.webContents.id === id);
  if (!win) throw new Error(`no window has webContents ${id}`);
  return win.webContents;
}

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`main never installed ${what}`);
  return value;
}

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'ready':
      app.markReady();
      return true;
    case 'state':
      return state();
    case 'invoke': {
      const handler = record.handlers.get('frok:invoke');
      if (!handler) throw new Error("no handler for 'frok:invoke'");
      const event = {
        sender: contentsById(command.webContentsId),
        senderFrame: { url: command.frameUrl, parent: command.subFrame ? { url: command.frameUrl, parent: null } : null },
      };
      return await handler(event, command.channel, command.payload);
    }
    case 'permission-request': {
      const handler = required(record.permissionRequestHandler, 'a permission request handler');
      return await new Promise((resolve) => handler(null, command.permission, resolve, command.details));
    }
    case 'permission-check':
      return required(record.permissionCheckHandler, 'a permission check handler')(null, command.permission, 'file:///', command.details);
    case 'headers': {
      const listener = required(record.headersListener, 'a headers listener');
      return await new Promise((resolve) => listener({ url: command.url, responseHeaders: command.headers }, resolve));
    }
    case 'navigate': {
      const event = new PreventableEvent(command.url);
      contentsById(command.webContentsId).emit(command.event, event, command.url);
      return { prevented: event.defaultPrevented };
    }
    case 'window-open': {
      const handler = required(contentsById(command.webContentsId).windowOpenHandler, 'a window-open handler');
      return handler({ url: command.url, frameName: '', features: '', disposition: 'foreground-tab' });
    }
    case 'window-event': {
      const win = record.windows[command.windowIndex];
      if (!win) throw new Error(`no window #${command.windowIndex}`);
      win.emit(command.event);
      return true;
    }
    case 'window-close': {
      const win = record.windows[command.windowIndex];
      if (!win) throw new Error(`no window #${command.windowIndex}`);
      win.close();
      return true;
    }
    case 'app-event':
      app.emit(command.event, {}, ...(command.argv ? [command.argv] : []));
      return true;
    case 'press-shortcut': {
      const callback = record.shortcuts.get(command.accelerator);
      if (!callback) throw new Error(`no global shortcut ${command.accelerator} is registered (registered: ${[...record.shortcuts.keys()].join(', ') || 'none'})`);
      callback();
      return true;
    }
    case 'tray-click':
      liveTray().emit('click', {}, liveTray().getBounds());
      return true;
    case 'tray-menu-click': {
      const item = liveTray().menu?.items.find((i) => i['id'] === command.item);
      if (!item) throw new Error(`the tray menu has no item "${command.item}"`);
      (item['click'] as () => void)();
      return true;
    }
    case 'protocol-request': {
      const scheme = new URL(command.url).protocol.slice(0, -1);
      const handler = record.protocolHandlers.get(scheme);
      if (!handler) throw new Error(`main serves no ${scheme}: scheme`);
      const response = await handler(new Request(command.url, { method: command.method ?? 'GET' }));
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    }
    case 'app-menu-click': {
      const items = (record.applicationMenu?.items ?? []).flatMap((top) => (top['submenu'] as Record<string, unknown>[] | undefined) ?? []);
      const item = items.find((i) => i['label'] === command.label);
      if (!item) throw new Error(`the application menu has no item "${command.label}"`);
      (item['click'] as () => void)();
      return true;
    }
    case 'quit':
      app.quit();
      return true;
  }
}

const send = process.send?.bind(process);
if (send) {
  process.on('message', (message: Request) => {
    run(message).then(
      (result) => send({ id: message.id, ok: true, result } satisfies Reply),
      (err: unknown) => send({ id: message.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Reply),
    );
  });
  app.once('stand-in:exited', (code: number) => {
    send({ exited: code, state: state() } satisfies ExitNotice, () => process.disconnect());
  });
}
