/** The API-key form's rules, kept apart from React so they can be unit-tested. */
import type { ProviderKind } from '@shared/domain';
import type { SetOpenAIKeyRequest } from '@shared/ipc/contract';

export interface KeyFormDraft {
  kind: ProviderKind;
  baseUrl: string;
  key: string;
}

export const COMPATIBLE_BASE_URL_EXAMPLE = 'http://localhost:11434/v1';

/** Null when the address is usable, else a sentence saying what to fix. */
export function checkBaseUrl(raw: string): string | null {
  const value = raw.trim();
  if (!value) return `Enter your server's base URL, such as ${COMPATIBLE_BASE_URL_EXAMPLE}.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a full web address. Enter one such as ${COMPATIBLE_BASE_URL_EXAMPLE}.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `The base URL must start with http:// or https://, such as ${COMPATIBLE_BASE_URL_EXAMPLE}.`;
  }
  return null;
}

/** Catches what can be caught before asking main, so a round trip is not spent on an empty field. */
export function checkKeyForm(draft: KeyFormDraft): { field: 'key' | 'baseUrl'; message: string } | null {
  if (draft.kind === 'openai-compatible') {
    const problem = checkBaseUrl(draft.baseUrl);
    return problem ? { field: 'baseUrl', message: problem } : null;
  }
  if (!draft.key.trim()) return { field: 'key', message: 'Paste your OpenAI API key. It starts with "sk-".' };
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
