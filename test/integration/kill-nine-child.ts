/**
 * Child process for kill-nine.test.ts: FROK's services composed as main composes them, on
 * the folder and secrets file the test names. Asks one question (the fake OpenAI never
 * answers it) and prints `STARTED <conversationId>` the moment the run starts — when the
 * window would show the question as sent. The test kills this process with SIGKILL then.
 *
 * Env: FROK_CHILD_DIR, FROK_CHILD_SECRETS, FROK_CHILD_BASE_URL, FROK_CHILD_QUESTION.
 */
import { createMemoryLogger } from '../../electron/main/logger';
import { composeServices } from '../../electron/main/compose';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';
import type { ActivityEvent } from '../../shared/agents';
import { jsonFileSecretStore } from '../support/file-secret-store-for-tests';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const services = composeServices({
  settingsStorage: openConfSettingsStorage(env('FROK_CHILD_DIR'), createNodeConfStore),
  secretStore: jsonFileSecretStore(env('FROK_CHILD_SECRETS')),
  dataDir: env('FROK_CHILD_DIR'),
  fetch: globalThis.fetch,
  app: { name: 'FROK', version: '0.0.0-test', platform: process.platform, versions: { electron: null, chrome: null, node: process.versions.node } },
  log: createMemoryLogger(),
  modelClient: { maxRetries: 0, timeoutMs: 60_000 },
});
services.settings.update({ provider: { kind: 'openai', baseUrl: env('FROK_CHILD_BASE_URL') }, onboarded: true });
services.events.subscribe((e) => {
  const event = e.payload as ActivityEvent;
  if (e.name === 'agent:activity' && event.type === 'run_started') process.stdout.write(`STARTED ${event.conversationId}\n`);
});
await services.data.ready;
await services.agents.ask({ query: env('FROK_CHILD_QUESTION'), pattern: 'manager' }, { id: 'window-1', kind: 'main' });
