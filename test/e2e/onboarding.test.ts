/**
 * First run, end to end: the real renderer in Chromium, the real handlers and services,
 * the real OS keychain (gnome-keyring through keytar) and a fake OpenAI on 127.0.0.1.
 * Needs `npx electron-vite build` and a D-Bus session with an unlocked keyring (see
 * test/harness/README.md).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VALID_KEY, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { readKeychain, startHarness, type Harness, type StartHarnessOptions } from '../harness';
import { REFUSED_PORT } from '../support/refused-port';
import { INTERNAL_SECRET_NAMES } from '../../shared/domain';
import { SHIPPED_PRICES } from '../../shared/prices';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const UI_TIMEOUT = { timeout: 10_000 };

let fake: FakeOpenAI | null = null;
let harness: Harness | null = null;

afterEach(async () => {
  const h = harness;
  harness = null;
  await fake?.close();
  fake = null;
  // Last, so a page error fails the test only after everything is released.
  await h?.stop();
  // A test run leaves nothing behind in the person's keychain.
  if (h) expect(await readKeychain(h.keychainService)).toEqual([]);
});

/** What onboarding put in the keychain: the person's credentials, not FROK's own data key. */
async function savedCredentials(service: string): Promise<Array<{ account: string; password: string }>> {
  const internal: readonly string[] = INTERNAL_SECRET_NAMES;
  return (await readKeychain(service)).filter((entry) => !internal.includes(entry.account));
}

async function open(options: StartHarnessOptions = {}): Promise<Harness> {
  fake ??= await startFakeOpenAI();
  harness = await startHarness({ openaiBaseUrl: fake.url, ...options });
  await harness.page.getByTestId('onboarding').waitFor(UI_TIMEOUT);
  return harness;
}

async function submitKey(h: Harness, key: string): Promise<void> {
  await h.page.getByTestId('onboarding-key').fill(key);
  await h.page.getByTestId('onboarding-submit').click();
}

async function keyStatusInSettings(h: Harness): Promise<string> {
  await h.page.getByTestId('nav-settings').click();
  const status = h.page.getByTestId('settings-key-status');
  await status.waitFor(UI_TIMEOUT);
  return (await status.textContent()) ?? '';
}

describe('onboarding', () => {
  it('says in one sentence that OpenAI bills API use apart from ChatGPT, with what a question and a minute of voice cost', async () => {
    const h = await open();
    const sentence = (await h.page.getByTestId('onboarding-billing').textContent()) ?? '';
    expect(sentence).toMatch(/^OpenAI bills API use separately from a ChatGPT Plus or Pro subscription/);
    // Worked out from the shipped prices: ~2,000 tokens in and 500 out for a question; a minute of voice at the audio rates.
    const money = (usd: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 }).format(usd);
    const text = SHIPPED_PRICES[DEFAULT_SETTINGS.models.text]!;
    const voice = SHIPPED_PRICES[DEFAULT_SETTINGS.models.realtime]!;
    const question = (2000 * text.inputPerMillionUsd + 500 * text.outputPerMillionUsd) / 1e6;
    const minute = (600 * voice.inputPerMillionUsd + 600 * voice.outputPerMillionUsd) / 1e6;
    expect(sentence).toContain(`a typical question costs about ${money(question)}, and a minute of voice about ${money(minute)}.`);
    // One sentence, seen before the key is asked for.
    expect(sentence.split(/\.\s/)).toHaveLength(1);
  });

  it('accepts a valid OpenAI key: keeps it in the OS keychain only and opens the app', async () => {
    const h = await open();
    await submitKey(h, DEFAULT_VALID_KEY);
    await h.page.getByTestId('app-shell').waitFor(UI_TIMEOUT);

    // The key was checked with "OpenAI" (the fake) using exactly what was typed.
    const checks = fake!.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models');
    expect(checks.map((r) => r.headers.authorization)).toEqual([`Bearer ${DEFAULT_VALID_KEY}`]);

    // Where it lives: the real keychain, under this run's service name — and nowhere else.
    expect(await savedCredentials(h.keychainService)).toEqual([{ account: 'openaiApiKey', password: DEFAULT_VALID_KEY }]);
    const settingsFile = readFileSync(h.settingsPath, 'utf8');
    expect(settingsFile).not.toContain(DEFAULT_VALID_KEY);
    expect(JSON.parse(settingsFile)).toMatchObject({ onboarded: true, provider: { kind: 'openai', baseUrl: null } });
    expect(h.sentToRenderer()).not.toContain(DEFAULT_VALID_KEY);
    expect(JSON.stringify(h.log.lines)).not.toContain(DEFAULT_VALID_KEY);

    expect(await keyStatusInSettings(h)).toContain('ending in 1234');
  });

  it('shows why a rejected key was refused and keeps what was typed', async () => {
    const h = await open();
    const typed = 'sk-revoked-key-000000009999';
    await submitKey(h, typed);

    const message = h.page.getByTestId('onboarding-message');
    await message.waitFor(UI_TIMEOUT);
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.textContent()).toContain('OpenAI rejected this API key');
    expect(await h.page.getByTestId('onboarding-key').inputValue()).toBe(typed);
    expect(await h.page.getByTestId('app-shell').count()).toBe(0);
    expect(await savedCredentials(h.keychainService)).toEqual([]);
    expect(JSON.parse(readFileSync(h.settingsPath, 'utf8'))).toMatchObject({ onboarded: false });
  });

  it('says when OpenAI cannot be reached', async () => {
    const port = REFUSED_PORT;
    const h = await open({ openaiBaseUrl: `http://127.0.0.1:${port}/v1` });
    await submitKey(h, DEFAULT_VALID_KEY);

    const message = h.page.getByTestId('onboarding-message');
    await message.waitFor(UI_TIMEOUT);
    expect(await message.textContent()).toMatch(/Couldn't reach api\.openai\.com \(connection refused/);
    expect(await h.page.getByTestId('onboarding-key').inputValue()).toBe(DEFAULT_VALID_KEY);
    expect(await savedCredentials(h.keychainService)).toEqual([]);
  });

  it('says when a self-hosted server at a typed base URL cannot be reached', async () => {
    const h = await open();
    const baseUrl = `http://127.0.0.1:${REFUSED_PORT}/v1`;
    await h.page.getByTestId('onboarding-provider-compatible').check();
    await h.page.getByTestId('onboarding-base-url').fill(baseUrl);
    await submitKey(h, 'local-key-123456789');

    const message = h.page.getByTestId('onboarding-message');
    await message.waitFor(UI_TIMEOUT);
    expect(await message.textContent()).toContain(`Couldn't reach ${new URL(baseUrl).host}`);
    expect(await h.page.getByTestId('onboarding-base-url').inputValue()).toBe(baseUrl);
    expect(await h.page.getByTestId('onboarding-key').inputValue()).toBe('local-key-123456789');
  });

  it('remembers the key across a restart and skips onboarding', async () => {
    const h = await open();
    await submitKey(h, DEFAULT_VALID_KEY);
    await h.page.getByTestId('app-shell').waitFor(UI_TIMEOUT);
    const before = h.services;

    await h.restart();
    expect(h.services).not.toBe(before);
    await h.page.getByTestId('app-shell').waitFor(UI_TIMEOUT);
    expect(await h.page.getByTestId('onboarding').count()).toBe(0);
    expect(await keyStatusInSettings(h)).toContain('ending in 1234');
  });

  it('accepts an OpenAI-compatible server that needs no key', async () => {
    fake = await startFakeOpenAI({ requireAuth: false });
    const h = await open();
    await h.page.getByTestId('onboarding-provider-compatible').check();
    await h.page.getByTestId('onboarding-base-url').fill(fake.url);
    await h.page.getByTestId('onboarding-submit').click();
    await h.page.getByTestId('app-shell').waitFor(UI_TIMEOUT);

    const checks = fake.requests.filter((r) => r.path === '/v1/models');
    expect(checks).toHaveLength(1);
    expect(checks[0]!.headers.authorization).toBeUndefined();
    expect(await savedCredentials(h.keychainService)).toEqual([]);
    expect(JSON.parse(readFileSync(h.settingsPath, 'utf8'))).toMatchObject({
      onboarded: true,
      provider: { kind: 'openai-compatible', baseUrl: fake.url },
    });
    expect(await keyStatusInSettings(h)).toContain('No API key');
  });
});
