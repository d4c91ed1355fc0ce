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

/**
 * Whether this launch opens no window: started with `--hidden` (Linux autostart, Windows
 * login item) or, on macOS, opened at login by the system, which passes no arguments to
 * login items on macOS 13 and later (`wasOpenedAtLogin`).
 */
export function startsHiddenAt(input: { argv: readonly string[]; platform: string; wasOpenedAtLogin: () => boolean }): boolean {
  if (startsHidden(input.argv)) return true;
  return input.platform === 'darwin' && input.wasOpenedAtLogin();
}

/** What the first launch itself asks for beyond opening: `frok --voice` with FROK not yet running. */
export function firstLaunchRequest(argv: readonly string[]): LaunchRequest | null {
  const request = secondLaunchRequest(argv);
  return request === 'show' ? null : request;
}

/**
 * Launch requests that arrive while FROK is still starting (a `--voice` key pressed twice
 * during a slow start-up) wait here and are carried out, each kind once, in order, as soon
 * as FROK can; after that they run at once.
 */
export class LaunchRequestQueue {
  private handler: ((request: LaunchRequest) => void) | null = null;
  private waiting: LaunchRequest[] = [];

  push(request: LaunchRequest): void {
    if (this.handler) this.handler(request);
    else if (!this.waiting.includes(request)) this.waiting.push(request);
  }

  /** FROK has started: runs what waited, then everything that comes later. */
  ready(handler: (request: LaunchRequest) => void): void {
    this.handler = handler;
    for (const request of this.waiting.splice(0)) handler(request);
  }
}
