/**
 * The tray menu as plain data, one template per state. The adapter (tray-controller.ts)
 * turns it into Electron menu items and wires each `action` to what it does. Labels are in
 * the person's language, read each time the template is built.
 */
import type { HotkeyStatus } from '@shared/desktop';
import { tr } from '../../i18n';

export type TrayAction = 'quickAsk' | 'startVoice' | 'stopVoice' | 'openMain' | 'openSettings' | 'togglePauseHotkeys' | 'quit';

export type TrayMenuItem =
  | { type: 'normal'; id: TrayAction; label: string; accelerator?: string; enabled: boolean }
  | { type: 'checkbox'; id: TrayAction; label: string; checked: boolean; enabled: boolean }
  | { type: 'separator' };

export interface TrayMenuState {
  /** A voice session started from the voice HUD is running. */
  voiceRunning: boolean;
  hotkeysPaused: boolean;
  /** Registered hotkeys, shown next to their items as a reminder. */
  hotkeys: readonly HotkeyStatus[];
}

function shortcutFor(hotkeys: readonly HotkeyStatus[], action: HotkeyStatus['action']): { accelerator?: string } {
  const status = hotkeys.find((h) => h.action === action);
  return status?.registered ? { accelerator: status.accelerator } : {};
}

export function buildTrayMenuTemplate(state: TrayMenuState): TrayMenuItem[] {
  return [
    { type: 'normal', id: 'quickAsk', label: tr('shell:tray.quickAsk'), enabled: true, ...shortcutFor(state.hotkeys, 'quickAsk') },
    state.voiceRunning
      ? { type: 'normal', id: 'stopVoice', label: tr('shell:tray.stopVoice'), enabled: true, ...shortcutFor(state.hotkeys, 'voice') }
      : { type: 'normal', id: 'startVoice', label: tr('shell:tray.startVoice'), enabled: true, ...shortcutFor(state.hotkeys, 'voice') },
    { type: 'separator' },
    { type: 'normal', id: 'openMain', label: tr('shell:tray.openMain'), enabled: true },
    { type: 'normal', id: 'openSettings', label: tr('shell:tray.settings'), enabled: true },
    { type: 'checkbox', id: 'togglePauseHotkeys', label: tr('shell:tray.pauseHotkeys'), checked: state.hotkeysPaused, enabled: true },
    { type: 'separator' },
    { type: 'normal', id: 'quit', label: tr('shell:tray.quit'), enabled: true },
  ];
}
