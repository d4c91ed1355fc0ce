import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@shared/settings';
import type { SecretsStatus } from '@shared/ipc/contract';
import { buildKeyRequest, checkBaseUrl, checkKeyForm } from '../../renderer/src/key-form';
import { describeKeyStatus } from '../../renderer/src/key-status';
import { checkProviderDraft, draftFromSettings, patchFromDraft } from '../../renderer/src/provider-form';
import { needsOnboarding } from '../../renderer/src/startup';

const noKey = { set: false, last4: null };
const key1234 = { set: true, last4: '1234' };

describe('needsOnboarding', () => {
  it('shows onboarding until the person has finished it', () => {
    expect(needsOnboarding({ ...DEFAULT_SETTINGS, onboarded: false }, { openaiApiKey: key1234 })).toBe(true);
  });
  it('shows onboarding when OpenAI is the provider and no key is saved', () => {
    expect(needsOnboarding({ ...DEFAULT_SETTINGS, onboarded: true }, { openaiApiKey: noKey })).toBe(true);
  });
  it('lets an OpenAI-compatible server run without a key', () => {
    const settings = { onboarded: true, provider: { kind: 'openai-compatible' as const, baseUrl: 'http://localhost:11434/v1' } };
    expect(needsOnboarding(settings, { openaiApiKey: noKey })).toBe(false);
  });
  it('goes to the shell once onboarded with a key', () => {
    expect(needsOnboarding({ ...DEFAULT_SETTINGS, onboarded: true }, { openaiApiKey: key1234 })).toBe(false);
  });
});

describe('key form rules', () => {
  it('asks for a key when the provider is OpenAI', () => {
    expect(checkKeyForm({ kind: 'openai', baseUrl: '', key: '  ' })).toMatchObject({ field: 'key' });
    expect(checkKeyForm({ kind: 'openai', baseUrl: '', key: 'sk-abc' })).toBeNull();
  });
  it('makes the key optional but the base URL required for a compatible server', () => {
    expect(checkKeyForm({ kind: 'openai-compatible', baseUrl: '', key: '' })).toMatchObject({ field: 'baseUrl' });
    expect(checkKeyForm({ kind: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', key: '' })).toBeNull();
  });
  it('rejects addresses that are not http(s), saying what to type instead', () => {
    expect(checkBaseUrl('localhost:11434')).toMatch(/http:\/\/localhost:11434\/v1/);
    expect(checkBaseUrl('ftp://example.com')).toMatch(/http:\/\/ or https:\/\//);
    expect(checkBaseUrl(' https://example.com/v1 ')).toBeNull();
  });
  it('builds the request main expects, with consent only when given', () => {
    expect(buildKeyRequest({ kind: 'openai', baseUrl: 'ignored', key: ' sk-abc ' }, false)).toEqual({
      key: 'sk-abc',
      provider: { kind: 'openai', baseUrl: null },
    });
    expect(
      buildKeyRequest({ kind: 'openai-compatible', baseUrl: ' http://localhost:11434/v1 ', key: '' }, true),
    ).toEqual({
      key: '',
      provider: { kind: 'openai-compatible', baseUrl: 'http://localhost:11434/v1' },
      allowPlaintextStorage: true,
    });
  });
});

describe('key status sentence', () => {
  const storage = (kind: SecretsStatus['storage']['kind']) => ({ kind, needsPlaintextConsent: false, message: '' });
  it('names the last four characters and where the key is kept', () => {
    expect(describeKeyStatus({ openaiApiKey: key1234, compatibleApiKey: noKey, storage: storage('keychain') })).toBe(
      'API key ending in 1234 · stored in the system keychain',
    );
    expect(describeKeyStatus({ openaiApiKey: key1234, compatibleApiKey: noKey, storage: storage('plaintext-file') })).toMatch(/unencrypted/);
  });
  it('says plainly when there is no key', () => {
    expect(describeKeyStatus({ openaiApiKey: noKey, compatibleApiKey: noKey, storage: storage('keychain') })).toBe('No API key');
  });
  it("describes the key of the provider in use, not the other one's", () => {
    const both = { openaiApiKey: key1234, compatibleApiKey: noKey, storage: storage('keychain') };
    expect(describeKeyStatus(both, 'openai-compatible')).toBe('No API key');
    expect(describeKeyStatus({ ...both, openaiApiKey: noKey, compatibleApiKey: key1234 }, 'openai')).toBe('No API key');
    expect(describeKeyStatus({ ...both, compatibleApiKey: key1234 }, 'openai-compatible')).toMatch(/ending in 1234/);
  });
});

describe('provider form', () => {
  it('round-trips settings into a patch, dropping the base URL for OpenAI', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS), baseUrl: 'http://left-over', textModel: ' gpt-x ' };
    expect(patchFromDraft(draft)).toEqual({
      provider: { kind: 'openai', baseUrl: null },
      models: { text: 'gpt-x', realtime: DEFAULT_SETTINGS.models.realtime },
    });
  });
  it('requires model names and, for a compatible server, a base URL', () => {
    const draft = draftFromSettings(DEFAULT_SETTINGS);
    expect(checkProviderDraft(draft)).toBeNull();
    expect(checkProviderDraft({ ...draft, textModel: ' ' })).toMatch(/text model/);
    expect(checkProviderDraft({ ...draft, kind: 'openai-compatible', baseUrl: '' })).toMatch(/base URL/);
  });
});
