/** Settings → Voice: the words for the choices, and the checks on the Advanced numbers before they are saved. */
import type { TurnTakingMode, Voice, VoiceTransport } from '@shared/domain';
import { range, st } from './words';

export const turnTakingLabel = (mode: TurnTakingMode) => st(`voice.turnTaking.${mode}.label`);
export const turnTakingHint = (mode: TurnTakingMode) => st(`voice.turnTaking.${mode}.hint`);
export const transportLabel = (transport: VoiceTransport) => st(`voice.transport.${transport}`);
/** One line on how each voice sounds, under the voice list. */
export const voiceDescription = (voice: Voice) => st(`voice.voices.${voice}`);

export interface VadDraft {
  threshold: string;
  silenceMs: string;
}

export type VadCheck =
  | { ok: true; threshold: number; silenceDurationMs: number }
  | { ok: false; errors: Partial<Record<keyof VadDraft, string>> };

export function checkThreshold(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const t = text.trim();
  const threshold = Number(t.includes('.') ? t : t.replace(',', '.'));
  if (t === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) return { ok: false, reason: st('voice.thresholdError') };
  return { ok: true, value: threshold };
}

export function checkSilence(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const s = text.trim();
  const silence = Number(s);
  if (s === '' || !Number.isInteger(silence) || silence < 100 || silence > 5000) return { ok: false, reason: st('voice.silenceError', range(100, 5000)) };
  return { ok: true, value: silence };
}

/** The settings schema's bounds: threshold 0–1, silence 100–5000 ms (whole). */
export function checkVad(draft: VadDraft): VadCheck {
  const errors: Partial<Record<keyof VadDraft, string>> = {};
  const threshold = checkThreshold(draft.threshold);
  const silence = checkSilence(draft.silenceMs);
  if (!threshold.ok) errors.threshold = threshold.reason;
  if (!silence.ok) errors.silenceMs = silence.reason;
  if (!threshold.ok || !silence.ok) return { ok: false, errors };
  return { ok: true, threshold: threshold.value, silenceDurationMs: silence.value };
}
