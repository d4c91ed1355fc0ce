import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PendingWindowEvents } from '../../electron/main/desktop/windows/pending-window-events';
import { PLACEMENT_GAP, clampInto, placeHud, placeQuickAsk, trayEdge, type Point, type Rect, type Size } from '../../electron/main/desktop/windows/placement';
import { HUD_SIZE, QUICK_ASK_SIZE, hudWindowOptions, popupBehaviour, quickAskWindowOptions } from '../../electron/main/desktop/windows/popup-options';
import { PopupWindow, type PopupBrowserWindow } from '../../electron/main/desktop/windows/popup-window';
import { hideInsteadOfClosing, quitsAfterMainWindowClosed, trackAppWindow } from '../../electron/main/desktop/windows/track-window';
import { createMemoryLogger } from '../../electron/main/logger';
import { createAppWindows } from '../../electron/main/shell/app-windows';
import { secureWebPreferences } from '../../electron/main/shell/security';

const size: Size = { width: 560, height: 420 };
const inside = (p: Point, area: Rect) =>
  p.x >= area.x && p.y >= area.y && p.x + size.width <= area.x + area.width && p.y + size.height <= area.y + area.height;

describe('placeQuickAsk', () => {
  // Windows: taskbar at the bottom, tray in its right corner.
  const bottomBar: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  // macOS: menu bar at the top.
  const topBar: Rect = { x: 0, y: 25, width: 1440, height: 875 };

  it('opens above a tray at the bottom, centred on the icon but kept on screen', () => {
    const p = placeQuickAsk({ trayBounds: { x: 1800, y: 1048, width: 24, height: 24 }, cursor: { x: 1810, y: 1060 }, workArea: bottomBar, size });
    expect(p).toEqual({ x: 1920 - 560, y: 1040 - PLACEMENT_GAP - 420 });
    expect(inside(p, bottomBar)).toBe(true);
  });

  it('opens below a tray at the top (macOS menu bar)', () => {
    const p = placeQuickAsk({ trayBounds: { x: 1100, y: 0, width: 22, height: 24 }, cursor: { x: 1105, y: 10 }, workArea: topBar, size });
    expect(p).toEqual({ x: Math.round(1111 - 280), y: 25 + PLACEMENT_GAP });
    expect(inside(p, topBar)).toBe(true);
  });

  it('opens beside a tray in a panel on the left or right', () => {
    const leftPanel: Rect = { x: 48, y: 0, width: 1872, height: 1080 };
    const left = placeQuickAsk({ trayBounds: { x: 12, y: 1000, width: 24, height: 24 }, cursor: { x: 20, y: 1010 }, workArea: leftPanel, size });
    expect(left).toEqual({ x: 48 + PLACEMENT_GAP, y: 1080 - 420 });
    const rightPanel: Rect = { x: 0, y: 0, width: 1872, height: 1080 };
    const right = placeQuickAsk({ trayBounds: { x: 1884, y: 500, width: 24, height: 24 }, cursor: { x: 1890, y: 510 }, workArea: rightPanel, size });
    expect(right).toEqual({ x: 1872 - PLACEMENT_GAP - 560, y: 512 - 210 });
  });

  it('uses the nearest edge when an auto-hidden panel overlaps the work area', () => {
    expect(trayEdge({ x: 1800, y: 1020, width: 24, height: 24 }, bottomBar)).toBe('bottom');
    expect(trayEdge({ x: 5, y: 500, width: 24, height: 24 }, bottomBar)).toBe('left');
  });

  it('works on displays left of and above the primary one (negative coordinates)', () => {
    const leftDisplay: Rect = { x: -2560, y: 0, width: 2560, height: 1400 };
    const tray = { x: -300, y: 1410, width: 24, height: 24 };
    const p = placeQuickAsk({ trayBounds: tray, cursor: { x: -290, y: 1420 }, workArea: leftDisplay, size });
    expect(p).toEqual({ x: -288 - 280, y: 1400 - PLACEMENT_GAP - 420 });
    expect(inside(p, leftDisplay)).toBe(true);

    const aboveDisplay: Rect = { x: -200, y: -1080, width: 1920, height: 1050 };
    const q = placeQuickAsk({ cursor: { x: -150, y: -1070 }, workArea: aboveDisplay, size });
    expect(inside(q, aboveDisplay)).toBe(true);
    expect(q).toEqual({ x: -200, y: -1070 + PLACEMENT_GAP });
  });

  it('without tray bounds (Linux), opens under the cursor, or above it near the bottom', () => {
    expect(placeQuickAsk({ trayBounds: { x: 0, y: 0, width: 0, height: 0 }, cursor: { x: 960, y: 500 }, workArea: bottomBar, size })).toEqual({ x: 680, y: 508 });
    const low = placeQuickAsk({ cursor: { x: 960, y: 1000 }, workArea: bottomBar, size });
    expect(low).toEqual({ x: 680, y: 1000 - PLACEMENT_GAP - 420 });
    // In a corner it is pushed fully onto the screen.
    const corner = placeQuickAsk({ cursor: { x: 1919, y: 0 }, workArea: bottomBar, size });
    expect(corner).toEqual({ x: 1920 - 560, y: PLACEMENT_GAP });
  });

  it('keeps the top-left corner visible when the window is larger than the screen', () => {
    expect(clampInto({ x: 100, y: 100 }, { width: 900, height: 900 }, { x: 0, y: 0, width: 800, height: 600 })).toEqual({ x: 0, y: 0 });
  });
});

describe('placeHud', () => {
  it('sits at the top centre of the display the person is on', () => {
    expect(placeHud({ workArea: { x: 0, y: 25, width: 1440, height: 875 }, size: HUD_SIZE })).toEqual({ x: (1440 - HUD_SIZE.width) / 2, y: 25 + 24 });
    expect(placeHud({ workArea: { x: -1920, y: -200, width: 1920, height: 1080 }, size: HUD_SIZE })).toEqual({ x: -1920 + (1920 - HUD_SIZE.width) / 2, y: -176 });
  });
});

describe('the small windows', () => {
  it('quick ask and the HUD are frameless, on top, off the taskbar, and as locked down as the main window', () => {
    for (const options of [quickAskWindowOptions('/pre.cjs', false), hudWindowOptions('/pre.cjs', true)]) {
      expect(options).toMatchObject({ show: false, frame: false, alwaysOnTop: true, skipTaskbar: true, resizable: false });
      expect(options.webPreferences).toEqual(secureWebPreferences('/pre.cjs'));
    }
    expect(quickAskWindowOptions('/p', false)).toMatchObject(QUICK_ASK_SIZE);
    expect(popupBehaviour('quick-ask', { wayland: false })).toEqual({ placedByFrok: true, hideOnBlur: true });
    expect(popupBehaviour('hud', { wayland: false })).toEqual({ placedByFrok: true, hideOnBlur: false });
  });

  it('under Wayland both are ordinary windows the compositor places, findable in the taskbar, never hidden on blur', () => {
    const wayland = { wayland: true };
    for (const options of [quickAskWindowOptions('/pre.cjs', false, wayland), hudWindowOptions('/pre.cjs', true, wayland)]) {
      expect(options).toMatchObject({ show: false, frame: true, alwaysOnTop: false, skipTaskbar: false, minimizable: true, autoHideMenuBar: true });
      expect(options.webPreferences).toEqual(secureWebPreferences('/pre.cjs'));
    }
    expect(popupBehaviour('quick-ask', wayland)).toEqual({ placedByFrok: false, hideOnBlur: false });
    expect(popupBehaviour('hud', wayland)).toEqual({ placedByFrok: false, hideOnBlur: false });
  });

  it('their pages carry the same Content-Security-Policy as the main page', async () => {
    const read = (name: string) => readFile(join(import.meta.dirname, '..', '..', 'renderer', name), 'utf8');
    const csp = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const main = csp(await read('index.html'));
    expect(main).toBeTruthy();
    expect(csp(await read('quick-ask.html'))).toBe(main);
    expect(csp(await read('hud.html'))).toBe(main);
  });
});

describe('PendingWindowEvents', () => {
  it('holds a window’s events until its page is ready, then delivers them in order and the next ones at once', () => {
    const delivered: unknown[] = [];
    const pending = new PendingWindowEvents((name, payload, target) => delivered.push([name, payload, target]));
    pending.send('window-2', 'hud:toggle', { action: 'toggle' });
    pending.send('window-2', 'hud:toggle', { action: 'stop' });
    expect(delivered).toEqual([]);
    pending.markReady('window-2');
    expect(delivered).toEqual([
      ['hud:toggle', { action: 'toggle' }, 'window-2'],
      ['hud:toggle', { action: 'stop' }, 'window-2'],
    ]);
    pending.send('window-2', 'window:navigate', { screen: 'settings' });
    expect(delivered).toHaveLength(3);
  });

  it('holds again while the page reloads, forgets closed windows, and never holds more than a few', () => {
    const delivered: unknown[] = [];
    const pending = new PendingWindowEvents((name) => delivered.push(name));
    pending.markReady('w');
    pending.markLoading('w');
    expect(pending.isReady('w')).toBe(false);
    for (let i = 0; i < 50; i++) pending.send('w', 'hud:toggle', { action: 'toggle' });
    pending.forget('w');
    pending.markReady('w');
    expect(delivered).toEqual([]);
    for (let i = 0; i < 50; i++) pending.send('x', 'hud:toggle', { action: 'toggle' });
    pending.markReady('x');
    expect(delivered.length).toBe(20);
  });
});

class FakeWindow extends EventEmitter implements PopupBrowserWindow {
  static nextId = 1;
  webContents = Object.assign(new EventEmitter(), { id: FakeWindow.nextId++, destroyed: false, isDestroyed: () => false, send: vi.fn() });
  visible = false;
  focused = false;
  destroyed = false;
  position: [number, number] | null = null;
  loads: string[] = [];
  loadURL = vi.fn(async (url: string) => void this.loads.push(url));
  loadFile = vi.fn(async (file: string) => void this.loads.push(file));
  show() {
    this.visible = true;
  }
  showInactive() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.focused = true;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setPosition(x: number, y: number) {
    this.position = [x, y];
  }
}

describe('PopupWindow', () => {
  function popup(hideOnBlur: boolean) {
    const created: FakeWindow[] = [];
    const tracked: FakeWindow[] = [];
    const p = new PopupWindow<FakeWindow>({
      name: 'quick-ask',
      create: () => {
        const w = new FakeWindow();
        created.push(w);
        return w;
      },
      page: { file: '/out/renderer/quick-ask.html' },
      track: (w) => tracked.push(w),
      hideOnBlur,
      log: createMemoryLogger(),
    });
    return { p, created, tracked };
  }

  it('is created once, on first use, loads its page and is registered; later it is shown again', () => {
    const { p, created, tracked } = popup(true);
    expect(p.current()).toBeNull();
    const win = p.showAt({ x: 10, y: 20 }, { focus: true });
    expect(created).toEqual([win]);
    expect(tracked).toEqual([win]);
    expect(win.loads).toEqual(['/out/renderer/quick-ask.html']);
    expect(win).toMatchObject({ visible: true, focused: true, position: [10, 20] });
    win.emit('blur');
    expect(win.visible).toBe(false);
    p.showAt({ x: 30, y: 40 }, { focus: false });
    expect(created).toHaveLength(1);
    expect(win).toMatchObject({ visible: true, focused: false, position: [30, 40] });
  });

  it('with no position (Wayland) is shown where the compositor puts it', () => {
    const { p } = popup(false);
    const win = p.showAt(null, { focus: true });
    expect(win).toMatchObject({ visible: true, focused: true });
    expect((win as unknown as { position?: unknown }).position ?? null).toBeNull();
  });

  it('is made again after it was really closed', () => {
    const { p, created } = popup(false);
    const first = p.ensure().win;
    first.destroyed = true;
    first.emit('closed');
    expect(p.ensure()).toMatchObject({ created: true });
    expect(created).toHaveLength(2);
    // The HUD stays up when the person clicks elsewhere.
    created[1]!.show();
    created[1]!.emit('blur');
    expect(created[1]!.visible).toBe(true);
  });
});

describe('trackAppWindow and hideInsteadOfClosing', () => {
  it('makes the window an IPC caller of its kind, and ends what it owned on reload and close', () => {
    const windows = createAppWindows();
    const gone = vi.fn();
    const delivered: unknown[] = [];
    const pending = new PendingWindowEvents((name, _p, target) => delivered.push([name, target]));
    const win = new FakeWindow();
    const onClosed = vi.fn();
    const callerId = trackAppWindow(win, 'hud', { windows, pending, callerGone: () => gone }, onClosed);
    expect(windows.callerFor(win.webContents.id)).toEqual({ id: callerId, kind: 'hud' });
    pending.markReady(callerId);
    win.webContents.emit('did-start-loading');
    expect(gone).toHaveBeenCalledWith(callerId, 'The window was reloaded.');
    expect(pending.isReady(callerId)).toBe(false);
    win.emit('closed');
    expect(gone).toHaveBeenLastCalledWith(callerId, 'The window was closed.');
    expect(windows.callerFor(win.webContents.id)).toBeNull();
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('hides a window the person closes, unless FROK is quitting', () => {
    const win = Object.assign(new EventEmitter(), { hide: vi.fn() });
    let quitting = false;
    hideInsteadOfClosing(win, { isQuitting: () => quitting });
    const event = { preventDefault: vi.fn() };
    win.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(win.hide).toHaveBeenCalledTimes(1);
    quitting = true;
    const last = { preventDefault: vi.fn() };
    win.emit('close', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(win.hide).toHaveBeenCalledTimes(1);
  });

  it('closes the main window for real when the person turned off "keep running", and says so once when it hides', () => {
    const win = Object.assign(new EventEmitter(), { hide: vi.fn() });
    let keep = true;
    const onHidden = vi.fn();
    hideInsteadOfClosing(win, { isQuitting: () => false, keepRunning: () => keep, onHidden });
    const first = { preventDefault: vi.fn() };
    win.emit('close', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(onHidden).toHaveBeenCalledTimes(1);
    keep = false;
    const second = { preventDefault: vi.fn() };
    win.emit('close', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(onHidden).toHaveBeenCalledTimes(1);
  });

  it('quits after the main window really closed, except on macOS (the Dock keeps the app)', () => {
    expect(quitsAfterMainWindowClosed({ platform: 'linux', keepRunning: false, quitting: false })).toBe(true);
    expect(quitsAfterMainWindowClosed({ platform: 'win32', keepRunning: false, quitting: false })).toBe(true);
    expect(quitsAfterMainWindowClosed({ platform: 'darwin', keepRunning: false, quitting: false })).toBe(false);
    expect(quitsAfterMainWindowClosed({ platform: 'linux', keepRunning: true, quitting: false })).toBe(false);
    expect(quitsAfterMainWindowClosed({ platform: 'linux', keepRunning: false, quitting: true })).toBe(false);
  });
});
