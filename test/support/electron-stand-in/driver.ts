/**
 * Runs inside the child process next to the built main bundle: answers the test's
 * commands (play Electron's events, call the handlers main registered, report what main
 * did) over the fork IPC channel. When the app quits it reports once and disconnects, so
 * the process ends only if main left nothing running.
 */
import { app, PreventableEvent, record, type StandInBrowserWindow } from './electron.ts';
import type { Command, ExitNotice, Reply, Request, StandInState } from './protocol.ts';

function state(): StandInState {
  return {
    ready: app.isReady(),
    windows: record.windows.map((w: StandInBrowserWindow) => ({
      options: w.options,
      loads: w.loads,
      shown: w.shown,
      focused: w.focused,
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
    case 'app-event':
      app.emit(command.event, {});
      return true;
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
