/**
 * The one vocabulary for what a voice session is doing, shared by the Voice screen and the
 * HUD: Ready → Connecting… → Listening / You're speaking / Asking your specialists… /
 * FROK is speaking → Ended. Pure (state in, catalogue key out), so the wording is tested
 * without a window; `voiceStatusText` looks the key up in the person's language.
 */
import type { TFunction } from 'i18next';
import type { Usage } from '@shared/agents';
import { formatMoney } from '../i18n/format';
import type { VoiceState } from './types';

/** Tools that have words of their own while they run; any other tool reads "Working on it…". */
const TOOL_WORDS = new Set([
  'ask_specialists',
  'research_question',
  'get_weather',
  'calculate',
  'recall_preference',
  'remember_preference',
  'control_home',
  'get_home_status',
]);

/** The catalogue key (namespace `voice`) for what the session is doing right now. */
export function voiceStatusKey(voice: { state: VoiceState; tool: string | null }): string {
  if (voice.state === 'thinking' && voice.tool) return TOOL_WORDS.has(voice.tool) ? `status.tool.${voice.tool}` : 'status.tool.other';
  switch (voice.state) {
    case 'idle':
      return 'status.ready';
    case 'connecting':
      return 'status.connecting';
    case 'listening':
      return 'status.listening';
    case 'user-speaking':
      return 'status.youSpeaking';
    case 'thinking':
      return 'status.thinking';
    case 'assistant-speaking':
      return 'status.frokSpeaking';
    case 'interrupted':
      return 'status.interrupted';
    case 'reconnecting':
      return 'status.reconnecting';
    case 'error':
      return 'status.stopped';
    case 'ended':
      return 'status.ended';
  }
}

export function voiceStatusText(t: TFunction, voice: { state: VoiceState; tool: string | null }): string {
  return t(`voice:${voiceStatusKey(voice)}`);
}

/** Interrupt makes sense only while FROK's voice is playing; otherwise it is shown unavailable, with why. */
export function canInterrupt(state: VoiceState): boolean {
  return state === 'assistant-speaking';
}

/** "640 tokens · $0.0012", or that the price is unknown (then Settings → Pricing says how to add it). */
export function usageText(t: TFunction, usage: Usage, costUsd: number | null): string {
  const tokens = t('voice:usage.tokens', { count: usage.totalTokens });
  return costUsd === null ? t('voice:usage.priceUnknown', { tokens }) : t('voice:usage.withCost', { tokens, cost: formatMoney(costUsd) });
}
