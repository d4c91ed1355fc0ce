// OpenAI-shaped error bodies, so SDK error classes and messages match production.
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';

export type OpenAIErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

export type ErrorSpec = {
  status: number;
  message?: string;
  type?: string;
  code?: string;
  retryAfterSeconds?: number;
};

/** What OpenAI says for each status when the test does not choose its own wording. */
function defaultsFor(status: number): { message: string; type: string; code: string | null } {
  if (status === 401) return { message: 'Invalid authentication.', type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status === 403) return { message: 'You are not allowed to sample from this model.', type: 'invalid_request_error', code: null };
  if (status === 404) return { message: 'Not found.', type: 'invalid_request_error', code: null };
  if (status === 429) {
    return { message: 'Rate limit reached for requests. Please try again in 1s.', type: 'requests', code: 'rate_limit_exceeded' };
  }
  if (status === 400) return { message: 'Bad request.', type: 'invalid_request_error', code: null };
  return { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null };
}

/**
 * What OpenAI answers every model call with when the account has no credit (a new key on
 * an account nobody has paid into): HTTP 429 like a rate limit, told apart only by its
 * type and code. The body is as people report it (OpenAI's error-codes guide names the
 * error, not its JSON); that it carries no retry-after is our assumption.
 */
export const NO_CREDIT_ERROR = {
  status: 429,
  message:
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
  type: 'insufficient_quota',
  code: 'insufficient_quota',
} as const satisfies ErrorSpec;

export function errorBody(spec: ErrorSpec): OpenAIErrorBody {
  const d = defaultsFor(spec.status);
  return {
    error: { message: spec.message ?? d.message, type: spec.type ?? d.type, param: null, code: spec.code ?? d.code },
  };
}

export function sendError(res: ServerResponse, spec: ErrorSpec): void {
  const headers: Record<string, string> = {};
  if (spec.retryAfterSeconds !== undefined) headers['retry-after'] = String(spec.retryAfterSeconds);
  else if (spec.status === 429 && spec.type !== 'insufficient_quota') headers['retry-after'] = '1';
  sendJson(res, spec.status, errorBody(spec), headers);
}
