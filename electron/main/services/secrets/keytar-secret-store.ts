/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on
 * Linux) through keytar. keytar is an optional native dependency, so it is loaded lazily and
 * a missing or broken build just means "no keychain".
 */
import type { SecretName } from '@shared/domain';
import { SecretStorageError, type SecretStore } from './secret-store';

export { SecretStorageError } from './secret-store';

export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

async function importKeytar(): Promise<KeytarLike> {
  const module = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  // keytar is CommonJS: imported as an ES module, Node's static analysis exposes only some
  // of its functions by name, so the whole API is on `default` when that exists.
  return module.default ?? module;
}

/** Resolves to null when keytar cannot be loaded; never throws. */
export async function loadKeytarSecretStore(
  options: { service?: string; load?: () => Promise<KeytarLike> } = {},
): Promise<SecretStore | null> {
  const service = options.service ?? 'FROK';
  let keytar: KeytarLike;
  try {
    keytar = await (options.load ?? importKeytar)();
  } catch {
    return null;
  }
  if (typeof keytar?.getPassword !== 'function' || typeof keytar.setPassword !== 'function' || typeof keytar.deletePassword !== 'function') {
    return null;
  }

  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new SecretStorageError(
        `The system keychain is locked or unavailable (${detail}). Unlock it — on Linux start GNOME Keyring or KWallet — and try again.`,
        { cause: err },
      );
    }
  };

  return {
    kind: 'keychain',
    get: (name: SecretName) => call(() => keytar.getPassword(service, name)),
    set: (name: SecretName, value: string) => call(() => keytar.setPassword(service, name, value)),
    delete: async (name: SecretName) => {
      await call(() => keytar.deletePassword(service, name));
    },
  };
}
