/**
 * Secrets in a JSON file next to the settings, encrypted with Electron's safeStorage where the
 * system offers real encryption. On Linux without a keyring safeStorage falls back to a
 * hard-coded password ('basic_text'), which protects nothing, so that case is reported as a
 * plain file and the value is stored as is (the secrets service asks the person first).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SecretNameSchema, type SecretName } from '@shared/domain';
import type { SecretStorageKind } from '@shared/ipc/contract';
import { SecretStorageError, type SecretStore } from './secret-store';

/** The part of Electron's `safeStorage` this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

const SecretsFileSchema = z
  .object({
    version: z.literal(1),
    secrets: z.partialRecord(SecretNameSchema, z.object({ encrypted: z.boolean(), data: z.base64() }).strict()),
  })
  .strict();
type SecretsFile = z.infer<typeof SecretsFileSchema>;

function safeStorageKind(safeStorage: SafeStorageLike): Extract<SecretStorageKind, 'encrypted-file' | 'plaintext-file'> {
  if (!safeStorage.isEncryptionAvailable()) return 'plaintext-file';
  return safeStorage.getSelectedStorageBackend?.() === 'basic_text' ? 'plaintext-file' : 'encrypted-file';
}

export function createSafeStorageSecretStore(filePath: string, safeStorage: SafeStorageLike): SecretStore {
  const kind = safeStorageKind(safeStorage);

  const readFile = (): SecretsFile => {
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw new SecretStorageError(`FROK could not open its secrets file ${filePath} (${errorText(err)}). Check the file's permissions.`, { cause: err });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    const parsed = SecretsFileSchema.safeParse(data);
    if (!parsed.success) {
      throw new SecretStorageError(
        `FROK's secrets file ${filePath} is damaged. Delete it and enter your keys again in Settings → Account.`,
      );
    }
    return parsed.data;
  };

  const writeFile = (file: SecretsFile) => {
    try {
      writeFileAtomically(filePath, `${JSON.stringify(file, null, 2)}\n`);
    } catch (err) {
      throw new SecretStorageError(
        `FROK could not save to its secrets file ${filePath} (${errorText(err)}). Free some disk space or check the folder's permissions, then try again.`,
        { cause: err },
      );
    }
  };

  return {
    kind,
    async get(name: SecretName) {
      const entry = readFile().secrets[name];
      if (!entry) return null;
      const bytes = Buffer.from(entry.data, 'base64');
      if (!entry.encrypted) return bytes.toString('utf8');
      try {
        return safeStorage.decryptString(bytes);
      } catch (err) {
        throw new SecretStorageError(
          `A saved secret could not be decrypted (${errorText(err)}). If your system keyring is locked, unlock it and restart FROK; otherwise enter the key again.`,
          { cause: err },
        );
      }
    },
    async set(name: SecretName, value: string) {
      const file = readFile();
      const encrypted = kind === 'encrypted-file';
      let bytes: Buffer;
      try {
        bytes = encrypted ? safeStorage.encryptString(value) : Buffer.from(value, 'utf8');
      } catch (err) {
        throw new SecretStorageError(`Your system could not encrypt the secret (${errorText(err)}). Unlock your keyring and try again.`, { cause: err });
      }
      file.secrets[name] = { encrypted, data: bytes.toString('base64') };
      writeFile(file);
    },
    async delete(name: SecretName) {
      const file = readFile();
      if (!(name in file.secrets)) return;
      delete file.secrets[name];
      writeFile(file);
    },
  };
}

/** Write to a private temporary file, flush it, then rename: a crash leaves the old file or the new one, never half of one. */
function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
