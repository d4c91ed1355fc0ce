/** The API-key form's rules, kept apart from React so they can be unit-tested. */
import type { ProviderKind } from '@shared/domain';
import type { SetOpenAIKeyRequest } from '@shared/ipc/contract';
import { i18next } from './i18n';

const words = (key: string, options?: Record<string, unknown>) => i18next.t(`app:keyForm.${key}`, { example: COMPATIBLE_BASE_URL_EXAMPLE, ...options });

export interface KeyFormDraft {
  kind: ProviderKind;
  baseUrl: string;
  key: string;
}

export const COMPATIBLE_BASE_URL_EXAMPLE = 'http://localhost:11434/v1';

/** Null when the address is usable, else a sentence saying what to fix. */
export function checkBaseUrl(raw: string): string | null {
  const value = raw.trim();
  if (!value) return words('baseUrlMissing');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return words('baseUrlNotAddress', { value });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return words('baseUrlScheme');
  }
  return null;
}

/** Catches what can be caught before asking main, so a round trip is not spent on an empty field. */
export function checkKeyForm(draft: KeyFormDraft): { field: 'key' | 'baseUrl'; message: string } | null {
  if (draft.kind === 'openai-compatible') {
    const problem = checkBaseUrl(draft.baseUrl);
    return problem ? { field: 'baseUrl', message: problem } : null;
  }
  if (!draft.key.trim()) return { field: 'key', message: words('keyMissing') };
  return null;
}

export function buildKeyRequest(draft: KeyFormDraft, allowPlaintextStorage: boolean): SetOpenAIKeyRequest {
  return {
    key: draft.key.trim(),
    provider: {
      kind: draft.kind,
      baseUrl: draft.kind === 'openai-compatible' ? draft.baseUrl.trim() : null,
    },
    ...(allowPlaintextStorage ? { allowPlaintextStorage: true } : {}),
  };
}
