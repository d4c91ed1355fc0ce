import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  matchesAccelerator,
  physicalKeys,
  resolveShortcuts,
  SHORTCUT_IDS,
  SHORTCUTS,
  shortcutKeys,
  shortcutLabel,
  WINDOW_SHORTCUT_IDS,
  type KeyPress,
} from '../../shared/shortcuts';
import { shellShortcutActions, targetKind, windowShortcutFor, type KeyPressContext, type ShellShortcutDeps } from '../../renderer/src/keyboard/key-handling';


const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[a-z]$/iu.test(key) ? `Key${key.toUpperCase()}` : key === ',' ? 'Comma' : key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...more,
});
const inWindow = (p: KeyPress, more: Partial<KeyPressContext> = {}): KeyPressContext => ({
  ...p,
  defaultPrevented: false,
  isComposing: false,
  dialogOpen: false,
  target: 'other',
  canStop: true,
  ...more,
});

describe('the shortcut table', () => {
  it('has every shortcut once, and the default hotkeys from Settings for quick ask and voice', () => {
    expect(SHORTCUTS.map((s) => s.id)).toEqual([...SHORTCUT_IDS]);
    const resolved = resolveShortcuts(DEFAULT_SETTINGS.hotkeys);
    expect(Object.fromEntries(resolved.map((s) => [s.id, s.accelerator]))).toEqual({
      newConversation: 'CommandOrControl+N',
      focusQuestion: 'CommandOrControl+L',
      stopAnswer: 'Escape',
      openSettings: 'CommandOrControl+,',
      quickAsk: DEFAULT_SETTINGS.hotkeys.quickAsk,
      voice: DEFAULT_SETTINGS.hotkeys.voice,
    });
  });

  it('gives no two shortcuts the same keys on any platform', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      const keys = resolveShortcuts(DEFAULT_SETTINGS.hotkeys).map((s) => physicalKeys(s.accelerator, platform));
      expect(new Set(keys).size, platform).toBe(keys.length);
    }
  });

  it('reads ⌘ on a Mac and Ctrl elsewhere', () => {
    expect(shortcutLabel('CommandOrControl+N', 'darwin')).toBe('⌘N');
    expect(shortcutLabel('CommandOrControl+N', 'linux')).toBe('Ctrl+N');
    expect(shortcutLabel('CommandOrControl+N', 'win32')).toBe('Ctrl+N');
    expect(shortcutLabel('CommandOrControl+,', 'darwin')).toBe('⌘,');
    expect(shortcutLabel('Escape', 'darwin')).toBe('Esc');
    expect(shortcutLabel('Escape', 'linux')).toBe('Esc');
    // A Mac writes modifiers ⌃⌥⇧⌘, whatever order the accelerator names them in.
    expect(shortcutLabel('CommandOrControl+Shift+K', 'darwin')).toBe('⇧⌘K');
    expect(shortcutKeys('Alt+Shift+Space', 'darwin')).toEqual(['⌥', '⇧', 'Space']);
    expect(shortcutLabel('Shift+CommandOrControl+Space', 'linux')).toBe('Ctrl+Shift+Space');
    expect(shortcutLabel('Super+K', 'win32')).toBe('Win+K');
  });
});

describe('matching a key press', () => {
  it('takes exactly the modifiers the accelerator names, Cmd on a Mac and Ctrl elsewhere', () => {
    expect(matchesAccelerator(press('n', { ctrlKey: true }), 'CommandOrControl+N', 'linux')).toBe(true);
    expect(matchesAccelerator(press('n', { metaKey: true }), 'CommandOrControl+N', 'linux')).toBe(false);
    expect(matchesAccelerator(press('n', { metaKey: true }), 'CommandOrControl+N', 'darwin')).toBe(true);
    expect(matchesAccelerator(press('n', { ctrlKey: true }), 'CommandOrControl+N', 'darwin')).toBe(false);
    expect(matchesAccelerator(press('N', { ctrlKey: true, shiftKey: true }), 'CommandOrControl+N', 'linux')).toBe(false);
    expect(matchesAccelerator(press('n'), 'CommandOrControl+N', 'linux')).toBe(false);
    expect(matchesAccelerator(press(',', { ctrlKey: true }), 'CommandOrControl+,', 'linux')).toBe(true);
    expect(matchesAccelerator(press('Escape'), 'Escape', 'linux')).toBe(true);
    expect(matchesAccelerator(press('Escape', { shiftKey: true }), 'Escape', 'linux')).toBe(false);
  });

  it('finds a letter by its place on a non-Latin layout', () => {
    expect(matchesAccelerator({ ...press('т', { ctrlKey: true }), code: 'KeyN' }, 'CommandOrControl+N', 'linux')).toBe(true);
  });
});

describe('the main window’s keys', () => {
  it('maps each window shortcut’s key to it, and leaves plain typing alone', () => {
    expect(windowShortcutFor(inWindow(press('n', { ctrlKey: true })), 'linux')).toBe('newConversation');
    expect(windowShortcutFor(inWindow(press('l', { ctrlKey: true }), { target: 'field' }), 'linux')).toBe('focusQuestion');
    expect(windowShortcutFor(inWindow(press(',', { metaKey: true })), 'darwin')).toBe('openSettings');
    expect(windowShortcutFor(inWindow(press('Escape'), { target: 'questionBox' }), 'linux')).toBe('stopAnswer');
    for (const key of ['n', 'l', ',', '/', 'Enter', ' ']) expect(windowShortcutFor(inWindow(press(key), { target: 'questionBox' }), 'linux'), key).toBeNull();
  });

  it('leaves Esc to a dialog, to another field, and does nothing with it when no answer is running', () => {
    expect(windowShortcutFor(inWindow(press('Escape'), { dialogOpen: true }), 'linux')).toBeNull();
    expect(windowShortcutFor(inWindow(press('Escape'), { target: 'field' }), 'linux')).toBeNull();
    expect(windowShortcutFor(inWindow(press('Escape'), { canStop: false }), 'linux')).toBeNull();
    expect(windowShortcutFor(inWindow(press('Escape'), { defaultPrevented: true }), 'linux')).toBeNull();
  });

  it('takes no shortcut while a modal dialog is open or an IME is composing', () => {
    expect(windowShortcutFor(inWindow(press('n', { ctrlKey: true }), { dialogOpen: true }), 'linux')).toBeNull();
    expect(windowShortcutFor(inWindow(press('n', { ctrlKey: true }), { isComposing: true }), 'linux')).toBeNull();
  });

  it('tells the question box from other fields', () => {
    // Just what targetKind reads of an element: whether it sits in a field.
    const element = (inField: boolean) => ({ closest: (selector: string) => (inField && selector.includes('textarea') ? {} : null) }) as unknown as Element;
    const box = element(true);
    expect(targetKind(null, box)).toBe('other');
    expect(targetKind(box, box)).toBe('questionBox');
    expect(targetKind(element(true), box)).toBe('field');
    expect(targetKind(element(false), box)).toBe('other');
  });
});

describe('what each window shortcut does', () => {
  const deps = (more: Partial<ShellShortcutDeps> = {}): ShellShortcutDeps => ({
    go: vi.fn(),
    running: false,
    hasTurns: true,
    startNew: vi.fn(),
    stop: vi.fn(),
    focusQuestion: vi.fn(),
    ...more,
  });

  it('has an action for every window shortcut', () => {
    expect(Object.keys(shellShortcutActions(deps())).sort()).toEqual([...WINDOW_SHORTCUT_IDS].sort());
  });

  it('New conversation: to the Conversation screen, starts over, and puts the cursor in the question box', () => {
    const d = deps();
    shellShortcutActions(d).newConversation();
    expect(d.go).toHaveBeenCalledWith('conversation');
    expect(d.startNew).toHaveBeenCalled();
    expect(d.focusQuestion).toHaveBeenCalled();
  });

  it('New conversation keeps a running answer (it would be lost) and an empty one as it is', () => {
    for (const d of [deps({ running: true }), deps({ hasTurns: false })]) {
      shellShortcutActions(d).newConversation();
      expect(d.startNew).not.toHaveBeenCalled();
      expect(d.focusQuestion).toHaveBeenCalled();
    }
  });

  it('Stop stops only a running answer; Settings and the question box go where they say', () => {
    const idle = deps();
    shellShortcutActions(idle).stopAnswer();
    expect(idle.stop).not.toHaveBeenCalled();
    const busy = deps({ running: true });
    shellShortcutActions(busy).stopAnswer();
    expect(busy.stop).toHaveBeenCalled();
    const d = deps();
    shellShortcutActions(d).openSettings();
    expect(d.go).toHaveBeenCalledWith('settings');
    shellShortcutActions(d).focusQuestion();
    expect(d.go).toHaveBeenLastCalledWith('conversation');
    expect(d.focusQuestion).toHaveBeenCalled();
  });
});
