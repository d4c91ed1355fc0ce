/** Settings → Voice: labels for the choices, and the checks on the Advanced numbers before they are saved. */
import type { TurnTakingMode, VoiceTransport } from '@shared/domain';

export const TURN_TAKING_TEXT: Record<TurnTakingMode, { label: string; hint: string }> = {
  standard: { label: 'Standard', hint: 'FROK answers when you pause, judging from what you said whether you are done.' },
  aggressive: { label: 'Quick', hint: 'Answers sooner; it may cut in while you are thinking.' },
  patient: { label: 'Patient', hint: 'Waits longer before answering — good for thinking out loud.' },
  'push-to-talk': { label: 'Push to talk', hint: 'Hold Space (or press the voice hotkey) while you speak; nothing is heard otherwise.' },
  'server-vad': { label: 'Simple voice detection', hint: 'Answers after a set length of silence. Tune it under Advanced.' },
};

export const TRANSPORT_TEXT: Record<VoiceTransport, string> = {
  webrtc: 'WebRTC (recommended)',
  websocket: 'WebSocket (if WebRTC is blocked on your network)',
};

export interface VadDraft {
  threshold: string;
  silenceMs: string;
}

export type VadCheck =
  | { ok: true; threshold: number; silenceDurationMs: number }
  | { ok: false; errors: Partial<Record<keyof VadDraft, string>> };

/** The settings schema's bounds: threshold 0–1, silence 100–5000 ms (whole). */
export function checkVad(draft: VadDraft): VadCheck {
  const errors: Partial<Record<keyof VadDraft, string>> = {};
  const t = draft.threshold.trim();
  const threshold = Number(t.includes('.') ? t : t.replace(',', '.'));
  if (t === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    errors.threshold = 'Enter a number from 0 (hears everything) to 1 (only loud, close speech), such as 0.5.';
  }
  const s = draft.silenceMs.trim();
  const silence = Number(s);
  if (s === '' || !Number.isInteger(silence) || silence < 100 || silence > 5000) {
    errors.silenceMs = 'Enter a whole number of milliseconds from 100 to 5000, such as 500.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, threshold, silenceDurationMs: silence };
}

export const vadDraftFrom = (vad: { threshold: number; silenceDurationMs: number }): VadDraft => ({
  threshold: String(vad.threshold),
  silenceMs: String(vad.silenceDurationMs),
});
