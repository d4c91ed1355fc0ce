/**
 * Settings → Voice → Speaker: where FROK's voice plays. A choice is tried on the device
 * (setSinkId) before it is saved, and "Play test sound" plays a short tone there.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toneWav } from './test-tone';
import type { AudioDevices } from './use-audio-devices';
import { st } from './words';

export interface OutputDeviceFieldProps {
  deviceId: string | null;
  devices: AudioDevices;
  disabled: boolean;
  onChoose(deviceId: string | null): void;
}

/** Whether this window can send sound to a chosen device (Chromium can; some platforms not). */
function canChooseOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

function outputProblem(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotFoundError') return st('devices.speakerGone');
  if (name === 'NotAllowedError' || name === 'SecurityError') return st('devices.speakerNotAllowed');
  return st('devices.speakerFailed');
}

/** An audio element on the device; "" is the system default. Rejects when the device cannot be used. */
async function audioOn(deviceId: string | null): Promise<HTMLAudioElement> {
  const audio = new Audio();
  if (canChooseOutput()) await audio.setSinkId(deviceId ?? '');
  return audio;
}

export function OutputDeviceField({ deviceId, devices, disabled, onChoose }: OutputDeviceFieldProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [checking, setChecking] = useState(false);
  const playingAudio = useRef<{ audio: HTMLAudioElement; url: string } | null>(null);
  const known = deviceId === null || devices.outputs.some((d) => d.deviceId === deviceId);

  useEffect(
    () => () => {
      const current = playingAudio.current;
      if (!current) return;
      current.audio.pause();
      URL.revokeObjectURL(current.url);
    },
    [],
  );

  async function choose(next: string | null) {
    setError(null);
    setChecking(true);
    try {
      await audioOn(next);
      onChoose(next);
    } catch (err) {
      setError(`${outputProblem(err)} ${t('devices.speakerUnchanged')}`);
    } finally {
      setChecking(false);
    }
  }

  async function play() {
    if (playing) return;
    setError(null);
    setPlaying(true);
    const url = URL.createObjectURL(new Blob([toneWav()], { type: 'audio/wav' }));
    try {
      const audio = await audioOn(deviceId);
      playingAudio.current = { audio, url };
      audio.src = url;
      await new Promise<void>((resolve, reject) => {
        audio.onended = () => resolve();
        audio.onerror = () => reject(new Error('playback failed'));
        audio.play().catch(reject);
      });
    } catch (err) {
      setError(outputProblem(err));
    } finally {
      playingAudio.current = null;
      URL.revokeObjectURL(url);
      setPlaying(false);
    }
  }

  return (
    <div className="field">
      <label htmlFor={`${id}-output`}>{t('devices.speaker')}</label>
      <div className="input-with-button">
        <select
          id={`${id}-output`}
          value={deviceId ?? ''}
          disabled={disabled || checking || !canChooseOutput()}
          onChange={(e) => void choose(e.target.value || null)}
          aria-describedby={`${id}-output-hint`}
          data-testid="settings-output-device"
        >
          <option value="">{t('devices.systemDefault')}</option>
          {devices.outputs.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label || t('devices.speakerN', { n: i + 1 })}
            </option>
          ))}
          {!known && <option value={deviceId!}>{t('devices.speakerMissing')}</option>}
        </select>
        <button type="button" className="button secondary small" onClick={() => void play()} disabled={playing} data-testid="settings-output-test">
          {playing ? t('devices.playing') : t('devices.playTest')}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert" data-testid="settings-output-error">
          {error}
        </p>
      ) : (
        <p className="hint" id={`${id}-output-hint`}>
          {canChooseOutput() ? t('devices.speakerHint') : t('devices.speakerFixed')}
        </p>
      )}
    </div>
  );
}
