/**
 * The person's secrets as the rest of the app sees them: whether each is set (and its last
 * four characters), saving the OpenAI key after checking it, and clearing. Values are read
 * only by main-process code through get(); they never appear in a reply or a log line.
 */
import { OPENAI_API_BASE_URL, providerKeyName, SECRET_NAMES, type ProviderKind, type SecretName } from '@shared/domain';
import {
  SetOpenAIKeyRequestSchema,
  type SecretStorageKind,
  type SecretsStatus,
  type SetOpenAIKeyRequest,
  type SetOpenAIKeyResponse,
} from '@shared/ipc/contract';
import { ProviderSettingsSchema, type Settings } from '@shared/settings';
import { describeZodError, UserFacingError } from '../../errors';
import { tr } from '../../i18n';
import type { Logger } from '../../logger';
import type { SettingsService } from '../settings/settings-service';
import { checkOpenAIKey } from './openai-key-check';
import { originOf, SecretOrigins } from './secret-origins';
import { SecretStorageError, type SecretStore } from './secret-store';
import { NO_SECRET_STORAGE_MESSAGE } from './unavailable-secret-store';

/** Shorter secrets get no hint: four characters of a short token give too much of it away. */
const MIN_LENGTH_FOR_HINT = 12;

/** A bearer token is one run of visible ASCII; anything else is a copy-paste accident. */
const KEY_SHAPE = /^[\x21-\x7e]+$/;

const STORAGE_MESSAGES: Record<SecretStorageKind, string> = {
  keychain: 'Secrets are kept in the system keychain.',
  'encrypted-file': "Secrets are kept in a file encrypted with your system's encryption service.",
  'plaintext-file':
    'This system has no keyring, so secrets can only be kept unencrypted in a file that your user account can read.',
  none: NO_SECRET_STORAGE_MESSAGE,
};

/** keytar loaded but the keyring did not answer at start-up (no Secret Service running): say so, and what to do. */
const KEYRING_DID_NOT_ANSWER = 'The system keyring did not answer when FROK started';
const KEYRING_FIX =
  'To keep secrets in the keyring instead, install and unlock GNOME Keyring or KWallet, then restart FROK and enter your key again.';
const FALLBACK_STORAGE_MESSAGES: Record<SecretStorageKind, string> = {
  keychain: STORAGE_MESSAGES.keychain,
  'encrypted-file': `${KEYRING_DID_NOT_ANSWER}, so secrets are kept in a file encrypted with your system's encryption service. ${KEYRING_FIX}`,
  'plaintext-file': `${KEYRING_DID_NOT_ANSWER}, so secrets can only be kept unencrypted in a file that your user account can read. ${KEYRING_FIX}`,
  none: `${KEYRING_DID_NOT_ANSWER}, and this system offers no encryption service, so FROK cannot keep secrets. Install and unlock GNOME Keyring or KWallet, then restart FROK.`,
};

/** The sentence for Settings about where secrets are kept (SecretsStatus.storage.message). */
export function storageMessage(store: Pick<SecretStore, 'kind' | 'fallback'>): string {
  return store.fallback === 'keychain-not-answering' ? FALLBACK_STORAGE_MESSAGES[store.kind] : STORAGE_MESSAGES[store.kind];
}

const SAVED_MESSAGES: Record<SecretStorageKind, string> = {
  keychain: 'Key saved in the system keychain.',
  'encrypted-file': 'Key saved in an encrypted file.',
  'plaintext-file': 'Key saved, unencrypted, in a file only your user account can read.',
  none: 'Key saved.',
};

export class SecretsService {
  private readonly store: SecretStore;
  private readonly settings: SettingsService;
  private readonly fetch: typeof fetch;
  private readonly log: Logger;
  private readonly checkTimeoutMs: number | undefined;
  private readonly origins: SecretOrigins;

  constructor(deps: { store: SecretStore; settings: SettingsService; fetch: typeof fetch; log: Logger; checkTimeoutMs?: number; originsFile?: string }) {
    this.store = deps.store;
    this.origins = new SecretOrigins(deps.originsFile ?? null, () => ({ homeAssistantUrl: deps.settings.get().homeAssistant.url }));
    this.settings = deps.settings;
    this.fetch = deps.fetch;
    this.log = deps.log;
    this.checkTimeoutMs = deps.checkTimeoutMs;
  }

  /** For main-process code only (agents, client secrets): never pass the value to the renderer. */
  get(name: SecretName): Promise<string | null> {
    return this.store.get(name);
  }

  /**
   * The secret, only if it was confirmed (key check, connection test) for targetUrl's origin;
   * null when none is stored. A stored secret confirmed elsewhere is never handed out.
   */
  async secretFor(name: SecretName, targetUrl: string | null): Promise<string | null> {
    const value = await this.store.get(name);
    if (!value) return null;
    const target = originOf(targetUrl);
    if (target !== null && target === this.origins.get(name)) return value;
    const where = target ?? String(targetUrl);
    throw new UserFacingError(
      name === 'homeAssistantToken' ? 'home_not_configured' : 'no_api_key',
      name === 'homeAssistantToken'
        ? tr('errors:secrets.tokenNotTested', { where })
        : tr('errors:secrets.keyNotChecked', { where }),
    );
  }

  /** Records that a secret was confirmed at url (the person tested it there). */
  confirmOrigin(name: SecretName, url: string | null): void {
    this.origins.set(name, url);
  }

  async status(): Promise<SecretsStatus> {
    let problem = null as string | null;
    const summarize = async (name: SecretName) => {
      try {
        const value = await this.store.get(name);
        if (!value) return { set: false, last4: null };
        return { set: true, last4: value.length >= MIN_LENGTH_FOR_HINT ? value.slice(-4) : null };
      } catch (err) {
        problem = storageErrorMessage(err);
        this.log.warn('could not read a secret', { name, problem });
        return { set: false, last4: null };
      }
    };
    const summaries = await Promise.all(SECRET_NAMES.map(async (name) => [name, await summarize(name)] as const));
    const byName = Object.fromEntries(summaries) as Record<SecretName, { set: boolean; last4: string | null }>;
    const { kind } = this.store;
    return {
      openaiApiKey: byName.openaiApiKey,
      compatibleApiKey: byName.compatibleApiKey,
      homeAssistantToken: byName.homeAssistantToken,
      storage: { kind, needsPlaintextConsent: kind === 'plaintext-file', message: problem ?? storageMessage(this.store) },
    };
  }

  async setOpenAIKey(request: SetOpenAIKeyRequest): Promise<SetOpenAIKeyResponse> {
    const { key, provider, allowPlaintextStorage } = parseRequest(request);
    const target = provider ?? this.settings.get().provider;
    checkKeyShape(key, target.kind);
    const baseUrl = (target.baseUrl ?? OPENAI_API_BASE_URL).replace(/\/+$/, '');

    const check = await checkOpenAIKey({ baseUrl, key, fetch: this.fetch, timeoutMs: this.checkTimeoutMs });
    this.log.info('checked an API key', { outcome: check.outcome });
    if (check.outcome !== 'valid') return { outcome: check.outcome, message: check.message, status: await this.status() };

    if (key && this.store.kind === 'plaintext-file' && !allowPlaintextStorage) {
      return {
        outcome: 'needs_plaintext_consent',
        message:
          'The key works, but this system has no keyring, so FROK can only keep it unencrypted in a file that anything running as your user account can read. ' +
          'Agree to store it that way, or install and unlock GNOME Keyring or KWallet and restart FROK.',
        status: await this.status(),
      };
    }

    // The OpenAI key and a compatible server's key are kept apart: checking one never
    // replaces (or, for a server that needs none, deletes) the other.
    const name = providerKeyName(target.kind);
    try {
      if (key) await this.store.set(name, key);
      else await this.store.delete(name);
      this.origins.set(name, key ? baseUrl : null);
    } catch (err) {
      this.log.error('could not store the API key', storageErrorMessage(err));
      throw new UserFacingError('secret_storage_failed', storageErrorMessage(err));
    }
    this.settings.update(provider ? { provider, onboarded: true } : { onboarded: true });

    const saved = key ? SAVED_MESSAGES[this.store.kind] : 'This server needs no key, so none is stored.';
    return { outcome: 'saved', message: `${check.message} ${saved}`, status: await this.status() };
  }

  /** Stores the Home Assistant token (home:configure tests it first). */
  async setHomeAssistantToken(token: string, testedUrl?: string | null): Promise<void> {
    const value = token.trim();
    if (!KEY_SHAPE.test(value)) {
      throw new UserFacingError('invalid_request', tr('errors:secrets.tokenShape'));
    }
    try {
      await this.store.set('homeAssistantToken', value);
      if (testedUrl !== undefined) this.origins.set('homeAssistantToken', testedUrl);
    } catch (err) {
      this.log.error('could not store the Home Assistant token', storageErrorMessage(err));
      throw new UserFacingError('secret_storage_failed', storageErrorMessage(err));
    }
  }

  async clear(name: SecretName): Promise<SecretsStatus> {
    try {
      await this.store.delete(name);
    } catch (err) {
      this.log.error('could not delete a secret', { name, problem: storageErrorMessage(err) });
      throw new UserFacingError('secret_storage_failed', storageErrorMessage(err));
    }
    // Without a key FROK cannot talk to OpenAI, so onboarding shows again (a compatible
    // server may need no key, so removing its key leaves FROK set up).
    if (name === 'openaiApiKey' && this.settings.get().provider.kind === 'openai') this.settings.update({ onboarded: false });
    return this.status();
  }
}

/** Validates the request, including that its provider is one the settings will accept. */
function parseRequest(request: SetOpenAIKeyRequest): {
  key: string;
  provider: Settings['provider'] | undefined;
  allowPlaintextStorage: boolean;
} {
  const parsed = SetOpenAIKeyRequestSchema.safeParse(request);
  if (!parsed.success) throw invalidRequest(describeZodError(parsed.error));
  const { key, allowPlaintextStorage = false } = parsed.data;

  let provider: Settings['provider'] | undefined;
  if (parsed.data.provider) {
    const baseUrl = parsed.data.provider.baseUrl || null;
    if (parsed.data.provider.kind === 'openai-compatible' && !baseUrl) {
      throw invalidRequest(tr('errors:secrets.needsBaseUrl'));
    }
    const checked = ProviderSettingsSchema.safeParse({ kind: parsed.data.provider.kind, baseUrl });
    if (!checked.success) throw invalidRequest(tr('errors:secrets.badBaseUrl', { reason: describeZodError(checked.error).replace(/^baseUrl: /, '') }));
    provider = checked.data;
  }

  return { key, provider, allowPlaintextStorage };
}

/** OpenAI always needs a key; a compatible server may need none. */
function checkKeyShape(key: string, kind: ProviderKind): void {
  if (!key && kind === 'openai') throw invalidRequest(tr('errors:secrets.pasteKey'));
  if (key && !KEY_SHAPE.test(key)) {
    throw invalidRequest(tr('errors:secrets.keyShape'));
  }
}

function invalidRequest(reason: string): UserFacingError {
  return new UserFacingError('invalid_request', tr('errors:secrets.keyNotSaved', { reason }));
}

function storageErrorMessage(err: unknown): string {
  if (err instanceof SecretStorageError) return err.message;
  return tr('errors:secrets.storageUnreachable', { detail: err instanceof Error ? err.message : String(err) });
}
