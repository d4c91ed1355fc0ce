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

export function errorBody(spec: ErrorSpec): OpenAIErrorBody {
  const d = defaultsFor(spec.status);
  return {
    error: { message: spec.message ?? d.message, type: spec.type ?? d.type, param: null, code: spec.code ?? d.code },
  };
}

export function sendError(res: ServerResponse, spec: ErrorSpec): void {
  const headers: Record<string, string> = {};
  if (spec.retryAfterSeconds !== undefined) headers['retry-after'] = String(spec.retryAfterSeconds);
  else if (spec.status === 429) headers['retry-after'] = '1';
  sendJson(res, spec.status, errorBody(spec), headers);
}
