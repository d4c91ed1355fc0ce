/**
 * "Copy diagnostics" over the composed services: with an API key and a Home Assistant token
 * stored, a question answered by the fake OpenAI and a warning logged (Home Assistant not
 * answering), the text has the versions and the warning, and none of the secrets (nor their
 * last four characters), the question or the answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/main/ipc/dispatcher';
import { createHandlers } from '../../electron/main/ipc/handlers';
import { createMemoryLogger } from '../../electron/main/logger';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { startTestServices, type TestServices } from '../support/node-services';
import { REFUSED_PORT } from '../support/refused-port';

const API_KEY = 'sk-diag-ApiKey-Qv7Xz9Lm3Np8Rt2W';
// Shaped like Home Assistant's long-lived tokens (a JWT).
const HA_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJkaWFnLXRlc3QtOTk4NyJ9.Zk3uPq8WnYc5Ht2RbM6xJd4Vg';
const QUESTION = 'What colour is the zanzibar-periwinkle teapot on shelf forty-two?';
const ANSWER = 'The zanzibar-periwinkle teapot is ultramarine-quokka blue.';
const caller = { id: 'window-1', kind: 'main' as const };

let fake: FakeOpenAI | null = null;
let env: TestServices | null = null;
afterEach(async () => {
  await env?.close();
  await fake?.close();
  env = null;
  fake = null;
});

describe('diagnostics', () => {
  it('has versions and the recent warning, never a secret, its last four, or conversation text', async () => {
    fake = await startFakeOpenAI({ validKeys: [API_KEY], script: () => ({ text: ANSWER }) });
    const haUrl = `http://127.0.0.1:${REFUSED_PORT}/`;
    env = await startTestServices({ openaiUrl: fake.url, apiKey: API_KEY, homeAssistantToken: HA_TOKEN, settings: { homeAssistant: { url: haUrl } } });
    const { services } = env;

    const result = await services.agents.ask({ query: QUESTION, pattern: 'manager' }, caller);
    expect(result.response).toContain(ANSWER);
    // Nobody answers at the Home Assistant address: a warning is logged.
    await expect(services.home.getTools()).rejects.toMatchObject({
      code: 'home_unavailable',
      message: expect.stringMatching(/^Home Assistant at http:\/\/127\.0\.0\.1:0 is not answering \(connection refused/),
    });
    expect(env.log.lines.some((l) => l.level === 'warn')).toBe(true);

    const dispatch = createDispatcher(createHandlers(services), createMemoryLogger());
    const reply = (await dispatch('app:diagnostics', undefined, caller)) as { ok: boolean; data: { text: string } };
    expect(reply.ok).toBe(true);
    const { text } = reply.data;

    expect(text).toContain('App version: 0.0.0-test');
    expect(text).toContain(`Node: ${process.versions.node}`);
    expect(text).toContain(`Platform: ${process.platform}`);
    expect(text).toContain('Secret storage: keychain');
    expect(text).toContain('OpenAI API key is set');
    expect(text).toContain('Home Assistant token is set');
    expect(text).toMatch(/\[warn\] Home Assistant MCP request failed/);

    for (const secret of [API_KEY, HA_TOKEN]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(-4));
    }
    for (const words of [QUESTION, ANSWER, 'zanzibar', 'periwinkle', 'ultramarine', 'quokka']) expect(text).not.toContain(words);
  });

  it('app:openLogs asks the desktop shell to open the logs folder, and says so when there is none', async () => {
    fake = await startFakeOpenAI();
    env = await startTestServices({ openaiUrl: fake.url });
    const dispatch = createDispatcher(createHandlers(env.services), createMemoryLogger());
    // The harness has no desktop: the headless shell cannot open folders.
    const reply = (await dispatch('app:openLogs', undefined, caller)) as { ok: boolean; error?: { code: string; message: string } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'open_logs_failed' } });
    expect(reply.error?.message).toContain('logs');
  });
});
