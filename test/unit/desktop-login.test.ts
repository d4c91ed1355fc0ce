import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  AUTOSTART_FILE_NAME,
  applyLaunchAtLogin,
  autostartCommand,
  autostartDesktopEntry,
  autostartDir,
  loginItemSettings,
  quoteExecArgument,
} from '../../electron/main/desktop/login/launch-at-login';
import { createMemoryLogger } from '../../electron/main/logger';

describe('the XDG autostart entry (Linux)', () => {
  it('is a valid desktop entry that starts FROK hidden in the tray', () => {
    expect(autostartDesktopEntry({ name: 'FROK', comment: 'Desktop voice assistant', command: ['/opt/FROK/frok', '--hidden'] })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=FROK',
        'Comment=Desktop voice assistant',
        'Exec=/opt/FROK/frok --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes Exec arguments the way the Desktop Entry spec says', () => {
    expect(quoteExecArgument('/opt/FROK/frok')).toBe('/opt/FROK/frok');
    expect(quoteExecArgument('/home/ann/Apps/FROK 1.0.AppImage')).toBe('"/home/ann/Apps/FROK 1.0.AppImage"');
    // Inside quotes `"` `$` `` ` `` and `\` get a backslash, then every backslash is escaped again for the string value.
    expect(quoteExecArgument('/a"b$c`d\\e')).toBe('"/a\\\\"b\\\\$c\\\\`d\\\\\\\\e"');
    expect(quoteExecArgument('/100%/frok')).toBe('"/100%%/frok"');
    expect(quoteExecArgument('')).toBe('""');
    // A newline in a path cannot break out of the Exec line.
    expect(autostartDesktopEntry({ name: 'FROK', comment: 'c', command: ['/x\nExec=evil'] })).not.toMatch(/^Exec=evil/m);
  });

  it('runs the AppImage itself (not its temporary mount), or Electron with the app folder when unpackaged', () => {
    expect(autostartCommand({ execPath: '/tmp/.mount_FROKxyz/frok', appImage: '/home/ann/FROK.AppImage', isPackaged: true, appPath: '/x' })).toEqual(['/home/ann/FROK.AppImage', '--hidden']);
    expect(autostartCommand({ execPath: '/usr/lib/frok/frok', appImage: undefined, isPackaged: true, appPath: '/x' })).toEqual(['/usr/lib/frok/frok', '--hidden']);
    expect(autostartCommand({ execPath: '/dev/electron', appImage: '', isPackaged: false, appPath: '/src/frok' })).toEqual(['/dev/electron', '/src/frok', '--hidden']);
  });

  it('lives in ~/.config/autostart or $XDG_CONFIG_HOME/autostart', () => {
    expect(autostartDir('/home/ann', {})).toBe(join('/home/ann', '.config', 'autostart'));
    expect(autostartDir('/home/ann', { XDG_CONFIG_HOME: '/cfg' })).toBe(join('/cfg', 'autostart'));
    expect(autostartDir('/home/ann', { XDG_CONFIG_HOME: 'relative' })).toBe(join('/home/ann', '.config', 'autostart'));
  });
});

describe('applyLaunchAtLogin', () => {
  function deps(platform: string) {
    const files = new Map<string, string>();
    const setLoginItemSettings = vi.fn();
    return {
      files,
      setLoginItemSettings,
      value: {
        platform,
        setLoginItemSettings,
        autostart: {
          dir: '/home/ann/.config/autostart',
          command: ['/opt/FROK/frok', '--hidden'],
          writeFile: (path: string, content: string) => void files.set(path, content),
          removeFile: (path: string) => void files.delete(path),
          makeDir: vi.fn(),
        },
        log: createMemoryLogger(),
      },
    };
  }

  it('uses login items on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32']) {
      const d = deps(platform);
      expect(applyLaunchAtLogin(true, d.value)).toBeNull();
      applyLaunchAtLogin(false, d.value);
      expect(d.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true, args: ['--hidden'] }], [{ openAtLogin: false, args: [] }]]);
      expect(d.files.size).toBe(0);
    }
    expect(loginItemSettings(true)).toEqual({ openAtLogin: true, args: ['--hidden'] });
  });

  it('writes and removes the autostart file on Linux', () => {
    const d = deps('linux');
    applyLaunchAtLogin(true, d.value);
    const file = join('/home/ann/.config/autostart', AUTOSTART_FILE_NAME);
    expect(d.files.get(file)).toContain('Exec=/opt/FROK/frok --hidden');
    expect(d.value.autostart.makeDir).toHaveBeenCalledWith('/home/ann/.config/autostart');
    applyLaunchAtLogin(false, d.value);
    expect(d.files.has(file)).toBe(false);
    expect(d.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('reports, and does not throw, when the system refuses', () => {
    const d = deps('linux');
    d.value.autostart.writeFile = () => {
      throw new Error('EACCES: permission denied');
    };
    expect(applyLaunchAtLogin(true, d.value)).toBe('FROK could not add itself to the programs started at login: EACCES: permission denied');
  });
});
