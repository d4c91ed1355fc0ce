import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { HotkeyStatus } from '@shared/desktop';
import { TrayController, toElectronMenu, type Bounds, type ElectronMenuItemOptions } from '../../electron/main/desktop/tray/tray-controller';
import { buildTrayMenuTemplate, type TrayAction, type TrayMenuState } from '../../electron/main/desktop/tray/tray-menu';
import { TRAY_STATES, trayIconFile, trayStateFrom, trayTooltip } from '../../electron/main/desktop/tray/tray-state';
import { createMemoryLogger } from '../../electron/main/logger';

const registered: HotkeyStatus[] = [
  { action: 'voice', accelerator: 'CommandOrControl+Shift+Space', registered: true, reason: null },
  { action: 'quickAsk', accelerator: 'CommandOrControl+Shift+K', registered: true, reason: null },
];
const ACTIONS: TrayAction[] = ['quickAsk', 'startVoice', 'stopVoice', 'openMain', 'openSettings', 'togglePauseHotkeys', 'quit'];
const fakeActions = () => Object.fromEntries(ACTIONS.map((a) => [a, vi.fn<() => void>()])) as Record<TrayAction, ReturnType<typeof vi.fn<() => void>>>;

const idleMenu: TrayMenuState = { voiceRunning: false, hotkeysPaused: false, hotkeys: registered };

describe('trayStateFrom', () => {
  it('is idle with nothing going on', () => {
    expect(trayStateFrom({ activeRuns: 0, voice: [] })).toBe('idle');
    expect(trayStateFrom({ activeRuns: 0, voice: ['idle'] })).toBe('idle');
  });

  it('listens while a voice session is open, works while a run goes or the voice is thinking, speaks above all', () => {
    expect(trayStateFrom({ activeRuns: 0, voice: ['listening'] })).toBe('listening');
    expect(trayStateFrom({ activeRuns: 1, voice: [] })).toBe('working');
    expect(trayStateFrom({ activeRuns: 0, voice: ['thinking'] })).toBe('working');
    expect(trayStateFrom({ activeRuns: 2, voice: ['listening'] })).toBe('working');
    expect(trayStateFrom({ activeRuns: 2, voice: ['speaking'] })).toBe('speaking');
    expect(trayStateFrom({ activeRuns: 0, voice: ['listening', 'speaking'] })).toBe('speaking');
  });

  it('has a tooltip per state and an icon per state, as Template images on macOS', () => {
    expect(trayTooltip('idle', { activeRuns: 0, hotkeysPaused: false })).toBe('FROK — ready');
    expect(trayTooltip('working', { activeRuns: 3, hotkeysPaused: false })).toBe('FROK — working on 3 requests');
    expect(trayTooltip('listening', { activeRuns: 0, hotkeysPaused: true })).toBe('FROK — listening (hotkeys paused)');
    expect(TRAY_STATES.map((s) => trayIconFile(s, 'linux'))).toEqual(['tray-idle.png', 'tray-listening.png', 'tray-speaking.png', 'tray-working.png']);
    expect(trayIconFile('speaking', 'darwin')).toBe('tray-speakingTemplate.png');
    expect(trayIconFile('idle', 'win32')).toBe('tray-idle.png');
  });
});

describe('buildTrayMenuTemplate', () => {
  it('offers quick ask, start voice, open, settings, pause and quit when idle, with the hotkeys as reminders', () => {
    expect(buildTrayMenuTemplate(idleMenu)).toEqual([
      { type: 'normal', id: 'quickAsk', label: 'Quick ask…', enabled: true, accelerator: 'CommandOrControl+Shift+K' },
      { type: 'normal', id: 'startVoice', label: 'Start voice', enabled: true, accelerator: 'CommandOrControl+Shift+Space' },
      { type: 'separator' },
      { type: 'normal', id: 'openMain', label: 'Open FROK', enabled: true },
      { type: 'normal', id: 'openSettings', label: 'Settings…', enabled: true },
      { type: 'checkbox', id: 'togglePauseHotkeys', label: 'Pause hotkeys', checked: false, enabled: true },
      { type: 'separator' },
      { type: 'normal', id: 'quit', label: 'Quit FROK', enabled: true },
    ]);
  });

  it('offers Stop voice while the HUD’s session runs', () => {
    const items = buildTrayMenuTemplate({ ...idleMenu, voiceRunning: true });
    expect(items[1]).toMatchObject({ id: 'stopVoice', label: 'Stop voice' });
    expect(items.some((i) => i.type !== 'separator' && i.id === 'startVoice')).toBe(false);
  });

  it('ticks Pause hotkeys when paused, and shows no shortcut that is not registered', () => {
    const paused = buildTrayMenuTemplate({ voiceRunning: false, hotkeysPaused: true, hotkeys: registered.map((h) => ({ ...h, registered: false, reason: 'paused' })) });
    expect(paused.find((i) => i.type === 'checkbox')).toMatchObject({ checked: true });
    expect(paused.filter((i) => i.type === 'normal' && i.accelerator)).toEqual([]);
  });

  it('becomes Electron menu items whose clicks run the actions, with reminder-only accelerators', () => {
    const actions = fakeActions();
    const items = toElectronMenu(buildTrayMenuTemplate(idleMenu), actions);
    expect(items[0]).toMatchObject({ id: 'quickAsk', accelerator: 'CommandOrControl+Shift+K', registerAccelerator: false });
    expect(items[2]).toEqual({ type: 'separator' });
    items.find((i) => i.id === 'quit')!.click!();
    items.find((i) => i.id === 'togglePauseHotkeys')!.click!();
    expect(actions.quit).toHaveBeenCalledTimes(1);
    expect(actions.togglePauseHotkeys).toHaveBeenCalledTimes(1);
  });
});

function fakeTray() {
  const listeners: ((event: unknown, bounds?: Bounds) => void)[] = [];
  return {
    images: [] as string[],
    tooltips: [] as string[],
    menus: [] as unknown[],
    destroyed: false,
    listeners,
    setImage(image: string) {
      this.images.push(image);
    },
    setToolTip(text: string) {
      this.tooltips.push(text);
    },
    setContextMenu(menu: never) {
      this.menus.push(menu);
    },
    on(_event: 'click', listener: (event: unknown, bounds?: Bounds) => void) {
      listeners.push(listener);
    },
    destroy() {
      this.destroyed = true;
    },
  };
}

describe('TrayController', () => {
  function controller(platform: string) {
    const tray = fakeTray();
    const created: string[] = [];
    const menus: ElectronMenuItemOptions[][] = [];
    const clicks: (Bounds | undefined)[] = [];
    const actions = fakeActions();
    const c = new TrayController(
      {
        createTray: (image) => {
          created.push(image);
          return tray;
        },
        buildMenu: (template) => {
          menus.push(template);
          return { template };
        },
        iconDir: '/res/tray',
        platform,
        actions,
        onClick: (bounds) => clicks.push(bounds),
        log: createMemoryLogger(),
      },
      { state: 'idle', activeRuns: 0, menu: idleMenu },
    );
    return { c, tray, created, menus, clicks };
  }

  it('starts with the idle icon, the tooltip and the menu', () => {
    const { tray, created, menus } = controller('linux');
    expect(created).toEqual([join('/res/tray', 'tray-idle.png')]);
    expect(tray.tooltips).toEqual(['FROK — ready']);
    expect(menus).toHaveLength(1);
    expect(tray.menus).toHaveLength(1);
  });

  it('changes only what changed: the icon per state, the menu when its items change', () => {
    const { c, tray, menus } = controller('linux');
    c.update({ state: 'working', activeRuns: 1, menu: idleMenu });
    expect(tray.images.at(-1)).toBe(join('/res/tray', 'tray-working.png'));
    expect(menus).toHaveLength(1);
    c.update({ state: 'working', activeRuns: 1, menu: idleMenu });
    expect(tray.images).toHaveLength(2);
    c.update({ state: 'listening', activeRuns: 0, menu: { ...idleMenu, voiceRunning: true } });
    expect(menus).toHaveLength(2);
    expect(menus[1]![1]).toMatchObject({ id: 'stopVoice' });
    c.destroy();
    expect(tray.destroyed).toBe(true);
  });

  it('opens quick ask on a left click outside macOS; on macOS a click opens the menu instead', () => {
    const linux = controller('linux');
    linux.tray.listeners[0]!({}, { x: 1, y: 2, width: 3, height: 4 });
    expect(linux.clicks).toEqual([{ x: 1, y: 2, width: 3, height: 4 }]);
    const mac = controller('darwin');
    expect(mac.tray.listeners).toHaveLength(0);
    expect(mac.created).toEqual([join('/res/tray', 'tray-idleTemplate.png')]);
  });

  it('keeps going when the tray refuses an update', () => {
    const { c, tray } = controller('linux');
    tray.setImage = () => {
      throw new Error('tray gone');
    };
    expect(() => c.update({ state: 'speaking', activeRuns: 0, menu: idleMenu })).not.toThrow();
  });
});
