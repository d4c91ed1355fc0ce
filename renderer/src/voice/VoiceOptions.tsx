/**
 * Quick pickers for the next voice session: voice, turn-taking, connection, microphone and
 * speaker. They save to settings at once (Settings → Voice will hold the full set).
 */
import { memo, useEffect, useState } from 'react';
import { REALTIME_VOICES, TURN_TAKING_MODES, VOICE_TRANSPORTS, type TurnTakingMode, type VoiceTransport } from '@shared/domain';
import type { Settings, SettingsPatch } from '@shared/settings';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../ipc';

interface Devices {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
}

function useAudioDevices(): Devices {
  const [devices, setDevices] = useState<Devices>({ inputs: [], outputs: [] });
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return undefined;
    let current = true;
    const load = () =>
      media
        .enumerateDevices()
        .then((all) => {
          if (!current) return;
          // "default" and "communications" are aliases the system option already covers.
          const real = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId && d.deviceId !== 'default' && d.deviceId !== 'communications');
          setDevices({ inputs: real('audioinput'), outputs: real('audiooutput') });
        })
        .catch(() => undefined);
    void load();
    media.addEventListener?.('devicechange', load);
    return () => {
      current = false;
      media.removeEventListener?.('devicechange', load);
    };
  }, []);
  return devices;
}

function deviceLabel(device: MediaDeviceInfo, index: number, numbered: (number: number) => string): string {
  return device.label || numbered(index + 1);
}

// Memoized: the Voice screen renders on every session change; this part only when its props change.
export const VoiceOptions = memo(function VoiceOptions({ settings, onSettings, live, open }: { settings: Settings; onSettings(s: Settings): void; live: boolean; open: boolean }) {
  const { t } = useTranslation('voice');
  const devices = useAudioDevices();
  const [error, setError] = useState<string | null>(null);
  const voice = settings.voice;

  async function save(patch: NonNullable<SettingsPatch['voice']>) {
    setError(null);
    try {
      onSettings(await call('settings:update', { voice: patch }));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const known = (list: MediaDeviceInfo[], id: string | null) => id === null || list.some((d) => d.deviceId === id);

  return (
    <details className="card voice-options" data-testid="voice-options" open={open || undefined}>
      <summary>{t('options.title')}</summary>
      {live && <p className="hint">{t('options.appliesNext')}</p>}
      <div className="field-row">
        <div className="field">
          <label htmlFor="voice-pick-voice">{t('options.voice')}</label>
          <select id="voice-pick-voice" data-testid="voice-pick-voice" value={voice.voice} onChange={(e) => void save({ voice: e.target.value as Settings['voice']['voice'] })}>
            {REALTIME_VOICES.map((v) => (
              <option key={v} value={v}>
                {v[0]!.toUpperCase() + v.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="voice-pick-turn-taking">{t('options.turnTaking')}</label>
          <select
            id="voice-pick-turn-taking"
            data-testid="voice-pick-turn-taking"
            value={voice.turnTaking}
            onChange={(e) => void save({ turnTaking: e.target.value as TurnTakingMode })}
          >
            {TURN_TAKING_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`options.turn.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="voice-pick-transport">{t('options.connection')}</label>
          <select
            id="voice-pick-transport"
            data-testid="voice-pick-transport"
            value={voice.transport}
            onChange={(e) => void save({ transport: e.target.value as VoiceTransport })}
            aria-describedby="voice-pick-transport-hint"
          >
            {VOICE_TRANSPORTS.map((mode) => (
              <option key={mode} value={mode}>
                {t(`options.transport.${mode}`)}
              </option>
            ))}
          </select>
          <p className="hint" id="voice-pick-transport-hint">
            {t('options.connectionHint')}
          </p>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="voice-pick-input">{t('options.microphone')}</label>
          <select
            id="voice-pick-input"
            data-testid="voice-pick-input"
            value={voice.inputDeviceId ?? ''}
            onChange={(e) => void save({ inputDeviceId: e.target.value || null })}
          >
            <option value="">{t('options.systemDefault')}</option>
            {devices.inputs.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {deviceLabel(d, i, (number) => t('options.deviceNumbered', { kind: t('options.microphone'), number }))}
              </option>
            ))}
            {!known(devices.inputs, voice.inputDeviceId) && <option value={voice.inputDeviceId!}>{t('options.chosenMicGone')}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor="voice-pick-output">{t('options.speaker')}</label>
          <select
            id="voice-pick-output"
            data-testid="voice-pick-output"
            value={voice.outputDeviceId ?? ''}
            onChange={(e) => void save({ outputDeviceId: e.target.value || null })}
          >
            <option value="">{t('options.systemDefault')}</option>
            {devices.outputs.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {deviceLabel(d, i, (number) => t('options.deviceNumbered', { kind: t('options.speaker'), number }))}
              </option>
            ))}
            {!known(devices.outputs, voice.outputDeviceId) && <option value={voice.outputDeviceId!}>{t('options.chosenSpeakerGone')}</option>}
          </select>
        </div>
      </div>
      {devices.inputs.length > 0 && devices.inputs.every((d) => !d.label) && (
        <p className="hint">{t('options.namesLater')}</p>
      )}
      {error && (
        <p className="message error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
});
