// The one list of places where the fakes follow the OpenAPI spec's own `x-oaiMeta` examples
// (what the real API sends) instead of its schema. The contract test skips exactly these:
// where a sent value at `path` equals the example's `value`, that field is taken out before
// validation (and a "required" error for it is ignored). Nothing else is skipped.

export type SpecException = {
  /** `responses` / `realtime`: a stream / server event of that `type`; `http`: a body of schema `type`. */
  where: 'responses' | 'realtime' | 'http';
  type: string;
  /** JSON pointer into the event or body; a `*` segment matches any one segment. */
  path: string;
  /** The value the example shows (and the fake sends) where the schema wants something else. */
  value: unknown;
  /** One line: which example shows it. */
  reason: string;
};

const SESSION_NULLS = (where: 'realtime' | 'http', type: string, prefix: string): SpecException[] => [
  { where, type, path: `${prefix}/audio/input/transcription`, value: null, reason: 'session examples send "transcription": null when input transcription is off; schema has no null' },
  { where, type, path: `${prefix}/audio/input/noise_reduction`, value: null, reason: 'session examples send "noise_reduction": null when it is off; schema has no null' },
  { where, type, path: `${prefix}/include`, value: null, reason: 'session examples send "include": null; schema wants an array' },
];

export const SPEC_EXCEPTIONS: readonly SpecException[] = [
  { where: 'responses', type: 'response.created', path: '/response/usage', value: null, reason: 'ResponseCreatedEvent example: "usage": null while in progress; schema wants an object' },
  { where: 'responses', type: 'response.in_progress', path: '/response/usage', value: null, reason: 'ResponseInProgressEvent example: "usage": null; schema wants an object' },
  { where: 'responses', type: 'response.failed', path: '/response/usage', value: null, reason: 'ResponseFailedEvent example: "usage": null; schema wants an object' },
  { where: 'responses', type: 'response.incomplete', path: '/response/usage', value: null, reason: 'ResponseIncompleteEvent example: "usage": null; schema wants an object' },
  { where: 'http', type: 'Response', path: '/usage', value: null, reason: 'failed / incomplete Response (the failed and incomplete event examples): "usage": null' },
  ...['response.failed', 'response.incomplete'].map(
    (type): SpecException => ({ where: 'responses', type, path: '/response/user', value: null, reason: 'Response event examples send "user": null; schema has a plain string' }),
  ),
  { where: 'realtime', type: 'response.created', path: '/response/usage', value: null, reason: 'RealtimeServerEventResponseCreated example: "usage": null; schema wants an object' },
  { where: 'realtime', type: 'response.created', path: '/response/status_details', value: null, reason: 'RealtimeServerEventResponseCreated example: "status_details": null; schema wants an object' },
  { where: 'realtime', type: 'response.done', path: '/response/status_details', value: null, reason: 'RealtimeServerEventResponseDone example: a completed response has "status_details": null; schema wants an object' },
  ...['response.created', 'response.in_progress', 'response.completed'].map(
    (type): SpecException => ({ where: 'responses', type, path: '/response/user', value: null, reason: 'Response event examples send "user": null; schema has a plain string' }),
  ),
  { where: 'http', type: 'Response', path: '/user', value: null, reason: 'Response examples send "user": null; schema has a plain string' },
  // Not from an example (the spec shows no input_audio item): @openai/agents-realtime 0.20.0
  // requires the key (`transcript: z.string().nullable()`) and throws without it, as the real server sends null.
  ...['conversation.item.added', 'conversation.item.done', 'conversation.item.retrieved'].map(
    (type): SpecException => ({ where: 'realtime', type, path: '/item/content/*/transcript', value: null, reason: 'untranscribed input_audio: SDK-required "transcript": null (no example; schema says string)' }),
  ),
  ...SESSION_NULLS('realtime', 'session.created', '/session'),
  ...SESSION_NULLS('realtime', 'session.updated', '/session'),
  ...SESSION_NULLS('http', 'RealtimeCreateClientSecretResponse', '/session'),
];

const matches = (pattern: string, path: string): boolean => {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => segment === '*' || segment === got[i]);
};

/** Every pointer path in `value` (objects and arrays), as `/a/0/b`. */
function* pointers(value: unknown, at = ''): Generator<[string, unknown, Record<string, unknown> | unknown[], string]> {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const path = `${at}/${key}`;
    yield [path, child, value as Record<string, unknown>, key];
    yield* pointers(child, path);
  }
}

/**
 * A copy of `value` with the listed example-over-schema fields taken out, and the
 * `instancePath missingProperty` pairs that removal may cause (to ignore).
 */
export function applySpecExceptions(
  where: SpecException['where'],
  type: string,
  value: unknown,
): { value: unknown; removed: { parent: string; key: string }[] } {
  const rules = SPEC_EXCEPTIONS.filter((e) => e.where === where && e.type === type);
  if (rules.length === 0) return { value, removed: [] };
  const copy = structuredClone(value);
  const removed: { parent: string; key: string }[] = [];
  for (const [path, child, parent, key] of [...pointers(copy)]) {
    if (!rules.some((rule) => matches(rule.path, path) && JSON.stringify(rule.value) === JSON.stringify(child))) continue;
    if (Array.isArray(parent)) continue;
    delete parent[key];
    removed.push({ parent: path.slice(0, path.lastIndexOf('/')), key });
  }
  return { value: copy, removed };
}
