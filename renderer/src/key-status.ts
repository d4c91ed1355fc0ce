/** Sentences about the saved API key, for the Settings screen. */
import { providerKeyName, type ProviderKind } from '@shared/domain';
import type { SecretStorageKind, SecretsStatus } from '@shared/ipc/contract';

const STORAGE_PHRASES: Record<SecretStorageKind, string | null> = {
  keychain: 'stored in the system keychain',
  'encrypted-file': 'stored encrypted on this computer',
  'plaintext-file': 'stored unencrypted on this computer',
  none: null,
};

/** Describes the key of the provider in use: OpenAI's, or the compatible server's own. */
export function describeKeyStatus(
  status: Pick<SecretsStatus, 'openaiApiKey' | 'compatibleApiKey' | 'storage'>,
  kind: ProviderKind = 'openai',
): string {
  const key = status[providerKeyName(kind)];
  if (!key.set) return 'No API key';
  const which = key.last4 ? `API key ending in ${key.last4}` : 'API key saved';
  const where = STORAGE_PHRASES[status.storage.kind];
  return where ? `${which} · ${where}` : which;
}
