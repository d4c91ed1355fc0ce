/** Picks the safest place this system offers for secrets: keychain, then safeStorage file, then none. */
import type { Logger } from '../../logger';
import { createSafeStorageSecretStore, type SafeStorageLike } from './file-secret-store';
import type { SecretStore } from './secret-store';
import { createUnavailableSecretStore } from './unavailable-secret-store';

export async function selectSecretStore(o: {
  loadKeytar: () => Promise<SecretStore | null>;
  safeStorage: SafeStorageLike | null;
  filePath: string;
  log: Logger;
}): Promise<SecretStore> {
  let keychain: SecretStore | null = null;
  try {
    keychain = await o.loadKeytar();
  } catch (err) {
    o.log.warn('loading the keychain module failed', err instanceof Error ? err.message : String(err));
  }
  if (keychain) {
    o.log.info('secrets are kept in the system keychain');
    return keychain;
  }
  o.log.warn('the system keychain module (keytar) could not be loaded; trying safeStorage');

  if (o.safeStorage) {
    const store = createSafeStorageSecretStore(o.filePath, o.safeStorage);
    o.log.info(`secrets are kept in ${store.kind === 'encrypted-file' ? 'an encrypted' : 'an unencrypted'} file`, {
      path: o.filePath,
      backend: o.safeStorage.getSelectedStorageBackend?.() ?? null,
    });
    return store;
  }
  o.log.warn('no keychain and no safeStorage: secrets cannot be kept');
  return createUnavailableSecretStore();
}
