/**
 * Choosing where secrets go when keytar loads but the keyring does not answer (issue #9,
 * point 1): the probe, its timeout, the decision, and the sentence Settings shows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../electron/main/logger';
import type { SafeStorageLike } from '../../electron/main/services/secrets/file-secret-store';
import { KEYCHAIN_PROBE_ACCOUNT, loadKeytarSecretStore, type KeytarLike } from '../../electron/main/services/secrets/keytar-secret-store';
import type { SecretStore } from '../../electron/main/services/secrets/secret-store';
import { storageMessage } from '../../electron/main/services/secrets/secrets-service';
import {
  chooseSecretStore,
  KEYCHAIN_PROBE_TIMEOUT_MS,
  probeWithTimeout,
  selectSecretStore,
  type ProbeableSecretStore,
} from '../../electron/main/services/secrets/select-secret-store';

const SECRET = 'sk-proj-Zq9xLmN0pQrStUvWxYz0123456789';

const safeStorage = (backend = 'gnome_libsecret'): SafeStorageLike => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x33)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x33)).toString('utf8'),
});

function keychain(probe: () => Promise<unknown>): ProbeableSecretStore & { writes: number } {
  const store = {
    kind: 'keychain' as const,
    writes: 0,
    probe,
    get: async () => null,
    set: async () => {
      store.writes++;
    },
    delete: async () => {},
  };
  return store;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frok-select-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});
const secretsPath = () => join(dir, 'secrets.json');

describe('probeWithTimeout', () => {
  it('waits three seconds by default', () => {
    expect(KEYCHAIN_PROBE_TIMEOUT_MS).toBe(3000);
  });

  it('reports an answer, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const result = probeWithTimeout(async () => null, 3000);
    await vi.advanceTimersByTimeAsync(0);
    await expect(result).resolves.toEqual({ answered: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a failed read as an error, with its words', async () => {
    await expect(probeWithTimeout(() => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files')))).resolves.toEqual({
      answered: false,
      reason: 'error',
      detail: 'The name org.freedesktop.secrets was not provided by any .service files',
    });
    await expect(
      probeWithTimeout(() => {
        throw new Error('thrown before any promise');
      }),
    ).resolves.toMatchObject({ answered: false, reason: 'error', detail: 'thrown before any promise' });
  });

  it('gives up on a hanging read after the timeout, and swallows its late rejection', async () => {
    vi.useFakeTimers();
    let rejectLate!: (err: Error) => void;
    const hanging = new Promise((_resolve, reject) => {
      rejectLate = reject;
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let settled = false;
      const result = probeWithTimeout(() => hanging, 3000).finally(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(2999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await expect(result).resolves.toEqual({ answered: false, reason: 'timeout', detail: 'no answer within 3 s' });
      expect(vi.getTimerCount()).toBe(0);

      // keytar's libsecret call fails much later (D-Bus activation timeout): nobody minds.
      rejectLate(new Error('Timeout was reached'));
      vi.useRealTimers();
      // Node reports an unhandled rejection once the microtasks after it have run: by the
      // next turn of the event loop it would have been seen.
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('chooseSecretStore', () => {
  const timeout = { answered: false as const, reason: 'timeout' as const, detail: 'no answer within 3 s' };
  const error = { answered: false as const, reason: 'error' as const, detail: 'Cannot autolaunch D-Bus without X11 $DISPLAY' };

  it('uses the keychain only when it answered', () => {
    expect(chooseSecretStore({ state: 'answered' }, true)).toMatchObject({ store: 'keychain' });
    expect(chooseSecretStore({ state: 'answered' }, false)).toMatchObject({ store: 'keychain' });
  });

  it('falls back to the file, marked as a fallback, when the keyring did not answer', () => {
    const byTimeout = chooseSecretStore({ state: 'not-answering', probe: timeout }, true);
    expect(byTimeout).toMatchObject({ store: 'file', fallback: 'keychain-not-answering' });
    expect(byTimeout.why).toMatch(/keytar loaded but the system keyring did not answer \(no answer within 3 s\); no Secret Service seems to be running; using the safeStorage file/);
    const byError = chooseSecretStore({ state: 'not-answering', probe: error }, true);
    expect(byError).toMatchObject({ store: 'file', fallback: 'keychain-not-answering' });
    expect(byError.why).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY');
  });

  it('falls back to the file, unmarked, when keytar is missing (as before)', () => {
    const choice = chooseSecretStore({ state: 'missing' }, true);
    expect(choice).toMatchObject({ store: 'file', fallback: undefined });
    expect(choice.why).toMatch(/keytar\) could not be loaded/);
  });

  it('keeps nothing when there is no keychain and no safeStorage', () => {
    expect(chooseSecretStore({ state: 'missing' }, false)).toMatchObject({ store: 'none' });
    expect(chooseSecretStore({ state: 'not-answering', probe: timeout }, false)).toMatchObject({ store: 'none' });
  });
});

describe('selectSecretStore probes the keychain', () => {
  it('keeps a keychain that answers, probing it exactly once', async () => {
    const probe = vi.fn(async () => null);
    const store = keychain(probe);
    const log = createMemoryLogger();
    expect(await selectSecretStore({ loadKeytar: async () => store, safeStorage: safeStorage(), filePath: secretsPath(), log })).toBe(store);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'info', message: expect.stringMatching(/system keychain: keytar loaded and the keyring answered/) }));
  });

  it('falls back to the encrypted file when every keychain call fails, and saves there', async () => {
    const store = keychain(() => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files')));
    const log = createMemoryLogger();
    const chosen = await selectSecretStore({ loadKeytar: async () => store, safeStorage: safeStorage(), filePath: secretsPath(), log });
    expect(chosen.kind).toBe('encrypted-file');
    expect(chosen.fallback).toBe('keychain-not-answering');
    await chosen.set('openaiApiKey', SECRET);
    expect(await chosen.get('openaiApiKey')).toBe(SECRET);
    expect(readFileSync(secretsPath(), 'utf8')).not.toContain(SECRET);
    expect(store.writes).toBe(0);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('org.freedesktop.secrets was not provided') }));
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'secrets are kept in an encrypted file', details: expect.objectContaining({ fallback: 'keychain-not-answering' }) }),
    );
  });

  it('does not wait longer than the timeout for a keyring that hangs', async () => {
    const store = keychain(() => new Promise(() => {}));
    // The probe never settles: only the 50 ms timeout can have chosen the file.
    const chosen = await selectSecretStore({ loadKeytar: async () => store, safeStorage: safeStorage(), filePath: secretsPath(), log: createMemoryLogger(), probeTimeoutMs: 50 });
    expect(chosen).toMatchObject({ kind: 'encrypted-file', fallback: 'keychain-not-answering' });
  });

  it("keeps the plaintext consent rule: Linux's basic_text backend is a plain file", async () => {
    const store = keychain(() => Promise.reject(new Error('no secret service')));
    const chosen = await selectSecretStore({ loadKeytar: async () => store, safeStorage: safeStorage('basic_text'), filePath: secretsPath(), log: createMemoryLogger() });
    expect(chosen).toMatchObject({ kind: 'plaintext-file', fallback: 'keychain-not-answering' });
  });

  it('asks a keychain store without probe() for a secret instead', async () => {
    const get = vi.fn(() => Promise.reject(new Error('locked')));
    const store: SecretStore = { kind: 'keychain', get, set: async () => {}, delete: async () => {} };
    const chosen = await selectSecretStore({ loadKeytar: async () => store, safeStorage: safeStorage(), filePath: secretsPath(), log: createMemoryLogger() });
    expect(get).toHaveBeenCalledTimes(1);
    expect(chosen.kind).toBe('encrypted-file');
  });
});

describe("keytar's probe", () => {
  it('reads one account FROK never writes, under its own service', async () => {
    const reads: string[] = [];
    const keytar: KeytarLike = {
      getPassword: async (service, account) => {
        reads.push(`${service}/${account}`);
        return null;
      },
      setPassword: async () => {
        throw new Error('the probe must not write');
      },
      deletePassword: async () => {
        throw new Error('the probe must not delete');
      },
    };
    const store = (await loadKeytarSecretStore({ service: 'FROK', load: async () => keytar }))!;
    await store.probe();
    expect(reads).toEqual([`FROK/${KEYCHAIN_PROBE_ACCOUNT}`]);
  });

  it("rejects with keytar's own error when the keyring is not there", async () => {
    const failing: KeytarLike = {
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: async () => {},
      deletePassword: async () => true,
    };
    const store = (await loadKeytarSecretStore({ load: async () => failing }))!;
    await expect(store.probe()).rejects.toThrow('Cannot autolaunch D-Bus without X11 $DISPLAY');
  });
});

describe('the storage sentence in Settings', () => {
  it('says, for a fallback, that the keyring did not answer and what to do', () => {
    for (const kind of ['encrypted-file', 'plaintext-file'] as const) {
      const message = storageMessage({ kind, fallback: 'keychain-not-answering' });
      expect(message).toMatch(/^The system keyring did not answer when FROK started, so secrets/);
      expect(message).toContain('install and unlock GNOME Keyring or KWallet, then restart FROK');
    }
    expect(storageMessage({ kind: 'plaintext-file', fallback: 'keychain-not-answering' })).toContain('unencrypted');
    expect(storageMessage({ kind: 'encrypted-file', fallback: 'keychain-not-answering' })).toContain('encrypted with your system');
  });

  it('is unchanged when there is no fallback', () => {
    expect(storageMessage({ kind: 'keychain' })).toBe('Secrets are kept in the system keychain.');
    expect(storageMessage({ kind: 'encrypted-file' })).toBe("Secrets are kept in a file encrypted with your system's encryption service.");
    expect(storageMessage({ kind: 'plaintext-file' })).toMatch(/^This system has no keyring/);
  });
});
