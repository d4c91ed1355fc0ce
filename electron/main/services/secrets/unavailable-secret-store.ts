/** What FROK uses when the system offers no keychain and no encryption: nothing is kept. */
import { SecretStorageError, type SecretStore } from './secret-store';

export const NO_SECRET_STORAGE_MESSAGE =
  'FROK found no safe place to keep secrets on this system: there is no system keychain and no encryption service. ' +
  'Install and unlock GNOME Keyring or KWallet, then restart FROK.';

export function createUnavailableSecretStore(): SecretStore {
  return {
    kind: 'none',
    get: async () => null,
    set: async () => {
      throw new SecretStorageError(NO_SECRET_STORAGE_MESSAGE);
    },
    delete: async () => {},
  };
}
