/**
 * Services composed in plain Node the way main composes them, for integration tests:
 * a temp data dir, the real `conf` settings file, an in-memory secret store (the real
 * keychain is covered by its own tests), and settings pointing at local fakes.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger } from '../../electron/main/logger';
import { composeServices, type Services } from '../../electron/main/compose';
import type { SecretStore } from '../../electron/main/services/secrets/secret-store';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';
import type { SecretName } from '../../shared/domain';
import type { SettingsPatch } from '../../shared/settings';

export function memorySecretStore(initial: Partial<Record<SecretName, string>> = {}): SecretStore & { values: Map<SecretName, string> } {
  const values = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  return {
    kind: 'keychain',
    values,
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}

export interface TestServices {
  services: Services;
  dataDir: string;
  log: ReturnType<typeof createMemoryLogger>;
  secrets: ReturnType<typeof memorySecretStore>;
  /** Composes the services again on the same data dir and secrets: an app restart. */
  restart(): Promise<Services>;
  close(): Promise<void>;
}

export interface TestServicesOptions {
  openaiUrl: string;
  apiKey?: string;
  settings?: SettingsPatch;
  weatherUrl?: string;
  homeAssistantToken?: string;
  dataDir?: string;
  /** The model client's timeout; short in tests of a model that never answers. */
  modelTimeoutMs?: number;
  /** The model client's own retries (default 0); a test of what is retried sets them. */
  modelMaxRetries?: number;
}

export async function startTestServices(o: TestServicesOptions): Promise<TestServices> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'frok-services-'));
  const log = createMemoryLogger();
  const secrets = memorySecretStore({
    openaiApiKey: o.apiKey ?? 'sk-test-valid-key-1234',
    ...(o.homeAssistantToken ? { homeAssistantToken: o.homeAssistantToken } : {}),
  });
  // The seeded secrets count as checked with the fakes they are meant for (as if the person
  // had run the key check and the Home Assistant connection test there).
  const originsFile = join(dataDir, 'secret-origins.json');
  if (!existsSync(originsFile)) {
    const origin = (url: string | null | undefined) => (url ? new URL(url).origin : null);
    const origins = { openaiApiKey: origin(o.openaiUrl), homeAssistantToken: origin(o.settings?.homeAssistant?.url) };
    writeFileSync(originsFile, JSON.stringify({ version: 1, origins }));
  }
  const compose = () =>
    composeServices({
      settingsStorage: openConfSettingsStorage(dataDir, createNodeConfStore),
      secretStore: secrets,
      dataDir,
      fetch: globalThis.fetch,
      app: { name: 'FROK', version: '0.0.0-test', platform: process.platform, versions: { electron: null, chrome: null, node: process.versions.node } },
      log,
      endpoints: o.weatherUrl ? { weatherGeocoding: o.weatherUrl, weatherForecast: o.weatherUrl } : {},
      // Errors should surface at once in tests, not after the client's own retries.
      modelClient: { maxRetries: o.modelMaxRetries ?? 0, timeoutMs: o.modelTimeoutMs ?? 10_000 },
    });
  let services = compose();
  services.settings.update({ provider: { kind: 'openai', baseUrl: o.openaiUrl }, onboarded: true, ...o.settings });
  return {
    get services() {
      return services;
    },
    dataDir,
    log,
    secrets,
    async restart() {
      await services.dispose();
      services = compose();
      return services;
    },
    async close() {
      await services.dispose();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
