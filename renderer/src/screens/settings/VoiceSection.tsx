/**
 * Settings → Voice: how FROK sounds and listens. Every choice saves the moment it changes
 * and says so beside itself; the numbers under Advanced save when their field is left.
 * Changes apply from the next voice session.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { REALTIME_VOICES, TURN_TAKING_MODES, VOICE_TRANSPORTS, type TurnTakingMode, type Voice, type VoiceTransport } from '@shared/domain';
import type { Settings, SettingsPatch } from '@shared/settings';
import { useAutoSavedText, useSavedChoice } from './autosave';
import { InputDeviceField } from './InputDeviceField';
import { OutputDeviceField } from './OutputDeviceField';
import { SaveStatusText } from './SaveStatus';
import { useAudioDevices } from './use-audio-devices';
import { checkSilence, checkThreshold, transportLabel, turnTakingHint, turnTakingLabel, voiceDescription } from './voice-settings';
import { VoicePreview } from './VoicePreview';

type VoicePatch = NonNullable<SettingsPatch['voice']>;

export interface VoiceSectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
}

const title = (v: string) => v[0]!.toUpperCase() + v.slice(1);

export function VoiceSection({ settings, onSettings }: VoiceSectionProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const devices = useAudioDevices();
  const saved = settings.voice;
  const voiceSaver = useSavedChoice<Voice>(saved.voice, onSettings);
  const turnSaver = useSavedChoice<TurnTakingMode>(saved.turnTaking, onSettings);
  const transportSaver = useSavedChoice<VoiceTransport>(saved.transport, onSettings);
  const inputSaver = useSavedChoice<string | null>(saved.inputDeviceId, onSettings);
  const outputSaver = useSavedChoice<string | null>(saved.outputDeviceId, onSettings);
  const toolsSaver = useSavedChoice<boolean>(saved.enableSpecialistTools, onSettings);
  // What each control shows: the saved value, or the one being saved.
  const voice = {
    ...saved,
    voice: voiceSaver.value,
    turnTaking: turnSaver.value,
    transport: transportSaver.value,
    inputDeviceId: inputSaver.value,
    outputDeviceId: outputSaver.value,
    enableSpecialistTools: toolsSaver.value,
  };
  function save<K extends keyof VoicePatch>(saver: { choose(value: NonNullable<VoicePatch[K]> | null, patch: SettingsPatch): Promise<unknown> }, key: K, value: VoicePatch[K]) {
    void saver.choose(value as never, { voice: { [key]: value } });
  }

  const threshold = useAutoSavedText<number>({
    saved: String(saved.serverVad.threshold),
    check: (text) => {
      const c = checkThreshold(text);
      return c.ok ? c : { ok: false, reason: c.reason };
    },
    patch: (value) => ({ voice: { serverVad: { threshold: value } } }),
    onSettings,
    textOf: (s) => String(s.voice.serverVad.threshold),
  });
  const silence = useAutoSavedText<number>({
    saved: String(saved.serverVad.silenceDurationMs),
    check: (text) => {
      const c = checkSilence(text);
      return c.ok ? c : { ok: false, reason: c.reason };
    },
    patch: (value) => ({ voice: { serverVad: { silenceDurationMs: value } } }),
    onSettings,
    textOf: (s) => String(s.voice.serverVad.silenceDurationMs),
  });

  return (
    <section className="card" aria-labelledby="settings-voice-title" data-testid="settings-voice">
      <h2 id="settings-voice-title">{t('voice.title')}</h2>
      <p className="hint section-intro">{t('voice.intro')}</p>

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-voice`}>{t('voice.voiceLabel')}</label>
          <select
            id={`${id}-voice`}
            value={voice.voice}
            disabled={voiceSaver.saving}
            onChange={(e) => save(voiceSaver, 'voice', e.target.value as Voice)}
            aria-describedby={`${id}-voice-description ${id}-voice-hint`}
            data-testid="settings-voice-voice"
          >
            {REALTIME_VOICES.map((v) => (
              <option key={v} value={v}>
                {title(v)}
              </option>
            ))}
          </select>
          <p className="hint voice-description" id={`${id}-voice-description`} data-testid="settings-voice-description">
            {voiceDescription(voice.voice)}
          </p>
          <SaveStatusText status={voiceSaver.status} testId="settings-voice-voice-status" />
          <VoicePreview voice={voice.voice} outputDeviceId={voice.outputDeviceId} hintId={`${id}-voice-hint`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-turn-taking`}>{t('voice.turnTakingLabel')}</label>
          <select
            id={`${id}-turn-taking`}
            value={voice.turnTaking}
            disabled={turnSaver.saving}
            onChange={(e) => save(turnSaver, 'turnTaking', e.target.value as TurnTakingMode)}
            aria-describedby={`${id}-turn-taking-hint`}
            data-testid="settings-voice-turn-taking"
          >
            {TURN_TAKING_MODES.map((m) => (
              <option key={m} value={m}>
                {turnTakingLabel(m)}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-turn-taking-hint`}>
            {turnTakingHint(voice.turnTaking)}
          </p>
          <SaveStatusText status={turnSaver.status} testId="settings-voice-turn-taking-status" />
        </div>
      </div>

      <InputDeviceField deviceId={voice.inputDeviceId} devices={devices} disabled={inputSaver.saving} onChoose={(inputDeviceId) => save(inputSaver, 'inputDeviceId', inputDeviceId)} />
      <SaveStatusText status={inputSaver.status} testId="settings-input-device-status" />
      <OutputDeviceField deviceId={voice.outputDeviceId} devices={devices} disabled={outputSaver.saving} onChoose={(outputDeviceId) => save(outputSaver, 'outputDeviceId', outputDeviceId)} />
      <SaveStatusText status={outputSaver.status} testId="settings-output-device-status" />

      <div className="switch-row">
        <input
          id={`${id}-tools`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={voice.enableSpecialistTools}
          disabled={toolsSaver.saving}
          onChange={(e) => save(toolsSaver, 'enableSpecialistTools', e.target.checked)}
          aria-describedby={`${id}-tools-hint`}
          data-testid="settings-voice-specialist-tools"
        />
        <div>
          <label htmlFor={`${id}-tools`}>{t('voice.toolsLabel')}</label>
          <p className="hint" id={`${id}-tools-hint`}>
            {t('voice.toolsHint')}
          </p>
          <SaveStatusText status={toolsSaver.status} testId="settings-voice-specialist-tools-status" />
        </div>
      </div>

      <details className="settings-advanced" open={voice.turnTaking === 'server-vad' || undefined} data-testid="settings-voice-advanced">
        <summary>{t('voice.advanced')}</summary>
        <p className="hint">{t('voice.vadIntro')}</p>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-threshold`}>{t('voice.thresholdLabel')}</label>
            <input id={`${id}-threshold`} type="text" inputMode="decimal" {...threshold.inputProps} aria-describedby={`${id}-threshold-hint`} data-testid="settings-vad-threshold" />
            <p className="hint" id={`${id}-threshold-hint`}>
              {t('voice.thresholdHint')}
            </p>
            <SaveStatusText status={threshold.status} problem={threshold.problem} testId="settings-vad-threshold-status" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-silence`}>{t('voice.silenceLabel')}</label>
            <input
              id={`${id}-silence`}
              type="number"
              inputMode="numeric"
              min={100}
              max={5000}
              step={50}
              {...silence.inputProps}
              aria-describedby={`${id}-silence-hint`}
              data-testid="settings-vad-silence"
            />
            <p className="hint" id={`${id}-silence-hint`}>
              {t('voice.silenceHint')}
            </p>
            <SaveStatusText status={silence.status} problem={silence.problem} testId="settings-vad-silence-status" />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-transport`}>{t('voice.transportLabel')}</label>
          <select
            id={`${id}-transport`}
            value={voice.transport}
            disabled={transportSaver.saving}
            onChange={(e) => save(transportSaver, 'transport', e.target.value as VoiceTransport)}
            aria-describedby={`${id}-transport-hint`}
            data-testid="settings-voice-transport"
          >
            {VOICE_TRANSPORTS.map((tr) => (
              <option key={tr} value={tr}>
                {transportLabel(tr)}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-transport-hint`}>
            {t('voice.transportHint')}
          </p>
          <SaveStatusText status={transportSaver.status} testId="settings-voice-transport-status" />
        </div>
      </details>
    </section>
  );
}
