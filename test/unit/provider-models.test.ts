/**
 * models:list (issue #12): main asks the provider in use for its models with the stored
 * key, against the fake OpenAI's GET /v1/models (as OpenAI's API reference documents it),
 * and says plainly why when it cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProviderModels } from '../../electron/main/services/models/provider-models';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DEFAULT_VALID_KEY, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { REFUSED_PORT } from '../support/refused-port';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ models: ['gpt-5.6-luna', 'gpt-realtime-2.1', 'gpt-4.1'] });
});
afterAll(() => fake.close());

const compatible = (baseUrl: string): Settings => ({ ...DEFAULT_SETTINGS, provider: { kind: 'openai-compatible', baseUrl } });
const list = (settings: Settings, key: string | null) => listProviderModels({ settings: { get: () => settings }, getApiKey: async () => key, fetch, timeoutMs: 5000 });

describe('listing the provider’s models', () => {
  it('lists the ids the provider returns, sorted, asking with the stored key', async () => {
    expect(await list(compatible(fake.url), DEFAULT_VALID_KEY)).toEqual({ models: ['gpt-4.1', 'gpt-5.6-luna', 'gpt-realtime-2.1'] });
    const asked = fake.requests.filter((r) => r.path === '/v1/models').at(-1)!;
    expect(asked.method).toBe('GET');
    expect(asked.headers['authorization']).toBe(`Bearer ${DEFAULT_VALID_KEY}`);
  });

  it('says the key was refused when the provider answers 401', async () => {
    await expect(list(compatible(fake.url), 'sk-wrong-key-abcd')).rejects.toMatchObject({ code: 'models_key_rejected', message: expect.stringMatching(/refused the API key/) });
  });

  it('says the server could not be reached, naming it', async () => {
    await expect(list(compatible(`http://127.0.0.1:${REFUSED_PORT}/v1`), null)).rejects.toMatchObject({
      code: 'models_unreachable',
      message: expect.stringContaining(`127.0.0.1:${REFUSED_PORT}`),
    });
  });

  it('does not ask OpenAI at all without a key', async () => {
    const before = fake.requests.length;
    await expect(list(DEFAULT_SETTINGS, null)).rejects.toMatchObject({ code: 'no_api_key', message: expect.stringMatching(/Settings → Account/) });
    expect(fake.requests.length).toBe(before);
  });
});
