/** How voice figures read on screen (their words are in voice-words.ts). */
import type { Usage } from '@shared/agents';
import type { ModelPrice } from '@shared/settings';

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
