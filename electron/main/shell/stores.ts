/**
 * Opens the settings file and the secret store in the user-data folder, with the
 * Electron-specific backends: electron-store for settings, and the OS keychain (keytar)
 * or else a safeStorage-encrypted `secrets.json` for secrets. The keychain is used only if
 * it answers a probe within a few seconds (selectSecretStore), so a desktop without a
 * running Secret Service still gets a place to keep the API key.
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
  // Loads keytar and probes the keyring once (at most KEYCHAIN_PROBE_TIMEOUT_MS), then picks.
  const secretStore = await selectSecretStore({
    loadKeytar: () => loadKeytarSecretStore(),
    safeStorage,
    filePath: join(userData, 'secrets.json'),
    log,
  });
  return { settingsStorage, secretStore };
}
