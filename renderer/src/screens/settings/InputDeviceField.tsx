/**
 * Settings → Voice → Microphone: which input FROK listens on, and a live level meter to
 * check it. The microphone opens only while "Test microphone" is on (it is the person's
 * choice to be heard), and that first opening is also what lets the device names show.
 */
import { useEffect, useEffectEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startLevelMeter } from '../../voice/level-meter';
import { MicrophoneError, openMicrophone, stopStream } from '../../voice/microphone';
import type { AudioDevices } from './use-audio-devices';
import { st } from './words';

export interface InputDeviceFieldProps {
  deviceId: string | null;
  devices: AudioDevices;
  disabled: boolean;
  onChoose(deviceId: string | null): void;
}

/** The level while testing: opens the chosen microphone, reads it with an AnalyserNode, lets go on stop. */
function useMicrophoneLevel(testing: boolean, deviceId: string | null, onOpened: () => void) {
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const opened = useEffectEvent(onOpened);
  useEffect(() => {
    if (!testing) return undefined;
    let stopped = false;
    let release = () => {};
    openMicrophone(deviceId).then(
      (stream) => {
        if (stopped) return stopStream(stream);
        const meter = startLevelMeter(stream, (l) => !stopped && setLevel(l));
        release = () => {
          meter.stop();
          stopStream(stream);
        };
        opened();
      },
      (err: unknown) => {
        if (!stopped) setError(err instanceof MicrophoneError ? err.message : st('devices.micFailed'));
      },
    );
    return () => {
      stopped = true;
      release();
      setLevel(0);
      setError(null);
    };
  }, [testing, deviceId]);
  return { level, error };
}

export function InputDeviceField({ deviceId, devices, disabled, onChoose }: InputDeviceFieldProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const [testing, setTesting] = useState(false);
  const { level, error } = useMicrophoneLevel(testing, deviceId, devices.refresh);
  const percent = testing && !error ? Math.round(level * 100) : 0;
  const known = deviceId === null || devices.inputs.some((d) => d.deviceId === deviceId);

  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{t('devices.microphone')}</label>
      <div className="input-with-button">
        <select
          id={`${id}-input`}
          value={deviceId ?? ''}
          disabled={disabled}
          onChange={(e) => onChoose(e.target.value || null)}
          aria-describedby={`${id}-input-hint`}
          data-testid="settings-input-device"
        >
          <option value="">{t('devices.systemDefault')}</option>
          {devices.inputs.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label || t('devices.microphoneN', { n: i + 1 })}
            </option>
          ))}
          {!known && <option value={deviceId!}>{t('devices.micMissing')}</option>}
        </select>
        <button
          type="button"
          className="button secondary small"
          aria-pressed={testing}
          onClick={() => setTesting((t) => !t)}
          data-testid="settings-input-test"
        >
          {testing ? t('devices.stopTest') : t('devices.testMic')}
        </button>
      </div>
      <div className="settings-level-row">
        <span className="hint" id={`${id}-level-label`}>
          {t('devices.level')}
        </span>
        <div
          className="settings-level"
          role="meter"
          aria-labelledby={`${id}-level-label`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={testing ? `${percent}%` : t('devices.micOff')}
          data-testid="settings-input-level"
        >
          <div className="settings-level-bar" style={{ width: `${percent}%` }} />
        </div>
      </div>
      {error ? (
        <p className="field-error" role="alert" data-testid="settings-input-error">
          {error}
        </p>
      ) : (
        <p className="hint" id={`${id}-input-hint`}>
          {testing ? t('devices.speak') : devices.unnamed ? t('devices.unnamed') : t('devices.testHint')}
        </p>
      )}
    </div>
  );
}
