import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL } from '@shared/ipc/names';
import { createEventBus } from '../../electron/main/events';
import { createMemoryLogger } from '../../electron/main/logger';
import { createAppWindows } from '../../electron/main/shell/app-windows';
import { forwardEventsToWindows } from '../../electron/main/shell/event-forwarding';
import { focusWindow, mainWindowOptions, openMainWindow, type WindowLike } from '../../electron/main/shell/main-window';
import { DEFAULT_SETTINGS } from '@shared/settings';

function contents(id: number) {
  return { id, destroyed: false, isDestroyed() { return this.destroyed; }, send: vi.fn() };
}

describe('app windows', () => {
  it('knows FROK’s windows by webContents id, and forgets closed ones', () => {
    const windows = createAppWindows();
    const c = contents(7);
    const forget = windows.add(c, 'main');
    expect(windows.callerFor(7)).toEqual({ id: 'window-7', kind: 'main' });
    expect(windows.callerFor(8)).toBeNull();
    c.destroyed = true;
    expect(windows.callerFor(7)).toBeNull();
    c.destroyed = false;
    forget();
    expect(windows.callerFor(7)).toBeNull();
  });

  it('delivers events to every window, or only to the targeted one', () => {
    const windows = createAppWindows();
    const bus = createEventBus();
    const a = contents(1);
    const b = contents(2);
    windows.add(a, 'main');
    windows.add(b, 'quick-ask');
    const stop = forwardEventsToWindows(bus, windows, createMemoryLogger());
    bus.emit('settings:changed', DEFAULT_SETTINGS);
    expect(a.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'settings:changed', DEFAULT_SETTINGS);
    expect(b.send).toHaveBeenCalledTimes(1);
    bus.emit('settings:changed', DEFAULT_SETTINGS, 'window-2');
    expect(a.send).toHaveBeenCalledTimes(1);
    expect(b.send).toHaveBeenCalledTimes(2);
    stop();
    bus.emit('settings:changed', DEFAULT_SETTINGS);
    expect(b.send).toHaveBeenCalledTimes(2);
  });

  it('delivers a run’s activity only to the window that owns it and to the main window', () => {
    const windows = createAppWindows();
    const bus = createEventBus();
    const main = contents(1);
    const quickAsk = contents(2);
    const hud = contents(3);
    windows.add(main, 'main');
    windows.add(quickAsk, 'quick-ask');
    windows.add(hud, 'hud');
    forwardEventsToWindows(bus, windows, createMemoryLogger());
    const started = { type: 'run_started', runId: 'run-1', at: 1, query: 'private question', pattern: 'hybrid', source: 'quick-ask', conversationId: 'c-1' } as const;
    bus.emit('agent:activity', started, { owner: 'window-2' });
    expect(quickAsk.send).toHaveBeenCalledTimes(1);
    expect(main.send).toHaveBeenCalledTimes(1);
    expect(hud.send).not.toHaveBeenCalled();
    // A run the main window started is its alone.
    bus.emit('agent:activity', { ...started, runId: 'run-2' }, { owner: 'window-1' });
    expect(main.send).toHaveBeenCalledTimes(2);
    expect(quickAsk.send).toHaveBeenCalledTimes(1);
    expect(hud.send).not.toHaveBeenCalled();
  });

  it('keeps delivering when one window fails to receive', () => {
    const windows = createAppWindows();
    const bus = createEventBus();
    const broken = contents(1);
    broken.send.mockImplementation(() => {
      throw new Error('Render frame was disposed');
    });
    const ok = contents(2);
    windows.add(broken, 'main');
    windows.add(ok, 'main');
    const log = createMemoryLogger();
    forwardEventsToWindows(bus, windows, log);
    bus.emit('settings:changed', DEFAULT_SETTINGS);
    expect(ok.send).toHaveBeenCalledTimes(1);
    expect(log.lines[0]?.message).toContain('window-1');
  });
});

function fakeWindow(load: () => Promise<unknown>) {
  const win = Object.assign(new EventEmitter(), {
    webContents: { id: 1 },
    show: vi.fn(),
    loadURL: vi.fn(load),
    loadFile: vi.fn(load),
  });
  return win as typeof win & WindowLike;
}

describe('main window', () => {
  it('is 1100×760, titled FROK, hidden until painted, with the secure preferences', () => {
    const options = mainWindowOptions('/p/index.cjs', false);
    expect(options).toMatchObject({ width: 1100, height: 760, show: false, title: 'FROK' });
    expect(options.minWidth).toBeLessThanOrEqual(1100);
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/p/index.cjs' });
    expect(mainWindowOptions('/p', true).backgroundColor).not.toBe(options.backgroundColor);
  });

  it('loads the built page, and shows once ready', async () => {
    const win = fakeWindow(async () => undefined);
    openMainWindow({ create: () => win, preloadPath: '/p', page: { file: '/r/index.html' }, dark: false, log: createMemoryLogger() });
    expect(win.loadFile).toHaveBeenCalledWith('/r/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('loads the dev server when given a URL; a failed load is logged and the window shown anyway', async () => {
    const win = fakeWindow(async () => {
      throw new Error('ERR_CONNECTION_REFUSED');
    });
    const log = createMemoryLogger();
    openMainWindow({ create: () => win, preloadPath: '/p', page: { url: 'http://localhost:5173/' }, dark: false, log });
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    await vi.waitFor(() => expect(win.show).toHaveBeenCalled());
    expect(log.lines[0]).toMatchObject({ level: 'error', details: 'ERR_CONNECTION_REFUSED' });
  });

  it('a second launch restores and focuses the existing window', () => {
    const win = { isDestroyed: () => false, isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    expect(focusWindow(win)).toBe(true);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(focusWindow(null)).toBe(false);
    expect(focusWindow({ ...win, isDestroyed: () => true })).toBe(false);
  });
});
