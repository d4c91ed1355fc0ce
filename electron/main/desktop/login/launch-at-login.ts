/**
 * Starting FROK when the person logs in (Settings → launchAtLogin). macOS and Windows have
 * login items (app.setLoginItemSettings); Linux desktops start what is in the XDG
 * autostart folder, so there FROK writes or removes a .desktop file itself.
 */
import { join } from 'node:path';
import type { Logger } from '../../logger';
import { LAUNCH_SWITCHES } from '../second-launch';

export const AUTOSTART_FILE_NAME = 'frok.desktop';

/**
 * Quotes one Exec argument per the Desktop Entry spec: arguments with reserved characters
 * go in double quotes with `"`, `` ` ``, `$` and `\` backslash-escaped; then, as the
 * value is a string, every backslash is escaped once more.
 */
export function quoteExecArgument(arg: string): string {
  const needsQuotes = arg === '' || /[\s"'\\><~|&;$*?#()`=%]/.test(arg);
  const quoted = needsQuotes ? `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : arg;
  // A literal % must be written %% in Exec (field codes start with %).
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** What to run at login: the AppImage (not the temporary mount it runs from), or the installed binary. */
export function autostartCommand(o: { execPath: string; appImage?: string | undefined; isPackaged: boolean; appPath: string }): string[] {
  const program = o.appImage || o.execPath;
  // Unpackaged (development), the Electron binary needs the app folder as its argument.
  const app = o.isPackaged ? [] : [o.appPath];
  return [program, ...app, LAUNCH_SWITCHES.hidden];
}

export function autostartDesktopEntry(o: { name: string; command: readonly string[]; comment: string }): string {
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${oneLine(o.name)}`,
    `Comment=${oneLine(o.comment)}`,
    `Exec=${o.command.map((a) => quoteExecArgument(oneLine(a))).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** ~/.config/autostart, or $XDG_CONFIG_HOME/autostart when set to an absolute path. */
export function autostartDir(home: string, env: Record<string, string | undefined>): string {
  const config = env['XDG_CONFIG_HOME'];
  return join(config && config.startsWith('/') ? config : join(home, '.config'), 'autostart');
}

/** Windows starts the registered path with these arguments; macOS ignores them. */
export function loginItemSettings(openAtLogin: boolean): { openAtLogin: boolean; args: string[] } {
  return { openAtLogin, args: openAtLogin ? [LAUNCH_SWITCHES.hidden] : [] };
}

export interface LaunchAtLoginDeps {
  platform: string;
  setLoginItemSettings(settings: { openAtLogin: boolean; args: string[] }): void;
  /** Linux only. */
  autostart: {
    dir: string;
    command: string[];
    writeFile(path: string, content: string): void;
    removeFile(path: string): void;
    makeDir(path: string): void;
  };
  log: Logger;
}

/** Applies the setting; returns a sentence for the log when it could not. */
export function applyLaunchAtLogin(enabled: boolean, deps: LaunchAtLoginDeps): string | null {
  try {
    if (deps.platform === 'darwin' || deps.platform === 'win32') {
      deps.setLoginItemSettings(loginItemSettings(enabled));
      return null;
    }
    const file = join(deps.autostart.dir, AUTOSTART_FILE_NAME);
    if (enabled) {
      deps.autostart.makeDir(deps.autostart.dir);
      deps.autostart.writeFile(file, autostartDesktopEntry({ name: 'FROK', comment: 'Desktop voice assistant', command: deps.autostart.command }));
    } else {
      deps.autostart.removeFile(file);
    }
    return null;
  } catch (err) {
    const problem = `FROK could not ${enabled ? 'add itself to' : 'remove itself from'} the programs started at login: ${err instanceof Error ? err.message : String(err)}`;
    deps.log.warn(problem);
    return problem;
  }
}
