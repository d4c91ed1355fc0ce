import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, shortcutMenuLabels, type AppMenuItem, type AppMenuOptions } from '../../electron/main/shell/app-menu';
import { physicalKeys, resolveShortcuts, SHORTCUT_IDS } from '../../shared/shortcuts';

const actions = {
  openSettings: vi.fn(),
  quickAsk: vi.fn(),
  startVoice: vi.fn(),
  toggleVoice: vi.fn(),
  windowShortcut: vi.fn(),
  openLogsFolder: vi.fn(),
  quit: vi.fn(),
};
const HOTKEYS = { voice: 'CommandOrControl+Shift+Space', quickAsk: 'CommandOrControl+Shift+K' };
const menu = (platform: string, packaged: boolean, more: Partial<AppMenuOptions> = {}) => appMenuTemplate({ platform, packaged, hotkeys: HOTKEYS, actions, ...more });

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

  it('File has New Conversation, Go to Question Box and Stop the Answer, shown with their keys but left to the window', () => {
    const file = menu('linux', true).find((i) => i.label === 'File')!.submenu!;
    expect(file.slice(0, 3)).toMatchObject([
      { label: 'New Conversation', accelerator: 'CommandOrControl+N', registerAccelerator: false },
      { label: 'Go to Question Box', accelerator: 'CommandOrControl+L', registerAccelerator: false },
      { label: 'Stop the Answer', accelerator: 'Escape', registerAccelerator: false },
    ]);
    actions.windowShortcut.mockClear();
    for (const item of file.slice(0, 3)) item.click!();
    expect(actions.windowShortcut.mock.calls).toEqual([['newConversation'], ['focusQuestion'], ['stopAnswer']]);
  });

  it('Help lists every shortcut with the key from the shared table, each doing what it says, none taking a key', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      const help = menu(platform, true).find((i) => i.label === 'Help')!.submenu!;
      const list = help.find((i) => i.label === 'Keyboard Shortcuts')!.submenu!.filter((i) => i.type !== 'separator');
      const table = resolveShortcuts(HOTKEYS);
      expect(table.map((s) => s.id)).toEqual([...SHORTCUT_IDS]);
      const shortcuts = list.slice(0, table.length);
      expect(shortcuts.map((i) => i.label)).toEqual(
        table.map((s) => (platform === 'darwin' && s.id === 'stopAnswer' ? `${shortcutMenuLabels()[s.id]} (Esc)` : shortcutMenuLabels()[s.id])),
      );
      table.forEach((s, n) => {
        // macOS: no menu Esc at all (registerAccelerator is ignored there, and dialogs need the key).
        if (platform === 'darwin' && s.id === 'stopAnswer') expect(shortcuts[n]!.accelerator).toBeUndefined();
        else expect(shortcuts[n]!.accelerator, s.id).toBe(s.accelerator);
        expect(shortcuts[n]!.registerAccelerator, s.id).toBe(false);
        expect(shortcuts[n]!.click, s.id).toBeTypeOf('function');
      });
      vi.clearAllMocks();
      for (const item of shortcuts) item.click!();
      expect(actions.windowShortcut.mock.calls).toEqual([['newConversation'], ['focusQuestion'], ['stopAnswer']]);
      expect(actions.openSettings).toHaveBeenCalledTimes(1);
      expect(actions.quickAsk).toHaveBeenCalledTimes(1);
      expect(actions.startVoice).toHaveBeenCalledTimes(1);
      list.find((i) => i.label === 'All Shortcuts in Settings')!.click!();
      expect(actions.openSettings).toHaveBeenCalledTimes(2);
    }
  });

  it('no key is taken by two items, and Settings and Quit keep their keys from any FROK window', () => {
    for (const platform of ['linux', 'win32']) {
      const taken = all(menu(platform, true))
        .filter((i) => i.accelerator && i.registerAccelerator !== false)
        .map((i) => physicalKeys(i.accelerator!, platform));
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual([physicalKeys('CommandOrControl+,', platform), physicalKeys('CmdOrCtrl+Q', platform)].sort());
    }
  });

  it('takes the quick-ask and voice keys itself only when the system did not give them to FROK; the voice key toggles', () => {
    const items = (registered: { voice: boolean; quickAsk: boolean }) => menu('linux', true, { hotkeysRegistered: registered }).find((i) => i.label === 'File')!.submenu!;
    expect(items({ voice: true, quickAsk: true }).filter((i) => i.label === 'Quick Ask' || i.label === 'Start Voice').map((i) => i.registerAccelerator)).toEqual([false, false]);
    const unregistered = items({ voice: false, quickAsk: false });
    const voice = unregistered.find((i) => i.label === 'Start Voice')!;
    expect(unregistered.find((i) => i.label === 'Quick Ask')!.registerAccelerator).toBe(true);
    expect(voice.registerAccelerator).toBe(true);
    vi.clearAllMocks();
    voice.click!(undefined, undefined, { triggeredByAccelerator: true });
    expect(actions.toggleVoice).toHaveBeenCalledTimes(1);
    expect(actions.startVoice).not.toHaveBeenCalled();
    voice.click!(undefined, undefined, { triggeredByAccelerator: false });
    expect(actions.startVoice).toHaveBeenCalledTimes(1);
    // Only one voice item may take the key: Help's copy never does.
    const taken = all(menu('linux', true, { hotkeysRegistered: { voice: false, quickAsk: true } })).filter((i) => i.accelerator === HOTKEYS.voice && i.registerAccelerator !== false);
    expect(taken).toHaveLength(1);
  });
});
