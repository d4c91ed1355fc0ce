/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on
 * Linux) through keytar. keytar is an optional native dependency, so it is loaded lazily and
 * a missing or broken build just means "no keychain". Its types are our own (KeytarLike):
 * npm skips keytar where libsecret's headers are missing, and the typecheck must still pass.
 */
import type { SecretName } from '@shared/domain';
import { SecretStorageError, type SecretStore } from './secret-store';

export { SecretStorageError } from './secret-store';

export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The rest of keytar's API, for tests that read the keychain behind FROK's back. */
export interface KeytarModule extends KeytarLike {
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/** A store in the system keychain; probe() asks the keyring one harmless question. */
export interface KeychainSecretStore extends SecretStore {
  readonly kind: 'keychain';
  /** Reads an account FROK never writes: proves the keyring answers, without an unlock prompt. */
  probe(): Promise<void>;
}

/** The account probe() reads. Nothing is ever stored under it. */
export const KEYCHAIN_PROBE_ACCOUNT = 'frok-keyring-probe';

/** The package name in a variable: TypeScript does not resolve it, electron-vite keeps it external. */
const KEYTAR_PACKAGE: string = 'keytar';

/** Loads the keytar package at run time; rejects when it is not installed or its native part does not load. */
export async function importKeytar(): Promise<KeytarModule> {
  const module = (await import(/* @vite-ignore */ KEYTAR_PACKAGE)) as KeytarModule & { default?: KeytarModule };
  // keytar is CommonJS: imported as an ES module, Node's static analysis exposes only some
  // of its functions by name, so the whole API is on `default` when that exists.
  return module.default ?? module;
}

/** Resolves to null when keytar cannot be loaded; never throws. */
export async function loadKeytarSecretStore(
  options: { service?: string; load?: () => Promise<KeytarLike> } = {},
): Promise<KeychainSecretStore | null> {
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
    // Unwrapped: the selection logs keytar's own words, and the person never sees them.
    probe: async () => {
      await keytar.getPassword(service, KEYCHAIN_PROBE_ACCOUNT);
    },
    get: (name: SecretName) => call(() => keytar.getPassword(service, name)),
    set: (name: SecretName, value: string) => call(() => keytar.setPassword(service, name, value)),
    delete: async (name: SecretName) => {
      await call(() => keytar.deletePassword(service, name));
    },
  };
}
