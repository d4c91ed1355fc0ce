/** Sentences about the saved API key, for the Settings screen. */
import { i18next } from './i18n';
import { providerKeyName, type ProviderKind } from '@shared/domain';
import type { SecretStorageKind, SecretsStatus } from '@shared/ipc/contract';

const STORAGE_PHRASES: Record<SecretStorageKind, string | null> = {
  keychain: 'keyStatus.keychain',
  'encrypted-file': 'keyStatus.encryptedFile',
  'plaintext-file': 'keyStatus.plaintextFile',
  none: null,
};

/** Describes the key of the provider in use: OpenAI's, or the compatible server's own. */
export function describeKeyStatus(
  status: Pick<SecretsStatus, 'openaiApiKey' | 'compatibleApiKey' | 'storage'>,
  kind: ProviderKind = 'openai',
): string {
  const key = status[providerKeyName(kind)];
  if (!key.set) return i18next.t('app:keyStatus.none');
  const which = key.last4 ? i18next.t('app:keyStatus.endingIn', { last4: key.last4 }) : i18next.t('app:keyStatus.saved');
  const where = STORAGE_PHRASES[status.storage.kind];
  return where ? `${which} · ${i18next.t(`app:${where}`)}` : which;
}
