/** What FROK's notifications about FROK itself say: voice on where the HUD may be hidden, and "still running" on first close. */
import { acceleratorLabel } from '@shared/desktop';
import type { RunNotification } from './run-notifications';

/** On Wayland the HUD may open under other windows, so a notification says voice is on. */
export function voiceStartedNotification(voiceHotkey: string, platform = 'linux'): RunNotification {
  return {
    title: 'FROK is listening',
    body: `Speak now. Press ${acceleratorLabel(voiceHotkey, platform)} again, or Stop in the FROK — Voice window, to end.`,
  };
}

/**
 * Shown once, the first time closing the window leaves FROK running: some desktops
 * (GNOME on Fedora and Debian) show no tray icon, so FROK would otherwise seem to vanish
 * while its hotkeys stay live.
 */
export function closedToTrayNotification(platform: string): RunNotification {
  const quit = platform === 'darwin' ? 'choose Quit FROK in the FROK menu or press ⌘Q' : 'choose Quit in the tray menu or in the window’s File menu, or press Ctrl+Q';
  return {
    title: 'FROK is still running',
    body: `Its hotkeys keep working. To quit, open FROK and ${quit}. To make closing the window quit FROK, turn off Settings → Startup → Keep running when the window is closed.`,
  };
}
