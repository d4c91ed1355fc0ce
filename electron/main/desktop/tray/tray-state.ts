/** What the tray shows: one of four states, derived from the runs and voice sessions going on. */
import type { VoiceActivity } from '@shared/desktop';
import { tr } from '../../i18n';

export const TRAY_STATES = ['idle', 'listening', 'speaking', 'working'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/**
 * Speaking first (the person hears it anyway, the icon should agree), then working (a
 * run of the specialists, or a voice session thinking), then listening (a voice session
 * that is open and not doing anything else).
 */
export function trayStateFrom(input: { activeRuns: number; voice: readonly VoiceActivity[] }): TrayState {
  if (input.voice.includes('speaking')) return 'speaking';
  if (input.activeRuns > 0 || input.voice.includes('thinking')) return 'working';
  if (input.voice.includes('listening')) return 'listening';
  return 'idle';
}

export function trayTooltip(state: TrayState, options: { activeRuns: number; hotkeysPaused: boolean }): string {
  const what =
    state === 'listening' ? tr('shell:tray.listening')
    : state === 'speaking' ? tr('shell:tray.speaking')
    : state === 'working' ? (options.activeRuns > 1 ? tr('shell:tray.workingOn', { count: options.activeRuns }) : tr('shell:tray.working'))
    : tr('shell:tray.ready');
  return tr(options.hotkeysPaused ? 'shell:tray.tooltipPaused' : 'shell:tray.tooltip', { what });
}

/**
 * The icon file for a state. macOS menu bar icons are "Template" images (black with
 * alpha, recoloured by the system for light and dark bars); Electron finds the @2x file
 * next to the one named here by itself.
 */
export function trayIconFile(state: TrayState, platform: string): string {
  return platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`;
}
