/**
 * Nothing lost: a question the window shows as sent is on disk before the run starts, so
 * killing the services' process (SIGKILL, no chance to flush or close anything) a moment
 * later loses nothing — the next start finds it in the encrypted history.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/main/logger';
import { composeServices } from '../../electron/main/compose';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';
import { scriptByRoute, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { jsonFileSecretStore } from '../support/file-secret-store-for-tests';

const root = resolve(import.meta.dirname, '../..');
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  // The answer never comes while the child lives.
  fake.setScript(scriptByRoute([{ when: {}, reply: { text: 'too late', delayMs: 60_000 } }]));
});
afterAll(async () => {
  await fake.close();
});

function startChild(dir: string, secrets: string, question: string) {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', './scripts/register-ts-resolver.mjs', 'test/integration/kill-nine-child.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, FROK_CHILD_DIR: dir, FROK_CHILD_SECRETS: secrets, FROK_CHILD_BASE_URL: fake.url, FROK_CHILD_QUESTION: question },
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const started = new Promise<string>((resolveStarted, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /STARTED (\S+)\n/u.exec(out);
      if (m) resolveStarted(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before the run started: ${err}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  return { child, started, exited };
}

describe('a question survives kill -9', () => {
  it('is in the history after the services process is killed the moment the run starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frok-kill-'));
    const secrets = join(dir, 'test-secrets.json');
    writeFileSync(secrets, JSON.stringify({ openaiApiKey: 'sk-test-valid-key-1234' }));
    writeFileSync(join(dir, 'secret-origins.json'), JSON.stringify({ version: 1, origins: { openaiApiKey: new URL(fake.url).origin, homeAssistantToken: null } }));
    const question = 'Did the lighthouse keeper survive the storm of 1703?';

    const { child, started, exited } = startChild(dir, secrets, question);
    const conversationId = await started;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const services = composeServices({
      settingsStorage: openConfSettingsStorage(dir, createNodeConfStore),
      secretStore: jsonFileSecretStore(secrets),
      dataDir: dir,
      fetch: globalThis.fetch,
      app: { name: 'FROK', version: '0.0.0-test', platform: process.platform, versions: { electron: null, chrome: null, node: process.versions.node } },
      log: createMemoryLogger(),
    });
    try {
      await services.data.ready;
      expect(services.data.status().state).toBe('open');
      const kept = await services.history.get(conversationId);
      expect(kept.messages.map((m) => [m.role, m.text])).toEqual([['user', question]]);
      // …and it was never on disk in plain form (the WAL the killed process left included).
      for (const name of readdirSync(dir).filter((n) => n.startsWith('frok-data'))) expect(readFileSync(join(dir, name)).includes('lighthouse')).toBe(false);
    } finally {
      await services.dispose();
    }
  }, 60_000);
});
