/**
 * Opening the microphone, and what to tell the person when it cannot be opened. The
 * stream stays FROK's (the SDK leaves a passed-in stream alone), so one stream serves
 * the level meter and every reconnect of a session.
 */

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

const SETTINGS_HINT = 'pick another microphone under Voice options';

/** A getUserMedia failure as a sentence that says how to fix it. */
export function microphoneErrorMessage(error: unknown, deviceId: string | null): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return (
        "FROK isn't allowed to use the microphone. Allow it in your system's privacy settings " +
        '(macOS: System Settings → Privacy & Security → Microphone; Windows: Settings → Privacy → Microphone), then press Start again.'
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return deviceId
        ? `The chosen microphone isn't connected any more. Plug it back in, or ${SETTINGS_HINT}.`
        : `No microphone was found. Connect one (or turn it on), or ${SETTINGS_HINT}.`;
    case 'NotReadableError':
    case 'AbortError':
      return `The microphone is busy or stopped working. Close other apps that use it, or ${SETTINGS_HINT}, then press Start again.`;
    default:
      return `The microphone couldn't be opened. Check that it is connected, or ${SETTINGS_HINT}.`;
  }
}

export async function openMicrophone(deviceId: string | null, media: Pick<MediaDevices, 'getUserMedia'> = navigator.mediaDevices): Promise<MediaStream> {
  try {
    if (!media?.getUserMedia) throw new DOMException('no mediaDevices', 'NotFoundError');
    return await media.getUserMedia(microphoneConstraints(deviceId));
  } catch (error) {
    throw new MicrophoneError(microphoneErrorMessage(error, deviceId));
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
