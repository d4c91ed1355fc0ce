/**
 * The computer's microphones and speakers, kept current as devices come and go. Names are
 * empty until the page may use the microphone; `refresh` reads them again after that.
 */
import { useCallback, useEffect, useState } from 'react';

export interface AudioDevice {
  deviceId: string;
  label: string;
}

export interface AudioDevices {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  /** True once enumerateDevices answered (false where there is no media API at all). */
  loaded: boolean;
  /** The list has devices but no names: the microphone permission has not been given yet. */
  unnamed: boolean;
  refresh(): void;
}

/** "default" and "communications" are aliases the System default option already covers. */
export function realDevices(all: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[], kind: MediaDeviceKind): AudioDevice[] {
  const seen = new Set<string>();
  const out: AudioDevice[] = [];
  for (const d of all) {
    if (d.kind !== kind || !d.deviceId || d.deviceId === 'default' || d.deviceId === 'communications' || seen.has(d.deviceId)) continue;
    seen.add(d.deviceId);
    out.push({ deviceId: d.deviceId, label: d.label });
  }
  return out;
}

export function deviceLabel(device: AudioDevice, index: number, kind: 'Microphone' | 'Speaker'): string {
  return device.label || `${kind} ${index + 1}`;
}

export function useAudioDevices(): AudioDevices {
  const [state, setState] = useState<Omit<AudioDevices, 'refresh'>>({ inputs: [], outputs: [], loaded: false, unnamed: false });
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!media?.enumerateDevices) return undefined;
    let current = true;
    const load = () =>
      media
        .enumerateDevices()
        .then((all) => {
          if (!current) return;
          const inputs = realDevices(all, 'audioinput');
          const outputs = realDevices(all, 'audiooutput');
          const unnamed = [...inputs, ...outputs].length > 0 && [...inputs, ...outputs].every((d) => !d.label);
          setState({ inputs, outputs, loaded: true, unnamed });
        })
        .catch(() => current && setState((s) => ({ ...s, loaded: true })));
    void load();
    media.addEventListener?.('devicechange', load);
    return () => {
      current = false;
      media.removeEventListener?.('devicechange', load);
    };
  }, [attempt]);

  return { ...state, refresh };
}
