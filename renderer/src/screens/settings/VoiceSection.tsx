/**
 * Settings → Voice: how FROK sounds and listens. Choices save the moment they change and
 * apply from the next voice session; the Advanced numbers are checked, then saved with
 * their button.
 */
import { useId, useState, type FormEvent } from 'react';
import { REALTIME_VOICES, TURN_TAKING_MODES, VOICE_TRANSPORTS, type TurnTakingMode, type Voice, type VoiceTransport } from '@shared/domain';
import type { Settings, SettingsPatch } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { InputDeviceField } from './InputDeviceField';
import { OutputDeviceField } from './OutputDeviceField';
import { useAudioDevices } from './use-audio-devices';
import { checkVad, TRANSPORT_TEXT, TURN_TAKING_TEXT, vadDraftFrom, type VadDraft } from './voice-settings';
import { VoicePreview } from './VoicePreview';

type VoicePatch = NonNullable<SettingsPatch['voice']>;

export interface VoiceSectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
}

const sameVad = (a: VadDraft, b: VadDraft) => a.threshold === b.threshold && a.silenceMs === b.silenceMs;
const title = (v: string) => v[0]!.toUpperCase() + v.slice(1);

export function VoiceSection({ settings, onSettings }: VoiceSectionProps) {
  const id = useId();
  const devices = useAudioDevices();
  // While saving, show what the person chose; on failure fall back to what is really saved.
  const [pending, setPending] = useState<VoicePatch | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const voice = { ...settings.voice, ...pending, serverVad: settings.voice.serverVad };

  const savedVad = vadDraftFrom(settings.voice.serverVad);
  const [baseVad, setBaseVad] = useState(savedVad);
  const [vad, setVad] = useState(savedVad);
  const [vadErrors, setVadErrors] = useState<Partial<Record<keyof VadDraft, string>>>({});
  const [vadMessage, setVadMessage] = useState<FormMessageValue | null>(null);
  const [savingVad, setSavingVad] = useState(false);
  if (!sameVad(baseVad, savedVad)) {
    setBaseVad(savedVad);
    if (sameVad(vad, baseVad)) setVad(savedVad);
  }

  async function save(patch: VoicePatch) {
    setPending(patch);
    setMessage(null);
    try {
      onSettings(await call('settings:update', { voice: patch }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setPending(null);
    }
  }

  async function saveVad(event: FormEvent) {
    event.preventDefault();
    if (savingVad) return;
    const check = checkVad(vad);
    setVadMessage(null);
    if (!check.ok) {
      setVadErrors(check.errors);
      return;
    }
    setVadErrors({});
    setSavingVad(true);
    try {
      const next = await call('settings:update', { voice: { serverVad: { threshold: check.threshold, silenceDurationMs: check.silenceDurationMs } } });
      onSettings(next);
      setVad(vadDraftFrom(next.voice.serverVad));
      setVadMessage({ tone: 'success', text: 'Saved.' });
    } catch (err) {
      setVadMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSavingVad(false);
    }
  }

  const busy = pending !== null;

  return (
    <section className="card" aria-labelledby="settings-voice-title" data-testid="settings-voice">
      <h2 id="settings-voice-title">Voice</h2>
      <p className="hint section-intro">Changes apply from the next voice session.</p>

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-voice`}>FROK's voice</label>
          <select
            id={`${id}-voice`}
            value={voice.voice}
            disabled={busy}
            onChange={(e) => void save({ voice: e.target.value as Voice })}
            aria-describedby={`${id}-voice-hint`}
            data-testid="settings-voice-voice"
          >
            {REALTIME_VOICES.map((v) => (
              <option key={v} value={v}>
                {title(v)}
              </option>
            ))}
          </select>
          <VoicePreview voice={voice.voice} outputDeviceId={voice.outputDeviceId} hintId={`${id}-voice-hint`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-turn-taking`}>Turn-taking</label>
          <select
            id={`${id}-turn-taking`}
            value={voice.turnTaking}
            disabled={busy}
            onChange={(e) => void save({ turnTaking: e.target.value as TurnTakingMode })}
            aria-describedby={`${id}-turn-taking-hint`}
            data-testid="settings-voice-turn-taking"
          >
            {TURN_TAKING_MODES.map((m) => (
              <option key={m} value={m}>
                {TURN_TAKING_TEXT[m].label}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-turn-taking-hint`}>
            {TURN_TAKING_TEXT[voice.turnTaking].hint}
          </p>
        </div>
      </div>

      <details className="settings-advanced" open={voice.turnTaking === 'server-vad' || Object.keys(vadErrors).length > 0 || undefined} data-testid="settings-voice-advanced">
        <summary>Advanced: simple voice detection</summary>
        <form onSubmit={saveVad} noValidate>
          <p className="hint">Used when turn-taking is “Simple voice detection”.</p>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-threshold`}>Loudness threshold (0–1)</label>
              <input
                id={`${id}-threshold`}
                type="text"
                inputMode="decimal"
                value={vad.threshold}
                onChange={(e) => setVad((v) => ({ ...v, threshold: e.target.value }))}
                aria-invalid={vadErrors.threshold ? true : undefined}
                aria-describedby={`${id}-threshold-hint`}
                data-testid="settings-vad-threshold"
              />
              <p className={vadErrors.threshold ? 'field-error' : 'hint'} id={`${id}-threshold-hint`}>
                {vadErrors.threshold ?? 'Higher ignores more background noise.'}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-silence`}>Silence before answering (ms)</label>
              <input
                id={`${id}-silence`}
                type="number"
                inputMode="numeric"
                min={100}
                max={5000}
                step={50}
                value={vad.silenceMs}
                onChange={(e) => setVad((v) => ({ ...v, silenceMs: e.target.value }))}
                aria-invalid={vadErrors.silenceMs ? true : undefined}
                aria-describedby={`${id}-silence-hint`}
                data-testid="settings-vad-silence"
              />
              <p className={vadErrors.silenceMs ? 'field-error' : 'hint'} id={`${id}-silence-hint`}>
                {vadErrors.silenceMs ?? 'How long you must be quiet before FROK answers (100–5000).'}
              </p>
            </div>
          </div>
          <FormMessage value={vadMessage} testId="settings-vad-message" />
          <div className="actions">
            <button type="submit" className="button primary small" disabled={savingVad} data-testid="settings-vad-save">
              {savingVad ? 'Saving…' : 'Save detection settings'}
            </button>
          </div>
        </form>
      </details>

      <div className="field">
        <label htmlFor={`${id}-transport`}>Connection</label>
        <select
          id={`${id}-transport`}
          value={voice.transport}
          disabled={busy}
          onChange={(e) => void save({ transport: e.target.value as VoiceTransport })}
          data-testid="settings-voice-transport"
        >
          {VOICE_TRANSPORTS.map((t) => (
            <option key={t} value={t}>
              {TRANSPORT_TEXT[t]}
            </option>
          ))}
        </select>
      </div>

      <InputDeviceField deviceId={voice.inputDeviceId} devices={devices} disabled={busy} onChoose={(inputDeviceId) => void save({ inputDeviceId })} />
      <OutputDeviceField deviceId={voice.outputDeviceId} devices={devices} disabled={busy} onChoose={(outputDeviceId) => void save({ outputDeviceId })} />

      <div className="switch-row">
        <input
          id={`${id}-tools`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={voice.enableSpecialistTools}
          disabled={busy}
          onChange={(e) => void save({ enableSpecialistTools: e.target.checked })}
          aria-describedby={`${id}-tools-hint`}
          data-testid="settings-voice-specialist-tools"
        />
        <div>
          <label htmlFor={`${id}-tools`}>Tools and specialists in voice</label>
          <p className="hint" id={`${id}-tools-hint`}>
            Voice can calculate, check the weather, recall what you told it, control your home and ask the specialist team. Off: it answers only from
            what it knows.
          </p>
        </div>
      </div>
      <FormMessage value={message} testId="settings-voice-message" />
    </section>
  );
}
