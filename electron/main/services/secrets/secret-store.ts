/** Where secrets are kept. Values never leave main, and never appear in logs or replies. */
import type { SecretName } from '@shared/domain';
import type { SecretStorageKind } from '@shared/ipc/contract';

export interface SecretStore {
  readonly kind: SecretStorageKind;
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
