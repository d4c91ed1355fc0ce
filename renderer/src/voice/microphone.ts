/**
 * Opening the microphone, and what to tell the person when it cannot be opened. The
 * stream stays FROK's (the SDK leaves a passed-in stream alone), so one stream serves
 * the level meter and every reconnect of a session.
 */
import { i18next } from '../i18n';

/** Echo cancellation keeps FROK from hearing (and answering) itself through the speakers. */
export function microphoneConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      channelCount: 1,
    },
    video: false,
  };
}

export class MicrophoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MicrophoneError';
  }
}

/** Which system's settings the "not allowed" help points to (from app:info's platform, Node's names). */
export type MicrophoneHelpPlatform = 'mac' | 'windows' | 'linux' | 'unknown';

export function helpPlatform(platform: string | null | undefined): MicrophoneHelpPlatform {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'windows';
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'linux';
  return 'unknown';
}

/** The catalogue key (namespace `voice`) of the sentence that says how to fix a getUserMedia failure. */
export function microphoneProblemKey(error: unknown, deviceId: string | null, platform: string | null | undefined): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `mic.denied.${helpPlatform(platform)}`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return deviceId ? 'mic.chosenGone' : 'mic.noneFound';
    case 'NotReadableError':
    case 'AbortError':
      return 'mic.busy';
    default:
      return 'mic.other';
  }
}

/** A getUserMedia failure as a sentence, in the person's language, that says how to fix it. */
export function microphoneErrorMessage(error: unknown, deviceId: string | null, platform: string | null = null): string {
  return i18next.t(`voice:${microphoneProblemKey(error, deviceId, platform)}`);
}

/**
 * `platform` is asked only when the microphone cannot be opened (the help differs per
 * system), so a working Start waits for nothing extra.
 */
export async function openMicrophone(
  deviceId: string | null,
  media: Pick<MediaDevices, 'getUserMedia'> = navigator.mediaDevices,
  platform: () => Promise<string | null> = async () => null,
): Promise<MediaStream> {
  try {
    if (!media?.getUserMedia) throw new DOMException('no mediaDevices', 'NotFoundError');
    return await media.getUserMedia(microphoneConstraints(deviceId));
  } catch (error) {
    const system = await platform().catch(() => null);
    throw new MicrophoneError(microphoneErrorMessage(error, deviceId, system));
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
