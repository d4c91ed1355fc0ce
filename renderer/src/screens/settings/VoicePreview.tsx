/**
 * Plays a short sample of the chosen voice (main fetches it from OpenAI's speech service,
 * which keeps the key out of the window), on the chosen speaker.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Voice } from '@shared/domain';
import { call, errorMessage } from '../../ipc';

type AudioWithSink = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export function VoicePreview({ voice, outputDeviceId, hintId }: { voice: Voice; outputDeviceId: string | null; hintId: string }) {
  const { t } = useTranslation('settings');
  // Kept with the voice it is about, so choosing another voice clears it without an effect.
  const [status, setStatusFor] = useState<{ voice: Voice; tone: 'info' | 'error'; text: string } | null>(null);
  const setStatus = (next: { tone: 'info' | 'error'; text: string } | null) => setStatusFor(next && { voice, ...next });
  const shown = status?.voice === voice ? status : null;
  const [busy, setBusy] = useState(false);
  const playing = useRef<{ audio: HTMLAudioElement; url: string } | null>(null);

  const stop = () => {
    if (!playing.current) return;
    playing.current.audio.pause();
    URL.revokeObjectURL(playing.current.url);
    playing.current = null;
  };
  useEffect(() => stop, []);

  async function preview() {
    stop();
    setBusy(true);
    setStatus({ tone: 'info', text: t('preview.getting') });
    try {
      const sample = await call('voice:preview', { voice });
      const bytes = Uint8Array.from(atob(sample.audioBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: sample.mimeType }));
      const audio: AudioWithSink = new Audio(url);
      playing.current = { audio, url };
      if (outputDeviceId && audio.setSinkId) await audio.setSinkId(outputDeviceId).catch(() => undefined);
      audio.addEventListener('ended', () => setStatus(null), { once: true });
      await audio.play();
      setStatus({ tone: 'info', text: t('preview.playing', { voice }) });
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="voice-preview">
      <button type="button" className="button secondary" onClick={() => void preview()} disabled={busy} data-testid="settings-voice-preview">
        {busy ? t('preview.gettingShort') : t('preview.button')}
      </button>
      <p className={shown?.tone === 'error' ? 'field-error' : 'hint'} id={hintId} role={shown?.tone === 'error' ? 'alert' : 'status'} data-testid="settings-voice-preview-status">
        {shown?.text ?? t('preview.hint')}
      </p>
    </div>
  );
}
