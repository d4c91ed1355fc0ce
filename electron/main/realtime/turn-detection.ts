/**
 * The person's turn-taking mode → the Realtime API's turn detection, in both spellings:
 * camelCase for the Agents SDK's session config (renderer) and snake_case for the
 * client-secret request (main).
 */
import type { TurnTakingMode } from '@shared/domain';
import type { TurnDetectionConfig } from '@shared/realtime';
import type { Settings } from '@shared/settings';

export function turnDetectionFor(mode: TurnTakingMode, serverVad: Settings['voice']['serverVad']): TurnDetectionConfig {
  switch (mode) {
    case 'standard':
      return { type: 'semantic_vad', eagerness: 'auto', createResponse: true, interruptResponse: true };
    case 'aggressive':
      return { type: 'semantic_vad', eagerness: 'high', createResponse: true, interruptResponse: true };
    case 'patient':
      return { type: 'semantic_vad', eagerness: 'low', createResponse: true, interruptResponse: true };
    case 'push-to-talk':
      // No detection: the window commits the audio buffer and asks for a response on key release.
      return null;
    case 'server-vad':
      return {
        type: 'server_vad',
        threshold: serverVad.threshold,
        prefixPaddingMs: 300,
        silenceDurationMs: serverVad.silenceDurationMs,
        createResponse: true,
        interruptResponse: true,
      };
  }
}

/** The same, as the REST API spells it. */
export function toApiTurnDetection(config: TurnDetectionConfig): Record<string, unknown> | null {
  if (!config) return null;
  if (config.type === 'semantic_vad') {
    return { type: 'semantic_vad', eagerness: config.eagerness, create_response: config.createResponse, interrupt_response: config.interruptResponse };
  }
  return {
    type: 'server_vad',
    threshold: config.threshold,
    prefix_padding_ms: config.prefixPaddingMs,
    silence_duration_ms: config.silenceDurationMs,
    create_response: config.createResponse,
    interrupt_response: config.interruptResponse,
  };
}
