import { describe, expect, it } from 'vitest';
import { acceleratorLabel, validateAccelerator, validateHotkeys } from '@shared/desktop';
import { DEFAULT_SETTINGS } from '@shared/settings';
import { HOTKEY_REASONS, HotkeyManager, type GlobalShortcutLike } from '../../electron/main/desktop/hotkeys/hotkey-manager';
import { chromiumSwitchesFor, isWaylandSession } from '../../electron/main/desktop/hotkeys/wayland';
import { secondLaunchRequest, startsHidden } from '../../electron/main/desktop/second-launch';
import { createMemoryLogger } from '../../electron/main/logger';

describe('validateAccelerator', () => {
  it('accepts modifiers plus one key, in any case and with aliases, and spells it canonically', () => {
    expect(validateAccelerator('CommandOrControl+Shift+Space')).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+Space' });
    expect(validateAccelerator('cmdorctrl+shift+k')).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+K' });
    expect(validateAccelerator(' Shift + Ctrl + f12 ')).toEqual({ ok: true, accelerator: 'Control+Shift+F12' });
    expect(validateAccelerator('Option+Meta+Return')).toEqual({ ok: true, accelerator: 'Alt+Super+Enter' });
    expect(validateAccelerator('Alt+Plus')).toEqual({ ok: true, accelerator: 'Alt+Plus' });
    expect(validateAccelerator('Ctrl+Alt+/')).toEqual({ ok: true, accelerator: 'Control+Alt+/' });
    expect(validateAccelerator('Ctrl+num5')).toEqual({ ok: true, accelerator: 'Control+num5' });
    expect(validateAccelerator('Alt+esc')).toEqual({ ok: true, accelerator: 'Alt+Escape' });
    expect(validateAccelerator('Cmd+Shift+K', 'darwin')).toEqual({ ok: true, accelerator: 'Command+Shift+K' });
    // Shift with a key nobody types is fine.
    expect(validateAccelerator('Shift+F5')).toEqual({ ok: true, accelerator: 'Shift+F5' });
  });

  it('refuses a bare key for global use, and Shift alone with a key you type', () => {
    expect(validateAccelerator('K')).toMatchObject({ ok: false, reason: expect.stringContaining('needs a modifier') });
    expect(validateAccelerator('F5')).toMatchObject({ ok: false, reason: expect.stringContaining('needs a modifier') });
    expect(validateAccelerator('Shift+K')).toMatchObject({ ok: false, reason: expect.stringContaining('whenever you type it') });
    expect(validateAccelerator('Shift+Space')).toMatchObject({ ok: false });
  });

  it('explains each way a shortcut can be malformed', () => {
    expect(validateAccelerator('')).toMatchObject({ ok: false, reason: expect.stringContaining('Press a key combination') });
    expect(validateAccelerator('Ctrl+Shift')).toMatchObject({ ok: false, reason: expect.stringContaining('has no key') });
    expect(validateAccelerator('Ctrl+K+L')).toMatchObject({ ok: false, reason: expect.stringContaining('has two (K and L)') });
    expect(validateAccelerator('Ctrl+Control+K')).toMatchObject({ ok: false, reason: expect.stringContaining('twice') });
    expect(validateAccelerator('K+Ctrl')).toMatchObject({ ok: false, reason: expect.stringContaining('before the key') });
    expect(validateAccelerator('Ctrl++')).toMatchObject({ ok: false, reason: expect.stringContaining('"Plus"') });
    expect(validateAccelerator('Ctrl+Hyper+K')).toMatchObject({ ok: false, reason: expect.stringContaining('"Hyper" is not a key') });
    expect(validateAccelerator('Ctrl+F25')).toMatchObject({ ok: false });
    expect(validateAccelerator('Cmd+K', 'linux')).toMatchObject({ ok: false, reason: expect.stringContaining('CommandOrControl') });
  });
});

describe('validateHotkeys', () => {
  it('accepts the defaults', () => {
    const checks = validateHotkeys(DEFAULT_SETTINGS.hotkeys);
    expect(checks.voice.ok && checks.quickAsk.ok).toBe(true);
  });

  it('refuses the quick-ask shortcut when it is the same keys as the voice one, however spelled', () => {
    expect(validateHotkeys({ voice: 'Ctrl+Shift+K', quickAsk: 'shift+control+k' }).quickAsk).toMatchObject({ ok: false, reason: expect.stringContaining('already the voice shortcut') });
    // CommandOrControl is Ctrl on Linux and Windows, Cmd on a Mac.
    expect(validateHotkeys({ voice: 'CommandOrControl+K', quickAsk: 'Ctrl+K' }, 'linux').quickAsk.ok).toBe(false);
    expect(validateHotkeys({ voice: 'CommandOrControl+K', quickAsk: 'Ctrl+K' }, 'darwin').quickAsk.ok).toBe(true);
    expect(validateHotkeys({ voice: 'CommandOrControl+K', quickAsk: 'Cmd+K' }, 'darwin').quickAsk.ok).toBe(false);
    expect(validateHotkeys({ voice: 'Ctrl+Shift+K', quickAsk: 'Ctrl+Shift+L' }).quickAsk.ok).toBe(true);
  });

  it('labels shortcuts the way each system names its keys', () => {
    expect(acceleratorLabel('CommandOrControl+Shift+Space', 'linux')).toBe('Ctrl+Shift+Space');
    expect(acceleratorLabel('CommandOrControl+Alt+K', 'darwin')).toBe('Cmd+Option+K');
  });
});

/** A recording globalShortcut: `taken` accelerators belong to another app. */
function recordingShortcuts(taken: string[] = []) {
  const registered = new Map<string, () => void>();
  const calls: string[] = [];
  const shortcuts: GlobalShortcutLike & { registered: Map<string, () => void>; calls: string[] } = {
    registered,
    calls,
    register(accelerator, callback) {
      calls.push(`register ${accelerator}`);
      if (taken.includes(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      calls.push(`unregister ${accelerator}`);
      registered.delete(accelerator);
    },
    unregisterAll() {
      calls.push('unregisterAll');
      registered.clear();
    },
  };
  return shortcuts;
}

function manager(options: { taken?: string[]; wayland?: boolean; throwOn?: string } = {}) {
  const shortcuts = recordingShortcuts(options.taken);
  if (options.throwOn) {
    const register = shortcuts.register.bind(shortcuts);
    shortcuts.register = (accelerator, callback) => {
      if (accelerator === options.throwOn) throw new Error('conversion failure');
      return register(accelerator, callback);
    };
  }
  const pressed: string[] = [];
  const changes: unknown[] = [];
  const log = createMemoryLogger();
  const hotkeys = new HotkeyManager({
    shortcuts,
    platform: 'linux',
    wayland: options.wayland ?? false,
    actions: { voice: () => pressed.push('voice'), quickAsk: () => pressed.push('quickAsk') },
    onChange: (statuses) => changes.push(statuses),
    log,
  });
  return { hotkeys, shortcuts, pressed, changes, log };
}

describe('HotkeyManager', () => {
  it('registers both hotkeys from settings and runs their actions', () => {
    const { hotkeys, shortcuts, pressed, changes } = manager();
    const statuses = hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    expect(statuses).toEqual([
      { action: 'voice', accelerator: 'CommandOrControl+Shift+Space', registered: true, reason: null },
      { action: 'quickAsk', accelerator: 'CommandOrControl+Shift+K', registered: true, reason: null },
    ]);
    expect(changes).toEqual([statuses]);
    shortcuts.registered.get('CommandOrControl+Shift+Space')!();
    shortcuts.registered.get('CommandOrControl+Shift+K')!();
    expect(pressed).toEqual(['voice', 'quickAsk']);
  });

  it('says another app holds a shortcut when registering fails, and still registers the other', () => {
    const { hotkeys, shortcuts, log } = manager({ taken: ['CommandOrControl+Shift+K'] });
    const [voice, quickAsk] = hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    expect(voice).toMatchObject({ registered: true });
    expect(quickAsk).toEqual({ action: 'quickAsk', accelerator: 'CommandOrControl+Shift+K', registered: false, reason: HOTKEY_REASONS.taken });
    expect([...shortcuts.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
    expect(log.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('under Wayland, says the portal is missing and how to bind the key in the desktop instead', () => {
    const { hotkeys } = manager({ wayland: true, taken: ['CommandOrControl+Shift+Space'] });
    const [voice] = hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    expect(voice!.registered).toBe(false);
    expect(voice!.reason).toContain('GlobalShortcuts portal');
    expect(voice!.reason).toContain('--voice');
  });

  it('under Wayland, a hotkey the portal took is registered but says FROK cannot see whether the desktop bound it', () => {
    const { hotkeys } = manager({ wayland: true });
    const [voice, quickAsk] = hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    expect(voice).toMatchObject({ registered: true, reason: null, note: expect.stringContaining('--voice') });
    expect(quickAsk!.note).toContain('--quick-ask');
    // Elsewhere Electron's answer is the whole truth.
    const [x11] = manager({ wayland: false }).hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    expect(x11).not.toHaveProperty('note');
  });

  it('reports invalid or duplicate shortcuts without registering them, and an Electron refusal as a reason', () => {
    const invalid = manager();
    const statuses = invalid.hotkeys.apply({ voice: 'K', quickAsk: 'K', paused: false });
    expect(statuses.map((s) => s.registered)).toEqual([false, false]);
    expect(statuses[0]!.reason).toContain('Settings → Hotkeys');
    expect(invalid.shortcuts.calls).toEqual([]);

    const duplicate = manager();
    const [, quickAsk] = duplicate.hotkeys.apply({ voice: 'Ctrl+Shift+K', quickAsk: 'Control+Shift+K', paused: false });
    expect(quickAsk).toMatchObject({ registered: false, reason: expect.stringContaining('already the voice shortcut') });

    const throwing = manager({ throwOn: 'Control+Alt+V' });
    const [voice] = throwing.hotkeys.apply({ voice: 'Ctrl+Alt+V', quickAsk: 'Ctrl+Alt+Q', paused: false });
    expect(voice).toMatchObject({ registered: false, reason: expect.stringContaining('conversion failure') });
  });

  it('on a change releases only the hotkey that changed hands and keeps the other bound; ignores unchanged settings', () => {
    const { hotkeys, shortcuts, changes } = manager();
    hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    hotkeys.apply({ ...DEFAULT_SETTINGS.hotkeys });
    expect(changes).toHaveLength(1);
    shortcuts.calls.length = 0;
    hotkeys.apply({ ...DEFAULT_SETTINGS.hotkeys, quickAsk: 'Alt+Shift+Q' });
    // The voice hotkey was never let go: pressing it during the change still starts voice.
    expect(shortcuts.calls).toEqual(['unregister CommandOrControl+Shift+K', 'register Alt+Shift+Q']);
    expect([...shortcuts.registered.keys()].sort()).toEqual(['Alt+Shift+Q', 'CommandOrControl+Shift+Space']);
    expect(changes).toHaveLength(2);
    expect(hotkeys.status().map((s) => [s.action, s.accelerator, s.registered])).toEqual([
      ['voice', DEFAULT_SETTINGS.hotkeys.voice, true],
      ['quickAsk', 'Alt+Shift+Q', true],
    ]);
  });

  it('two hotkeys can swap keys: both are released before either is registered again', () => {
    const { hotkeys, shortcuts } = manager();
    hotkeys.apply({ voice: 'Alt+Shift+V', quickAsk: 'Alt+Shift+Q', paused: false });
    shortcuts.calls.length = 0;
    const statuses = hotkeys.apply({ voice: 'Alt+Shift+Q', quickAsk: 'Alt+Shift+V', paused: false });
    expect(shortcuts.calls).toEqual(['unregister Alt+Shift+V', 'unregister Alt+Shift+Q', 'register Alt+Shift+Q', 'register Alt+Shift+V']);
    expect(statuses.map((s) => [s.action, s.accelerator, s.registered])).toEqual([
      ['voice', 'Alt+Shift+Q', true],
      ['quickAsk', 'Alt+Shift+V', true],
    ]);
  });

  it('pauses (everything released, with the reason) and resumes', () => {
    const { hotkeys, shortcuts } = manager();
    hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    const paused = hotkeys.apply({ ...DEFAULT_SETTINGS.hotkeys, paused: true });
    expect(shortcuts.registered.size).toBe(0);
    expect(paused.every((s) => !s.registered && s.reason === HOTKEY_REASONS.paused)).toBe(true);
    const resumed = hotkeys.apply({ ...DEFAULT_SETTINGS.hotkeys, paused: false });
    expect(resumed.every((s) => s.registered)).toBe(true);
    expect(shortcuts.registered.size).toBe(2);
  });

  it('releases everything on quit', () => {
    const { hotkeys, shortcuts } = manager();
    hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    hotkeys.dispose();
    expect(shortcuts.registered.size).toBe(0);
    expect(shortcuts.calls.slice(-3)).toEqual(['unregister CommandOrControl+Shift+Space', 'unregister CommandOrControl+Shift+K', 'unregisterAll']);
    // After a dispose the same settings register again (nothing is considered applied).
    hotkeys.apply(DEFAULT_SETTINGS.hotkeys);
    expect(shortcuts.registered.size).toBe(2);
  });
});

describe('Wayland and second launches', () => {
  it('asks Chromium for the GlobalShortcuts portal only on Linux under Wayland', () => {
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(chromiumSwitchesFor('linux', { XDG_SESSION_TYPE: 'wayland' })).toEqual([['enable-features', 'GlobalShortcutsPortal']]);
    expect(chromiumSwitchesFor('linux', { XDG_SESSION_TYPE: 'x11' })).toEqual([]);
    expect(chromiumSwitchesFor('linux', {})).toEqual([]);
    expect(chromiumSwitchesFor('darwin', { XDG_SESSION_TYPE: 'wayland' })).toEqual([]);
  });

  it('reads what a second launch asks for', () => {
    expect(secondLaunchRequest(['/usr/bin/frok', '--voice'])).toBe('voice');
    expect(secondLaunchRequest(['/usr/bin/frok', '--quick-ask'])).toBe('quickAsk');
    expect(secondLaunchRequest(['/usr/bin/frok'])).toBe('show');
    expect(startsHidden(['/usr/bin/frok', '--hidden'])).toBe(true);
    expect(startsHidden(['/usr/bin/frok'])).toBe(false);
  });
});
