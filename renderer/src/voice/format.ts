/** How voice figures read on screen. */
import type { Usage } from '@shared/agents';
import type { ModelPrice } from '@shared/settings';
import type { VoiceState } from './types';

export const STATE_LABELS: Record<VoiceState, string> = {
  idle: 'Not started',
  connecting: 'Connecting…',
  listening: 'Listening',
  'user-speaking': "You're speaking",
  thinking: 'Thinking…',
  'assistant-speaking': 'Speaking',
  interrupted: 'Interrupted',
  reconnecting: 'Reconnecting…',
  error: 'Stopped',
  ended: 'Ended',
};

/** 0:05, 12:34, 1:02:03. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function voiceCostUsd(usage: Usage, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  return (usage.inputTokens * price.inputPerMillionUsd + usage.outputTokens * price.outputPerMillionUsd) / 1_000_000;
}

export function formatUsd(usd: number): string {
  if (usd <= 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function describeUsage(usage: Usage, costUsd: number | null): string {
  const tokens = `${usage.totalTokens.toLocaleString()} ${usage.totalTokens === 1 ? 'token' : 'tokens'}`;
  return costUsd === null ? `${tokens} · price unknown (add it in Settings → Pricing)` : `${tokens} · ${formatUsd(costUsd)}`;
}
