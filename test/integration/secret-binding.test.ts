/**
 * Secrets go only where they were checked (issue #8, point 6): settings changes alone that
 * point the provider's base URL, an OpenAI-compatible server or the Home Assistant address
 * at a new host never send it the stored OpenAI key or Home Assistant token. A key check
 * (or connection test) at that host does, which shows the recorder would have seen them.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../shared/settings';
import { startTestServices, type TestServices } from '../support/node-services';

const OPENAI_KEY = 'sk-test-stored-openai-key-0123456789';
const HA_TOKEN = 'ha-stored-long-lived-token-0123456789';
const caller = { id: 'window-1', kind: 'main' as const };

let server: Server;
let recorderUrl: string;
let seen: { path: string; headers: IncomingHttpHeaders }[] = [];
let env: TestServices;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [] }));
    } else {
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: 'recorder' } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorderUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  seen = [];
  // The key was checked with OpenAI; the token tested with the person's Home Assistant.
  env = await startTestServices({
    openaiUrl: 'https://api.openai.com/v1',
    apiKey: OPENAI_KEY,
    homeAssistantToken: HA_TOKEN,
    settings: { homeAssistant: { url: 'http://homeassistant.invalid:8123' } } as SettingsPatch,
  });
});
afterEach(async () => {
  await env.close();
});

const leaked = () => seen.filter(({ headers }) => JSON.stringify(headers).includes(OPENAI_KEY) || JSON.stringify(headers).includes(HA_TOKEN));

/** Everything that sends a key or token, each allowed to fail; only what reaches the recorder matters. */
async function sendEverything(): Promise<void> {
  const s = env.services;
  await s.agents.ask({ query: 'hello', pattern: 'handoffs' }, caller).catch(() => undefined);
  await s.realtime.prepare(caller).catch(() => undefined);
  await s.realtime.start({}, caller).catch(() => undefined);
  await s.realtime.preview('alloy').catch(() => undefined);
  await s.home.testConnection().catch(() => undefined);
  await s.home.getTools().catch(() => undefined);
  await s.desktop.homeSetup.test({ url: `${recorderUrl}/`, token: null }).catch(() => undefined);
}

/** The recorder's URLs are only known once it listens, so the sequences are built inside each test. */
const sequences = (): Record<string, SettingsPatch[]> => ({
  'OpenAI base URL moved to another host': [{ provider: { kind: 'openai', baseUrl: `${recorderUrl}/v1` } }],
  'OpenAI-compatible server chosen': [{ provider: { kind: 'openai-compatible', baseUrl: `${recorderUrl}/v1` } }],
  'Home Assistant address moved': [{ homeAssistant: { url: `${recorderUrl}/` } } as SettingsPatch],
  'everything moved, then back and forth': [
    { provider: { kind: 'openai-compatible', baseUrl: `${recorderUrl}/v1` } },
    { homeAssistant: { url: `${recorderUrl}/` } } as SettingsPatch,
    { provider: { kind: 'openai', baseUrl: null } },
    { provider: { kind: 'openai', baseUrl: `${recorderUrl}/v1` } },
  ],
});

describe('secrets go only where they were checked', () => {
  for (const name of Object.keys(sequences())) {
    it(`never sends the stored key or token after: ${name}`, async () => {
      for (const patch of sequences()[name]!) {
        env.services.settings.update(patch);
        await sendEverything();
      }
      expect(leaked()).toEqual([]);
    });
  }

  it('refuses with a message that says to check the key in Settings → Account', async () => {
    env.services.settings.update({ provider: { kind: 'openai', baseUrl: `${recorderUrl}/v1` } });
    await expect(env.services.realtime.preview('alloy')).rejects.toMatchObject({ message: expect.stringMatching(/Settings → Account/) });
    await expect(env.services.agents.ask({ query: 'hello', pattern: 'handoffs' }, caller)).rejects.toMatchObject({ message: expect.stringMatching(/Settings → Account/) });
    const home = await env.services.desktop.homeSetup.test({ url: `${recorderUrl}/`, token: null });
    expect(home).toMatchObject({ ok: false, message: expect.stringMatching(/Test connection/) });
    expect(leaked()).toEqual([]);
  });

  it('sends the key to a new host once it was checked there (so the recorder would see a leak)', async () => {
    env.services.settings.update({ provider: { kind: 'openai', baseUrl: `${recorderUrl}/v1` } });
    const check = await env.services.secrets.setOpenAIKey({ key: OPENAI_KEY, provider: { kind: 'openai', baseUrl: `${recorderUrl}/v1` } });
    expect(check.outcome).toBe('saved');
    seen = [];
    await env.services.realtime.preview('alloy').catch(() => undefined);
    expect(seen.map((r) => r.path)).toContain('/v1/audio/speech');
    expect(leaked().map((r) => r.path)).toContain('/v1/audio/speech');
  });

  it('a compatible server gets a key of its own, checked there, and never the OpenAI key', async () => {
    const LOCAL_KEY = 'sk-local-server-key-0123456789';
    const provider = { kind: 'openai-compatible' as const, baseUrl: `${recorderUrl}/v1` };
    expect((await env.services.secrets.setOpenAIKey({ key: LOCAL_KEY, provider })).outcome).toBe('saved');
    seen = [];
    await sendEverything();
    expect(seen.filter((r) => r.path.startsWith('/v1/')).map((r) => r.headers.authorization)).toContain(`Bearer ${LOCAL_KEY}`);
    expect(leaked()).toEqual([]);
    // The OpenAI key is still there for when the person goes back to OpenAI.
    expect(await env.services.secrets.get('openaiApiKey')).toBe(OPENAI_KEY);
    expect(await env.services.secrets.secretFor('openaiApiKey', 'https://api.openai.com/v1')).toBe(OPENAI_KEY);
  });

  it('sends the Home Assistant token to a new address once it was tested there', async () => {
    env.services.secrets.confirmOrigin('homeAssistantToken', `${recorderUrl}/`);
    await env.services.desktop.homeSetup.test({ url: `${recorderUrl}/`, token: null });
    expect(leaked().length).toBeGreaterThan(0);
  });
});
