/**
 * What a second launch of FROK asks the running one to do. Desktops without global
 * shortcuts (Wayland without the portal) can bind a key to `frok --voice`; a login item
 * starts FROK with `--hidden` so it waits in the tray.
 */

export type LaunchRequest = 'voice' | 'quickAsk' | 'show';

export const LAUNCH_SWITCHES = { voice: '--voice', quickAsk: '--quick-ask', hidden: '--hidden' } as const;

export function secondLaunchRequest(argv: readonly string[]): LaunchRequest {
  if (argv.includes(LAUNCH_SWITCHES.voice)) return 'voice';
  if (argv.includes(LAUNCH_SWITCHES.quickAsk)) return 'quickAsk';
  return 'show';
}

/** Started at login (or asked to): stay in the tray instead of opening the window. */
export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes(LAUNCH_SWITCHES.hidden);
}
