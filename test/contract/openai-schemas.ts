// The vendored OpenAI component schemas (test/fixtures/openai-openapi/schemas.json) in ajv,
// with the OpenAPI-only keywords taken out, and a validator per event `type`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;
type Fixture = { source: Json; roots: string[]; components: { schemas: Record<string, Json> } };

const FIXTURE = resolve(import.meta.dirname, '../fixtures/openai-openapi/schemas.json');
const PREFIX = '#/components/schemas/';

/**
 * Removes `x-*`, `discriminator`, `example`, turns `nullable: true` into a null branch, and
 * the 2019-09 `$recursiveRef: "#"` (CompoundFilter) into a plain `$ref` to its own schema.
 */
function clean(node: unknown, self = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => clean(n, self));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key.startsWith('x-') || key === 'discriminator' || key === 'example' || key === 'deprecated') continue;
    if (key === 'nullable' || key === '$recursiveAnchor') continue;
    if (key === '$recursiveRef') out.$ref = `openai#/$defs/${self}`;
    else out[key] = key === '$ref' && typeof value === 'string' ? value.replace(PREFIX, 'openai#/$defs/') : clean(value, self);
  }
  if ((node as Json).nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

export const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({
  $id: 'openai',
  $defs: Object.fromEntries(Object.entries(fixture.components.schemas).map(([name, schema]) => [name, clean(schema, name)])),
});

const compiled = new Map<string, ValidateFunction>();
export function validatorFor(schemaName: string): ValidateFunction {
  let fn = compiled.get(schemaName);
  if (!fn) {
    if (!(schemaName in fixture.components.schemas)) throw new Error(`no vendored schema ${schemaName}`);
    fn = ajv.compile({ $ref: `openai#/$defs/${schemaName}` });
    compiled.set(schemaName, fn);
  }
  return fn;
}

/** `type` value → branch schema name, from a union's oneOf/anyOf `$ref`s (their `type` const/enum). */
function typeMap(union: string): Map<string, string> {
  const map = new Map<string, string>();
  const root = fixture.components.schemas[union]!;
  const branches = ((root.oneOf ?? root.anyOf ?? []) as Json[]).map((b) => String(b.$ref ?? '').replace(PREFIX, ''));
  for (const name of branches) {
    const type = (fixture.components.schemas[name]?.properties as Json | undefined)?.type as Json | undefined;
    const values = type?.const !== undefined ? [type.const] : ((type?.enum as unknown[] | undefined) ?? []);
    for (const value of values) map.set(String(value), name);
  }
  return map;
}

export const EVENT_UNIONS = { responses: 'ResponseStreamEvent', realtime: 'RealtimeServerEvent' } as const;
export type EventKind = keyof typeof EVENT_UNIONS;
const maps = { responses: typeMap(EVENT_UNIONS.responses), realtime: typeMap(EVENT_UNIONS.realtime) };

export type Verdict = { ok: true; schema: string } | { ok: false; schema: string | undefined; errors: string[] };

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** Validates one server event against the branch its `type` names. */
export function validateEvent(kind: EventKind, value: { type?: unknown }): Verdict {
  const schema = maps[kind].get(String(value.type));
  if (!schema) return { ok: false, schema, errors: [`no ${EVENT_UNIONS[kind]} branch has type ${String(value.type)}`] };
  return validateBody(schema, value);
}

/** Validates a whole body (e.g. `Response`, `ListModelsResponse`) against a named schema. */
export function validateBody(schema: string, value: unknown): Verdict {
  const fn = validatorFor(schema);
  return fn(value) ? { ok: true, schema } : { ok: false, schema, errors: describe(fn.errors) };
}

export const eventTypes = (kind: EventKind): string[] => [...maps[kind].keys()];
