import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import { createMemoryLogger } from '../../electron/main/logger';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../electron/main/services/secrets/file-secret-store';
import { SecretStorageError, type SecretStore } from '../../electron/main/services/secrets/secret-store';
import { SecretsService } from '../../electron/main/services/secrets/secrets-service';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { SettingsService } from '../../electron/main/services/settings/settings-service';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';

const GOOD_KEY = 'sk-proj-GoodKey0123456789abcdefWXYZ';
const BAD_KEY = 'sk-proj-Revoked0123456789abcdefQRST';

/** An OpenAI-shaped /v1/models on 127.0.0.1 that accepts GOOD_KEY, or any key when `open`. */
let server: Server;
let baseUrl: string;
let requests: { authorization: string | undefined }[];
let failWith500 = false;
beforeEach(async () => {
  requests = [];
  failWith500 = false;
  server = createServer((req, res) => {
    requests.push({ authorization: req.headers.authorization });
    if (failWith500) return res.writeHead(500).end();
    const open = req.url?.startsWith('/open/');
    if (!open && req.headers.authorization !== `Bearer ${GOOD_KEY}`) return res.writeHead(401).end('{"error":{"message":"Incorrect API key"}}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-5.6-luna' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frok-secrets-service-'));
});
afterEach(async () => {
  await new Promise((r) => server.close(r).closeAllConnections());
  rmSync(dir, { recursive: true, force: true });
});

const xorSafeStorage = (backend = 'gnome_libsecret'): SafeStorageLike => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x33)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x33)).toString('utf8'),
});

function setup(store?: SecretStore) {
  const log = createMemoryLogger();
  const settings = new SettingsService(openConfSettingsStorage(dir, createNodeConfStore), log);
  const secretStore = store ?? createSafeStorageSecretStore(join(dir, 'secrets.json'), xorSafeStorage());
  const secrets = new SecretsService({ store: secretStore, settings, fetch, log, checkTimeoutMs: 2000 });
  /** Everything the service said or logged, to prove no secret leaks into it. */
  const everythingSaid = (...replies: unknown[]) => JSON.stringify([log.lines, replies]);
  return { settings, secrets, store: secretStore, log, everythingSaid };
}

const openai = () => ({ kind: 'openai' as const, baseUrl });

describe('setOpenAIKey', () => {
  it('checks the key, keeps it encrypted, finishes onboarding and shows only the last four characters', async () => {
    const { secrets, settings, everythingSaid } = setup();
    const reply = await secrets.setOpenAIKey({ key: `  ${GOOD_KEY} `, provider: openai() });

    expect(reply.outcome).toBe('saved');
    expect(reply.message).toBe('The server at ' + new URL(baseUrl).host + ' accepted the key. Key saved in an encrypted file.');
    expect(reply.status.openaiApiKey).toEqual({ set: true, last4: 'WXYZ' });
    expect(reply.status.storage).toMatchObject({ kind: 'encrypted-file', needsPlaintextConsent: false });
    expect(requests).toEqual([{ authorization: `Bearer ${GOOD_KEY}` }]);
    expect(await secrets.get('openaiApiKey')).toBe(GOOD_KEY);
    expect(settings.get()).toMatchObject({ onboarded: true, provider: { kind: 'openai', baseUrl } });

    const status = await secrets.status();
    expect(everythingSaid(reply, status)).not.toContain(GOOD_KEY);
    expect(everythingSaid(reply, status)).not.toContain(GOOD_KEY.slice(0, -4));
  });

  it('stores nothing and changes no settings when the key is rejected', async () => {
    const { secrets, settings, everythingSaid } = setup();
    const reply = await secrets.setOpenAIKey({ key: BAD_KEY, provider: openai() });
    expect(reply.outcome).toBe('rejected');
    expect(reply.status.openaiApiKey).toEqual({ set: false, last4: null });
    expect(await secrets.get('openaiApiKey')).toBeNull();
    expect(settings.get().onboarded).toBe(false);
    expect(settings.get().provider.baseUrl).toBeNull();
    expect(everythingSaid(reply)).not.toContain(BAD_KEY);
  });

  it('stores nothing when the server cannot be used right now', async () => {
    const { secrets, settings } = setup();
    failWith500 = true;
    const reply = await secrets.setOpenAIKey({ key: GOOD_KEY, provider: openai() });
    expect(reply.outcome).toBe('unreachable');
    expect(reply.message).toContain('server error 500');
    expect(await secrets.get('openaiApiKey')).toBeNull();
    expect(settings.get().onboarded).toBe(false);
  });

  it('uses the base URL already in settings when the request names no provider', async () => {
    const { secrets, settings } = setup();
    settings.update({ provider: { kind: 'openai-compatible', baseUrl } });
    const reply = await secrets.setOpenAIKey({ key: GOOD_KEY });
    expect(reply.outcome).toBe('saved');
    expect(requests).toHaveLength(1);
    expect(settings.get().provider).toEqual({ kind: 'openai-compatible', baseUrl });
  });

  it('asks before keeping a key in a plain file, then keeps it once the person agrees', async () => {
    const { secrets, settings, everythingSaid } = setup(createSafeStorageSecretStore(join(dir, 'secrets.json'), xorSafeStorage('basic_text')));
    const asked = await secrets.setOpenAIKey({ key: GOOD_KEY, provider: openai() });
    expect(asked.outcome).toBe('needs_plaintext_consent');
    expect(asked.message).toMatch(/no keyring.*unencrypted/);
    expect(asked.status.storage).toMatchObject({ kind: 'plaintext-file', needsPlaintextConsent: true });
    expect(await secrets.get('openaiApiKey')).toBeNull();
    expect(settings.get().onboarded).toBe(false);

    const agreed = await secrets.setOpenAIKey({ key: GOOD_KEY, provider: openai(), allowPlaintextStorage: true });
    expect(agreed.outcome).toBe('saved');
    expect(await secrets.get('openaiApiKey')).toBe(GOOD_KEY);
    expect(settings.get().onboarded).toBe(true);
    expect(everythingSaid(asked, agreed)).not.toContain(GOOD_KEY);
  });

  it("connects to a compatible server that needs no key, dropping that server's old key and keeping the OpenAI key", async () => {
    const { secrets, settings } = setup();
    await secrets.setOpenAIKey({ key: GOOD_KEY, provider: openai() });
    const local = { kind: 'openai-compatible' as const, baseUrl: baseUrl.replace('/v1', '/open/v1') };
    await secrets.setOpenAIKey({ key: `${GOOD_KEY}-local`, provider: local });
    expect((await secrets.status()).compatibleApiKey.set).toBe(true);

    const reply = await secrets.setOpenAIKey({ key: '', provider: local });
    expect(reply.outcome).toBe('saved');
    expect(requests.at(-1)).toEqual({ authorization: undefined });
    expect(reply.status.compatibleApiKey.set).toBe(false);
    expect(reply.status.openaiApiKey).toEqual({ set: true, last4: 'WXYZ' });
    expect(await secrets.get('openaiApiKey')).toBe(GOOD_KEY);
    expect(settings.get().provider).toEqual(local);
  });

  it("keeps a compatible server's key apart from the OpenAI key, each sent only where it was checked", async () => {
    const { secrets, settings } = setup();
    await secrets.setOpenAIKey({ key: GOOD_KEY, provider: openai() });
    const compatible = { kind: 'openai-compatible' as const, baseUrl: baseUrl.replace('/v1', '/open/v1') };
    const reply = await secrets.setOpenAIKey({ key: `${GOOD_KEY}-local`, provider: compatible });
    expect(reply.outcome).toBe('saved');
    expect(reply.status.openaiApiKey).toEqual({ set: true, last4: 'WXYZ' });
    expect(reply.status.compatibleApiKey).toEqual({ set: true, last4: 'ocal' });
    expect(await secrets.secretFor('compatibleApiKey', compatible.baseUrl)).toBe(`${GOOD_KEY}-local`);
    expect(await secrets.secretFor('openaiApiKey', openai().baseUrl)).toBe(GOOD_KEY);
    // Neither key goes to the other's server.
    await expect(secrets.secretFor('compatibleApiKey', 'https://api.openai.com/v1')).rejects.toThrow(/was not checked with/);
    // Removing the compatible key while using that server leaves FROK set up.
    await secrets.clear('compatibleApiKey');
    expect(settings.get().onboarded).toBe(true);
    expect(await secrets.get('openaiApiKey')).toBe(GOOD_KEY);
  });

  it.each([
    ['an empty key for OpenAI', { key: '  ', provider: { kind: 'openai' as const, baseUrl: null } }, /paste your OpenAI API key/],
    ['a key with a space inside', { key: 'sk-abc def', provider: { kind: 'openai' as const, baseUrl: null } }, /no spaces/],
    ['a compatible server without a base URL', { key: '', provider: { kind: 'openai-compatible' as const, baseUrl: '' } }, /needs its base URL/],
    ['a base URL that is not http', { key: 'x', provider: { kind: 'openai-compatible' as const, baseUrl: 'ftp://host/v1' } }, /http/],
  ])('refuses %s before contacting anything', async (_, request, message) => {
    const { secrets, settings } = setup();
    const error = await secrets.setOpenAIKey(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('invalid_request');
    expect((error as UserFacingError).message).toMatch(message);
    expect(requests).toEqual([]);
    expect(settings.get().onboarded).toBe(false);
  });

  it('reports a storage failure in the storage’s own words and leaves settings alone', async () => {
    const locked: SecretStore = {
      kind: 'keychain',
      get: async () => null,
      set: async () => {
        throw new SecretStorageError('The system keychain is locked or unavailable (Cannot create an item in a locked collection). Unlock it and try again.');
      },
      delete: async () => {},
    };
    const { secrets, settings } = setup(locked);
    const error = await secrets.setOpenAIKey({ key: GOOD_KEY, provider: openai() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'secret_storage_failed', message: expect.stringContaining('locked collection') });
    expect(settings.get().onboarded).toBe(false);
    expect(settings.get().provider.baseUrl).toBeNull();
  });
});

describe('status', () => {
  it('reports a keychain it cannot read as "not set" with the reason, instead of failing', async () => {
    const broken: SecretStore = {
      kind: 'keychain',
      get: async () => {
        throw new SecretStorageError('The system keychain is locked or unavailable (no Secret Service). Unlock it and try again.');
      },
      set: async () => {},
      delete: async () => {},
    };
    const status = await setup(broken).secrets.status();
    expect(status.openaiApiKey).toEqual({ set: false, last4: null });
    expect(status.storage).toEqual({
      kind: 'keychain',
      needsPlaintextConsent: false,
      message: 'The system keychain is locked or unavailable (no Secret Service). Unlock it and try again.',
    });
  });

  it('does not hint at a secret too short for four characters to be safe to show', async () => {
    const { secrets, store } = setup();
    await store.set('homeAssistantToken', 'short123');
    expect((await secrets.status()).homeAssistantToken).toEqual({ set: true, last4: null });
  });
});

describe('clear', () => {
  it('forgets the OpenAI key and shows onboarding again; clearing the Home Assistant token does not', async () => {
    const { secrets, settings, store } = setup();
    await secrets.setOpenAIKey({ key: GOOD_KEY, provider: openai() });
    await store.set('homeAssistantToken', 'ha-long-lived-token-abcdefgh');

    const afterHa = await secrets.clear('homeAssistantToken');
    expect(afterHa.homeAssistantToken.set).toBe(false);
    expect(afterHa.openaiApiKey.set).toBe(true);
    expect(settings.get().onboarded).toBe(true);

    const afterKey = await secrets.clear('openaiApiKey');
    expect(afterKey.openaiApiKey).toEqual({ set: false, last4: null });
    expect(await secrets.get('openaiApiKey')).toBeNull();
    expect(settings.get().onboarded).toBe(false);
  });
});
