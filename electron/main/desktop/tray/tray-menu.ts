/**
 * The tray menu as plain data, one template per state. The adapter (tray-controller.ts)
 * turns it into Electron menu items and wires each `action` to what it does.
 */
import type { HotkeyStatus } from '@shared/desktop';

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
    { type: 'normal', id: 'quickAsk', label: 'Quick ask…', enabled: true, ...shortcutFor(state.hotkeys, 'quickAsk') },
    state.voiceRunning
      ? { type: 'normal', id: 'stopVoice', label: 'Stop voice', enabled: true, ...shortcutFor(state.hotkeys, 'voice') }
      : { type: 'normal', id: 'startVoice', label: 'Start voice', enabled: true, ...shortcutFor(state.hotkeys, 'voice') },
    { type: 'separator' },
    { type: 'normal', id: 'openMain', label: 'Open FROK', enabled: true },
    { type: 'normal', id: 'openSettings', label: 'Settings…', enabled: true },
    { type: 'checkbox', id: 'togglePauseHotkeys', label: 'Pause hotkeys', checked: state.hotkeysPaused, enabled: true },
    { type: 'separator' },
    { type: 'normal', id: 'quit', label: 'Quit FROK', enabled: true },
  ];
}
