/** Where secrets are kept. Values never leave main, and never appear in logs or replies. */
import type { SecretName } from '@shared/domain';
import type { SecretStorageKind } from '@shared/ipc/contract';

/**
 * Why a store is a fallback rather than the system keychain, when that is worth telling the
 * person: 'keychain-not-answering' — keytar loaded, but the keyring (Secret Service) did not
 * answer at start-up, as on a Linux desktop with no GNOME Keyring or KWallet running.
 */
export type SecretStoreFallback = 'keychain-not-answering';

export interface SecretStore {
  readonly kind: SecretStorageKind;
  /** Set only on a store chosen because the keychain failed (see SecretStoreFallback). */
  readonly fallback?: SecretStoreFallback;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** A store could not do its job; the message is written for the person and says what to do. */
export class SecretStorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStorageError';
  }
}
