import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, type AppMenuItem } from '../../electron/main/shell/app-menu';

const actions = { openSettings: vi.fn(), quickAsk: vi.fn(), startVoice: vi.fn(), openLogsFolder: vi.fn(), quit: vi.fn() };
const menu = (platform: string, packaged: boolean) =>
  appMenuTemplate({ platform, packaged, hotkeys: { voice: 'CommandOrControl+Shift+Space', quickAsk: 'CommandOrControl+Shift+K' }, actions });

function all(items: AppMenuItem[]): AppMenuItem[] {
  return items.flatMap((i) => [i, ...all(i.submenu ?? [])]);
}
const roles = (items: AppMenuItem[]) => all(items).map((i) => i.role).filter(Boolean);

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help on Linux and Windows, with Quit on Ctrl+Q', () => {
    for (const platform of ['linux', 'win32']) {
      const m = menu(platform, true);
      expect(m.map((i) => i.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      const quit = all(m).find((i) => i.label === 'Quit')!;
      expect(quit.accelerator).toBe('CmdOrCtrl+Q');
      quit.click!();
      expect(actions.quit).toHaveBeenCalled();
    }
  });

  it('on macOS starts with the app menu (About, Settings…, Hide, Quit FROK) and has Paste and Match Style', () => {
    const m = menu('darwin', true);
    expect(m[0]!.label).toBe('FROK');
    expect(m[0]!.submenu!.map((i) => i.role ?? i.label).filter((x) => x)).toEqual(['about', 'Settings…', 'services', 'hide', 'hideOthers', 'unhide', 'Quit FROK']);
    expect(roles(m)).toContain('pasteAndMatchStyle');
  });

  it('keeps the standard edit roles everywhere, so copy and paste work', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      expect(roles(menu(platform, true))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    }
  });

  it('has no Reload or Developer Tools in a packaged build; a development build keeps them', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      expect(roles(menu(platform, true))).not.toEqual(expect.arrayContaining(['reload']));
      expect(roles(menu(platform, true)).some((r) => r === 'reload' || r === 'forceReload' || r === 'toggleDevTools')).toBe(false);
      expect(roles(menu(platform, false))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    }
  });

  it('shows the global hotkeys beside Quick Ask and Start Voice without taking the keys itself', () => {
    const items = all(menu('linux', true));
    expect(items.find((i) => i.label === 'Quick Ask')).toMatchObject({ accelerator: 'CommandOrControl+Shift+K', registerAccelerator: false });
    expect(items.find((i) => i.label === 'Start Voice')).toMatchObject({ accelerator: 'CommandOrControl+Shift+Space', registerAccelerator: false });
    items.find((i) => i.label === 'Open Logs Folder')!.click!();
    expect(actions.openLogsFolder).toHaveBeenCalled();
  });
});
