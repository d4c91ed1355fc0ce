/**
 * The services and handlers composed exactly as Electron's main process composes them,
 * minus Electron: the same composeServices, the same conf-backed settings file, the real
 * OS keychain through keytar, the same dispatcher. Only the app facts come from Node.
 */
import { readFileSync } from 'node:fs';
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatcher';
import { createHandlers } from '../../electron/main/ipc/handlers';
import { createMemoryLogger, type Logger } from '../../electron/main/logger';
import { composeServices, type ServiceDeps, type Services } from '../../electron/main/compose';
import { loadKeytarSecretStore } from '../../electron/main/services/secrets/keytar-secret-store';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';
import { routeOpenAITo } from './openai-route';

export interface StartServicesOptions {
  /** The app's user-data folder: the settings file lives here. */
  dataDir: string;
  /** Where requests meant for OpenAI go instead, e.g. the fake's `http://127.0.0.1:PORT/v1` (see openai-route.ts). */
  openaiBaseUrl?: string;
  /** Keychain service name; tests use a unique one per run so they never touch real entries. */
  keychainService: string;
  fetch?: typeof globalThis.fetch;
  log?: Logger;
  /** The test-only knobs composeServices offers (fake weather endpoints, model client retries…). */
  overrides?: ServiceOverrides;
}

/** Everything in ServiceDeps that main also passes is fixed here; the rest a test may set. */
export type ServiceOverrides = Omit<Partial<ServiceDeps>, 'settingsStorage' | 'secretStore' | 'dataDir' | 'fetch' | 'app' | 'log'>;

export interface NodeServices {
  services: Services;
  dispatch: Dispatch;
  log: Logger;
  settingsPath: string;
}

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { productName?: string; version: string };

const KEYRING_HELP =
  'End-to-end tests need a D-Bus session with an unlocked gnome-keyring: ' +
  "HOME=$(mktemp -d) dbus-run-session -- sh -c 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run --project e2e'";

export async function startServices(options: StartServicesOptions): Promise<NodeServices> {
  const log = options.log ?? createMemoryLogger();
  const secretStore = await loadKeytarSecretStore({ service: options.keychainService });
  // A silent fallback would test a different storage path than the one under test.
  if (!secretStore) throw new Error(`keytar could not be loaded. ${KEYRING_HELP}`);
  try {
    await secretStore.get('openaiApiKey');
  } catch (err) {
    throw new Error(`The OS keychain does not answer (${err instanceof Error ? err.message : String(err)}). ${KEYRING_HELP}`, { cause: err });
  }
  const baseFetch = options.fetch ?? globalThis.fetch;
  const settingsStorage = openConfSettingsStorage(options.dataDir, createNodeConfStore);
  const services = composeServices({
    ...options.overrides,
    settingsStorage,
    secretStore,
    dataDir: options.dataDir,
    fetch: options.openaiBaseUrl === undefined ? baseFetch : routeOpenAITo(options.openaiBaseUrl, baseFetch),
    app: {
      name: PACKAGE.productName ?? 'FROK',
      version: PACKAGE.version,
      platform: process.platform,
      versions: { electron: null, chrome: null, node: process.versions.node },
    },
    log,
  });
  return { services, dispatch: createDispatcher(createHandlers(services), log), log, settingsPath: settingsStorage.path };
}
