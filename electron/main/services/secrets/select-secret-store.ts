/**
 * Picks the safest place this system offers for secrets: the system keychain if keytar loads
 * AND the keyring answers, then a safeStorage file, then none.
 *
 * On a Linux desktop without a Secret Service (Plasma without GNOME Keyring, i3/sway, WSLg)
 * keytar loads fine and then every call fails, or hangs while D-Bus tries to start a keyring
 * that never comes. So the keychain is probed once at start, under a short timeout, and a
 * keychain that does not answer counts as no keychain.
 */
import type { Logger } from '../../logger';
import { createSafeStorageSecretStore, type SafeStorageLike } from './file-secret-store';
import type { SecretStore } from './secret-store';
import { createUnavailableSecretStore } from './unavailable-secret-store';

/** How long start-up waits for the keyring's first answer. */
export const KEYCHAIN_PROBE_TIMEOUT_MS = 3_000;

/** A keychain store, optionally with a cheap question to ask it (keytar's has one). */
export type ProbeableSecretStore = SecretStore & { probe?: () => Promise<unknown> };

export type ProbeResult = { answered: true } | { answered: false; reason: 'timeout' | 'error'; detail: string };

/**
 * Runs probe() once and waits at most timeoutMs for it. Never rejects. A probe that answers
 * after the timeout is ignored, and its late rejection is caught (no unhandled rejection);
 * the timer is cleared as soon as the probe settles, so it never holds the process.
 */
export function probeWithTimeout(probe: () => Promise<unknown>, timeoutMs: number = KEYCHAIN_PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  return new Promise<ProbeResult>((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ answered: false, reason: 'timeout', detail: `no answer within ${formatSeconds(timeoutMs)}` }),
      timeoutMs,
    );
    let attempt: Promise<unknown>;
    try {
      attempt = Promise.resolve(probe());
    } catch (err) {
      attempt = Promise.reject(err);
    }
    attempt.then(
      () => finish({ answered: true }),
      (err: unknown) => finish({ answered: false, reason: 'error', detail: errorText(err) }),
    );
  });
}

/** What is known about the keychain once it has been loaded and probed. */
export type KeychainState = { state: 'missing' } | { state: 'answered' } | { state: 'not-answering'; probe: Extract<ProbeResult, { answered: false }> };

export type StoreChoice =
  | { store: 'keychain'; why: string }
  | { store: 'file'; fallback: SecretStore['fallback']; why: string }
  | { store: 'none'; why: string };

/** The decision itself, apart from any I/O: which store to open, and a sentence for the log saying why. */
export function chooseSecretStore(keychain: KeychainState, safeStorageAvailable: boolean): StoreChoice {
  if (keychain.state === 'answered') return { store: 'keychain', why: 'keytar loaded and the keyring answered' };
  const noKeychain =
    keychain.state === 'missing'
      ? 'the system keychain module (keytar) could not be loaded'
      : keychain.probe.reason === 'timeout'
        ? `keytar loaded but the system keyring did not answer (${keychain.probe.detail}); no Secret Service seems to be running`
        : `keytar loaded but the system keyring did not answer (${keychain.probe.detail})`;
  if (safeStorageAvailable) {
    return {
      store: 'file',
      fallback: keychain.state === 'not-answering' ? 'keychain-not-answering' : undefined,
      why: `${noKeychain}; using the safeStorage file instead`,
    };
  }
  return { store: 'none', why: `${noKeychain}, and there is no safeStorage: secrets cannot be kept` };
}

export async function selectSecretStore(o: {
  loadKeytar: () => Promise<ProbeableSecretStore | null>;
  safeStorage: SafeStorageLike | null;
  filePath: string;
  log: Logger;
  /** Defaults to KEYCHAIN_PROBE_TIMEOUT_MS. */
  probeTimeoutMs?: number;
}): Promise<SecretStore> {
  let keychain: ProbeableSecretStore | null = null;
  try {
    keychain = await o.loadKeytar();
  } catch (err) {
    o.log.warn('loading the keychain module failed', errorText(err));
  }

  let state: KeychainState = { state: 'missing' };
  if (keychain) {
    const store = keychain;
    // keytar's store has probe(); any other keychain store is asked for a secret it may hold.
    const probe = store.probe ? () => store.probe!() : () => store.get('openaiApiKey');
    const result = await probeWithTimeout(probe, o.probeTimeoutMs ?? KEYCHAIN_PROBE_TIMEOUT_MS);
    state = result.answered ? { state: 'answered' } : { state: 'not-answering', probe: result };
  }

  const choice = chooseSecretStore(state, o.safeStorage !== null);
  if (choice.store === 'keychain' && keychain) {
    o.log.info(`secrets are kept in the system keychain: ${choice.why}`);
    return keychain;
  }
  if (choice.store === 'file' && o.safeStorage) {
    o.log.warn(choice.why);
    const store = createSafeStorageSecretStore(o.filePath, o.safeStorage);
    o.log.info(`secrets are kept in ${store.kind === 'encrypted-file' ? 'an encrypted' : 'an unencrypted'} file`, {
      path: o.filePath,
      backend: o.safeStorage.getSelectedStorageBackend?.() ?? null,
      fallback: choice.fallback ?? null,
    });
    return choice.fallback ? { ...store, fallback: choice.fallback } : store;
  }
  o.log.warn(choice.why);
  return createUnavailableSecretStore();
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
