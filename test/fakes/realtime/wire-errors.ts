// Error shapes in the real API's wording: HTTP bodies (with `param`) and `error` events.
import { z } from 'zod';
import { newId } from './ids.ts';
import type { ServerEvent } from './transport.ts';

export type WireError = { type: string; code: string | null; message: string; param: string | null };

/** Turns the first zod issue into the error OpenAI would send for the same mistake. */
export function wireErrorFromZod(error: z.ZodError, input: unknown, prefix = ''): WireError {
  const issue = error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const param = paramName([...(prefix ? [prefix] : []), ...path]);
  const value = valueAt(input, path);
  const fail = (code: string, message: string): WireError => ({ type: 'invalid_request_error', code, message, param });
  if (value === undefined && issue.code !== 'unrecognized_keys') {
    return fail('missing_required_parameter', `Missing required parameter: '${param}'.`);
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const unknown = paramName([...(prefix ? [prefix] : []), ...path, issue.keys[0]!]);
      return { type: 'invalid_request_error', code: 'unknown_parameter', message: `Unknown parameter: '${unknown}'.`, param: unknown };
    }
    case 'invalid_value':
      return fail('invalid_value', `Invalid value: ${show(value)}. Supported values are: ${issue.values.map((v) => `'${String(v)}'`).join(', ')}.`);
    case 'invalid_union': {
      // A discriminated union names its allowed discriminator values (zod adds `options`).
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        return fail('invalid_value', `Invalid value: ${show(value)}. Supported values are: ${options.map((v) => `'${String(v)}'`).join(', ')}.`);
      }
      return fail('invalid_value', `Invalid value for '${param}'.`);
    }
    case 'too_small':
      return fail(
        'integer_below_min_value',
        `Invalid '${param}': integer below minimum value. Expected a value >= ${String(issue.minimum)}, but got ${String(value)} instead.`,
      );
    case 'too_big':
      return fail(
        'integer_above_max_value',
        `Invalid '${param}': integer above maximum value. Expected a value <= ${String(issue.maximum)}, but got ${String(value)} instead.`,
      );
    case 'invalid_type':
      return fail('invalid_type', `Invalid type for '${param}': expected ${article(issue.expected)}, but got ${article(jsonType(value))} instead.`);
    default:
      return fail('invalid_value', `Invalid value for '${param}'.`);
  }
}

/** An `error` server event; `clientEventId` names the client event that caused it. */
export function errorEvent(error: WireError, clientEventId?: string): ServerEvent {
  return { type: 'error', event_id: newId('event'), error: { ...error, event_id: clientEventId ?? null } };
}

export const invalidRequest = (code: string | null, message: string, param: string | null = null): WireError => ({
  type: 'invalid_request_error',
  code,
  message,
  param,
});

function paramName(path: (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

const show = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  return typeof value;
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
