/**
 * Opens the settings file and the secret store in the user-data folder, with the
 * Electron-specific backends: electron-store for settings, and the OS keychain (keytar)
 * or else a safeStorage-encrypted `secrets.json` for secrets.
 */
import { join } from 'node:path';
import Store from 'electron-store';
import type { Logger } from '../logger';
import { loadKeytarSecretStore } from '../services/secrets/keytar-secret-store';
import type { SafeStorageLike } from '../services/secrets/file-secret-store';
import type { SecretStore } from '../services/secrets/secret-store';
import { selectSecretStore } from '../services/secrets/select-secret-store';
import { openConfSettingsStorage, type SettingsStorage } from '../services/settings/settings-storage';

export async function openStores(options: { userData: string; safeStorage: SafeStorageLike; log: Logger }): Promise<{
  settingsStorage: SettingsStorage;
  secretStore: SecretStore;
}> {
  const { userData, safeStorage, log } = options;
  // clearInvalidConfig: false — a broken settings file is moved aside and reported, never wiped.
  const settingsStorage = openConfSettingsStorage(userData, (o) => new Store<Record<string, unknown>>({ cwd: o.cwd, name: o.configName, clearInvalidConfig: false }));
  const secretStore = await selectSecretStore({
    loadKeytar: () => loadKeytarSecretStore(),
    safeStorage,
    filePath: join(userData, 'secrets.json'),
    log,
  });
  return { settingsStorage, secretStore };
}
