/**
 * Child process for no-keyring-fallback.test.ts: runs FROK's start-up store selection with
 * the REAL keytar native module against whatever D-Bus session DBUS_SESSION_BUS_ADDRESS
 * names, then the onboarding path (SecretsService.setOpenAIKey) through the chosen store.
 * A child of its own because libsecret keeps its D-Bus connection for the life of a process.
 * Prints one JSON line and exits (keytar may still be stuck in a libsecret call).
 *
 * Env: FROK_CHILD_DIR (a private folder), FROK_CHILD_BASE_URL (a fake /v1 on 127.0.0.1),
 * FROK_CHILD_KEY, FROK_CHILD_BACKEND (the safeStorage backend to pretend), FROK_CHILD_LINGER_MS.
 */
import { join } from 'node:path';
import { createMemoryLogger } from '../../electron/main/logger';
import type { SafeStorageLike } from '../../electron/main/services/secrets/file-secret-store';
import { importKeytar, loadKeytarSecretStore } from '../../electron/main/services/secrets/keytar-secret-store';
import { SecretsService } from '../../electron/main/services/secrets/secrets-service';
import { selectSecretStore } from '../../electron/main/services/secrets/select-secret-store';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { SettingsService } from '../../electron/main/services/settings/settings-service';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason instanceof Error ? reason.message : String(reason)));

async function main() {
  const dir = env('FROK_CHILD_DIR');
  const baseUrl = env('FROK_CHILD_BASE_URL');
  const key = env('FROK_CHILD_KEY');
  const backend = env('FROK_CHILD_BACKEND');
  const lingerMs = Number(process.env.FROK_CHILD_LINGER_MS ?? '0');

  // Electron's safeStorage is not here; a reversible stand-in with the backend Electron would report.
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x33)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x33)).toString('utf8'),
  };

  const keytar = await importKeytar(); // throws if the native module is not there: the test is then void
  const log = createMemoryLogger();
  const started = Date.now();
  const store = await selectSecretStore({
    loadKeytar: () => loadKeytarSecretStore({ service: `FROK-test-${process.pid}` }),
    safeStorage,
    filePath: join(dir, 'secrets.json'),
    log,
  });
  const selectionMs = Date.now() - started;

  const settings = new SettingsService(openConfSettingsStorage(dir, createNodeConfStore), log);
  const secrets = new SecretsService({ store, settings, fetch, log, checkTimeoutMs: 5000, originsFile: join(dir, 'secret-origins.json') });
  const provider = { kind: 'openai' as const, baseUrl };
  const replies = [await secrets.setOpenAIKey({ key, provider })];
  if (replies[0]!.outcome === 'needs_plaintext_consent') replies.push(await secrets.setOpenAIKey({ key, provider, allowPlaintextStorage: true }));
  const readBack = (await secrets.get('openaiApiKey')) === key;
  const status = await secrets.status();

  // Give a stuck libsecret call time to fail late: its rejection must be handled.
  await new Promise((r) => setTimeout(r, lingerMs));

  return {
    keytarLoaded: typeof keytar.getPassword === 'function',
    selectionMs,
    kind: store.kind,
    fallback: store.fallback ?? null,
    replies: replies.map((r) => ({ outcome: r.outcome, message: r.message })),
    readBack,
    status,
    onboarded: settings.get().onboarded,
    log: log.lines,
    unhandled,
  };
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
