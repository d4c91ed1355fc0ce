import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/main/logger';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../electron/main/services/secrets/file-secret-store';
import { loadKeytarSecretStore, type KeytarLike } from '../../electron/main/services/secrets/keytar-secret-store';
import { SecretStorageError, type SecretStore } from '../../electron/main/services/secrets/secret-store';
import { selectSecretStore } from '../../electron/main/services/secrets/select-secret-store';

/** Stands in for Electron's safeStorage: a reversible transform, so the file must not hold the plain value. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { calls: number } {
  const fake = {
    calls: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain: string) {
      fake.calls++;
      return Buffer.concat([Buffer.from('v11'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptString(encrypted: Buffer) {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return fake;
}

const SECRET = 'sk-proj-Zq9xLmN0pQrStUvWxYz0123456789';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frok-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const secretsPath = () => join(dir, 'user', 'secrets.json');

describe('the safeStorage file store', () => {
  it('round-trips secrets through encryption, in a 0600 file that never holds the plain value', async () => {
    const safeStorage = fakeSafeStorage();
    const store = createSafeStorageSecretStore(secretsPath(), safeStorage);
    expect(store.kind).toBe('encrypted-file');

    await store.set('openaiApiKey', SECRET);
    await store.set('homeAssistantToken', 'ha-token-1234567890');
    expect(await store.get('openaiApiKey')).toBe(SECRET);
    expect(safeStorage.calls).toBe(2);

    // A second store on the same file (the next start of the app) reads the same values.
    const reopened = createSafeStorageSecretStore(secretsPath(), fakeSafeStorage());
    expect(await reopened.get('homeAssistantToken')).toBe('ha-token-1234567890');

    expect(statSync(secretsPath()).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretsPath(), 'utf8')).not.toContain(SECRET);
    expect(readdirSync(join(dir, 'user'))).toEqual(['secrets.json']); // no temporary files left behind

    await store.delete('openaiApiKey');
    expect(await reopened.get('openaiApiKey')).toBeNull();
    expect(await reopened.get('homeAssistantToken')).toBe('ha-token-1234567890');
  });

  it('answers null for a secret never set, without creating a file', async () => {
    const store = createSafeStorageSecretStore(secretsPath(), fakeSafeStorage());
    expect(await store.get('openaiApiKey')).toBeNull();
    await store.delete('openaiApiKey');
    expect(() => statSync(secretsPath())).toThrow();
  });

  it("calls Linux's basic_text backend what it is: a plain file", async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const store = createSafeStorageSecretStore(secretsPath(), safeStorage);
    expect(store.kind).toBe('plaintext-file');
    await store.set('openaiApiKey', SECRET);
    expect(await store.get('openaiApiKey')).toBe(SECRET);
    expect(safeStorage.calls).toBe(0);
  });

  it('stores the raw value when no encryption is available at all', async () => {
    const store = createSafeStorageSecretStore(secretsPath(), fakeSafeStorage({ available: false }));
    expect(store.kind).toBe('plaintext-file');
    await store.set('openaiApiKey', SECRET);
    expect(await store.get('openaiApiKey')).toBe(SECRET);
  });

  it('explains a damaged secrets file instead of crashing or wiping it', async () => {
    const path = join(dir, 'secrets.json');
    writeFileSync(path, '{"version":1,"secrets":{"openaiApiKey":');
    const store = createSafeStorageSecretStore(path, fakeSafeStorage());
    await expect(store.get('openaiApiKey')).rejects.toThrow(SecretStorageError);
    await expect(store.set('openaiApiKey', SECRET)).rejects.toThrow(/is damaged\. Delete it/);
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"secrets":{"openaiApiKey":');
  });

  it('reports a secrets path it cannot use as a SecretStorageError that names the file', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const path = join(dir, 'not-a-folder', 'secrets.json');
    const store = createSafeStorageSecretStore(path, fakeSafeStorage());
    const error = await store.set('openaiApiKey', SECRET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStorageError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/Check the file's permissions/);
  });
});

describe('the keytar store', () => {
  function fakeKeytar(failWith?: string): KeytarLike & { entries: Map<string, string> } {
    const entries = new Map<string, string>();
    const fail = () => {
      if (failWith) throw new Error(failWith);
    };
    return {
      entries,
      async getPassword(service, account) {
        fail();
        return entries.get(`${service}/${account}`) ?? null;
      },
      async setPassword(service, account, password) {
        fail();
        entries.set(`${service}/${account}`, password);
      },
      async deletePassword(service, account) {
        fail();
        return entries.delete(`${service}/${account}`);
      },
    };
  }

  it('keeps each secret under the FROK service, named after the secret', async () => {
    const keytar = fakeKeytar();
    const store = (await loadKeytarSecretStore({ load: async () => keytar }))!;
    expect(store.kind).toBe('keychain');
    await store.set('openaiApiKey', SECRET);
    expect([...keytar.entries.keys()]).toEqual(['FROK/openaiApiKey']);
    expect(await store.get('openaiApiKey')).toBe(SECRET);
    await store.delete('openaiApiKey');
    expect(await store.get('openaiApiKey')).toBeNull();
  });

  it('answers null (never throws) when keytar cannot be loaded', async () => {
    await expect(loadKeytarSecretStore({ load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')) })).resolves.toBeNull();
    await expect(loadKeytarSecretStore({ load: async () => ({}) as KeytarLike })).resolves.toBeNull();
  });

  it('turns a locked or missing keychain into a SecretStorageError that says what to do', async () => {
    const store = (await loadKeytarSecretStore({ load: async () => fakeKeytar('Cannot autolaunch D-Bus without X11 $DISPLAY') }))!;
    const error = await store.get('openaiApiKey').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStorageError);
    expect((error as Error).message).toBe(
      'The system keychain is locked or unavailable (Cannot autolaunch D-Bus without X11 $DISPLAY). Unlock it — on Linux start GNOME Keyring or KWallet — and try again.',
    );
  });
});

describe('selectSecretStore', () => {
  const keychainStore: SecretStore = { kind: 'keychain', get: async () => null, set: async () => {}, delete: async () => {} };

  it('prefers the system keychain', async () => {
    const store = await selectSecretStore({ loadKeytar: async () => keychainStore, safeStorage: fakeSafeStorage(), filePath: secretsPath(), log: createMemoryLogger() });
    expect(store).toBe(keychainStore);
  });

  it('falls back to the safeStorage file when keytar is missing or throws while loading', async () => {
    for (const loadKeytar of [async () => null, () => Promise.reject(new Error('boom'))]) {
      const log = createMemoryLogger();
      const store = await selectSecretStore({ loadKeytar, safeStorage: fakeSafeStorage(), filePath: secretsPath(), log });
      expect(store.kind).toBe('encrypted-file');
      await store.set('openaiApiKey', SECRET);
      expect(readFileSync(secretsPath(), 'utf8')).toContain('openaiApiKey');
      expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('keytar'))).toBe(true);
    }
  });

  it('ends with a store that keeps nothing and says why when there is neither', async () => {
    const store = await selectSecretStore({ loadKeytar: async () => null, safeStorage: null, filePath: secretsPath(), log: createMemoryLogger() });
    expect(store.kind).toBe('none');
    expect(await store.get('openaiApiKey')).toBeNull();
    await expect(store.set('openaiApiKey', SECRET)).rejects.toThrow(/no safe place to keep secrets.*GNOME Keyring or KWallet/);
  });
});
