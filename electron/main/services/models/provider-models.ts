/**
 * The models the configured provider offers (`GET {baseUrl}/models` through the `openai`
 * client), for Settings' model pickers. The key stays here in main: the window gets names only.
 */
import OpenAI from 'openai';
import { OPENAI_API_BASE_URL } from '@shared/domain';
import type { Settings } from '@shared/settings';
import { UserFacingError } from '../../errors';
import { tr } from '../../i18n';

export interface ProviderModelsDeps {
  settings: { get(): Settings };
  /** The key for the provider in use (null: none stored, which a local server may not need). */
  getApiKey(): Promise<string | null>;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** More than any provider lists today; a server answering with millions of entries is cut off here. */
const MAX_MODELS = 2000;

export const MODELS_ERROR_CODES = {
  noKey: 'no_api_key',
  rejected: 'models_key_rejected',
  unreachable: 'models_unreachable',
  failed: 'models_failed',
} as const;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export async function listProviderModels(deps: ProviderModelsDeps): Promise<{ models: string[] }> {
  const { provider } = deps.settings.get();
  const baseURL = provider.baseUrl ?? OPENAI_API_BASE_URL;
  const isOpenAI = provider.kind === 'openai';
  const who = isOpenAI ? 'OpenAI' : tr('errors:keyCheck.serverAt', { host: hostOf(baseURL) });
  const apiKey = await deps.getApiKey();
  if (isOpenAI && !apiKey) {
    throw new UserFacingError(MODELS_ERROR_CODES.noKey, tr('errors:keys.missingModels'));
  }
  const client = new OpenAI({
    // Local servers often need no key, but the client insists on one.
    apiKey: apiKey || 'no-key-needed',
    baseURL,
    maxRetries: 0,
    timeout: deps.timeoutMs ?? 15_000,
    fetch: deps.fetch,
  });
  const ids = new Set<string>();
  try {
    for await (const model of client.models.list()) {
      // Names longer than a setting may hold could never be chosen; they are left out.
      const name = typeof model.id === 'string' ? model.id.trim() : '';
      if (name && name.length <= 200) ids.add(name);
      if (ids.size >= MAX_MODELS) break;
    }
  } catch (err) {
    if (err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError) {
      throw new UserFacingError(MODELS_ERROR_CODES.rejected, tr('errors:models.rejected', { who }));
    }
    if (err instanceof OpenAI.APIConnectionError) {
      throw new UserFacingError(MODELS_ERROR_CODES.unreachable, tr(isOpenAI ? 'errors:models.unreachableOpenAI' : 'errors:models.unreachable', { host: hostOf(baseURL) }));
    }
    if (err instanceof OpenAI.APIError) {
      throw new UserFacingError(MODELS_ERROR_CODES.failed, tr(isOpenAI ? 'errors:models.listFailedOpenAI' : 'errors:models.listFailed', { who, status: err.status ?? 'error' }));
    }
    throw new UserFacingError(MODELS_ERROR_CODES.failed, tr(isOpenAI ? 'errors:models.notAListOpenAI' : 'errors:models.notAList', { who }));
  }
  return { models: [...ids].sort((a, b) => a.localeCompare(b)) };
}
