/**
 * macOS asks the person once whether FROK may use the microphone; until they agree,
 * capture gives silence. So before a voice session starts FROK asks (the first time) or
 * checks, and when the answer is no, the session does not start and the person is told
 * where to change it. Other systems have no such gate here.
 */
import { tr } from '../../i18n';

export type MediaAccessStatus = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/** Where to allow the microphone, in the person's language. */
export function microphoneDeniedMessage(): string {
  return tr('errors:voice.microphoneDenied');
}

export function microphoneStep(platform: string, status: MediaAccessStatus): 'allowed' | 'ask' | 'denied' {
  if (platform !== 'darwin') return 'allowed';
  if (status === 'not-determined') return 'ask';
  if (status === 'denied' || status === 'restricted') return 'denied';
  // 'unknown': let the capture itself decide rather than block voice on a guess.
  return 'allowed';
}

export interface SystemPreferencesLike {
  getMediaAccessStatus(mediaType: 'microphone'): string;
  askForMediaAccess(mediaType: 'microphone'): Promise<boolean>;
}

/** Resolves true when voice may use the microphone. */
export function createMicrophoneAccess(platform: string, systemPreferences: SystemPreferencesLike | null): () => Promise<boolean> {
  return async () => {
    if (platform !== 'darwin' || !systemPreferences) return true;
    const step = microphoneStep(platform, systemPreferences.getMediaAccessStatus('microphone') as MediaAccessStatus);
    if (step === 'ask') return systemPreferences.askForMediaAccess('microphone');
    return step === 'allowed';
  };
}
