/** What FROK's notifications about FROK itself say: voice on where the HUD may be hidden, and "still running" on first close. */
import { acceleratorLabel } from '@shared/desktop';
import { tr } from '../../i18n';
import type { RunNotification } from './run-notifications';

/** On Wayland the HUD may open under other windows, so a notification says voice is on. */
export function voiceStartedNotification(voiceHotkey: string, platform = 'linux'): RunNotification {
  return {
    title: tr('shell:notices.listeningTitle'),
    body: tr('shell:notices.listeningBody', { hotkey: acceleratorLabel(voiceHotkey, platform) }),
  };
}

/**
 * Shown once, the first time closing the window leaves FROK running: some desktops
 * (GNOME on Fedora and Debian) show no tray icon, so FROK would otherwise seem to vanish
 * while its hotkeys stay live.
 */
export function closedToTrayNotification(platform: string): RunNotification {
  const quit = platform === 'darwin' ? tr('shell:notices.quitMac') : tr('shell:notices.quitOther');
  return {
    title: tr('shell:notices.stillRunningTitle'),
    body: tr('shell:notices.stillRunningBody', { quit }),
  };
}
