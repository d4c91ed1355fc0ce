/** Sentences about the saved API key, for the Settings screen. */
import type { SecretStorageKind, SecretsStatus } from '@shared/ipc/contract';

const STORAGE_PHRASES: Record<SecretStorageKind, string | null> = {
  keychain: 'stored in the system keychain',
  'encrypted-file': 'stored encrypted on this computer',
  'plaintext-file': 'stored unencrypted on this computer',
  none: null,
};

export function describeKeyStatus(status: Pick<SecretsStatus, 'openaiApiKey' | 'storage'>): string {
  const key = status.openaiApiKey;
  if (!key.set) return 'No API key';
  const which = key.last4 ? `API key ending in ${key.last4}` : 'API key saved';
  const where = STORAGE_PHRASES[status.storage.kind];
  return where ? `${which} · ${where}` : which;
}
