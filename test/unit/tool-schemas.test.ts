/**
 * OpenAI rejects a whole request when one tool's strict JSON schema uses a keyword it
 * does not support (every ask would then fail with a 400). This walks the schema of
 * every function tool the specialists are given and checks it against the supported set.
 */
import type { FunctionTool, Tool } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../electron/main/services/memory/memory-store';
import { createMemoryTools } from '../../electron/main/services/memory/memory-tools';
import { calculatorTool } from '../../electron/main/tools/calculator';
import { createCurrentTimeTool } from '../../electron/main/tools/clock';
import { createFetchPageTool, PageFetcher } from '../../electron/main/tools/fetch-page';
import { createWeatherTool, WeatherService } from '../../electron/main/tools/weather';

/** Keywords of OpenAI's structured-outputs JSON schema subset (strict mode). */
const SUPPORTED = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf',
  // The SDK itself sends $schema with every tool (its own agent-as-tool schema too).
  '$schema', '$ref', '$defs', 'definitions', 'description', 'title',
  'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minItems', 'maxItems',
]);
const SUPPORTED_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

function problems(schema: unknown, path = '$'): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (Array.isArray(schema)) return schema.flatMap((s, i) => problems(s, `${path}[${i}]`));
  const found: string[] = [];
  const record = schema as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      for (const [name, sub] of Object.entries(value as Record<string, unknown>)) found.push(...problems(sub, `${path}.${name}`));
      continue;
    }
    if (!SUPPORTED.has(key)) found.push(`${path}: unsupported keyword "${key}"`);
    if (key === 'format' && !SUPPORTED_FORMATS.has(String(value))) found.push(`${path}: unsupported format "${String(value)}"`);
    if (key === 'additionalProperties' && value !== false) found.push(`${path}: additionalProperties must be false`);
    if (key === 'items' || key === 'anyOf') found.push(...problems(value, `${path}.${key}`));
  }
  if (record['type'] === 'object' && record['properties']) {
    const required = new Set((record['required'] as string[] | undefined) ?? []);
    for (const name of Object.keys(record['properties'] as object)) if (!required.has(name)) found.push(`${path}.${name}: strict mode needs every property required (use nullable)`);
  }
  return found;
}

function functionTools(): FunctionTool[] {
  const store = MemoryStore.open(':memory:');
  const weather = new WeatherService({ fetch: async () => new Response('{}') });
  const tools: Tool[] = [
    calculatorTool as Tool,
    createCurrentTimeTool({}) as Tool,
    createWeatherTool(weather) as Tool,
    createFetchPageTool(new PageFetcher()) as Tool,
    ...createMemoryTools(store),
  ];
  return tools.filter((t): t is FunctionTool => t.type === 'function');
}

describe('tool schemas sent to OpenAI', () => {
  const tools = functionTools();
  it('covers every specialist tool', () => {
    expect(tools.map((t) => t.name).sort()).toEqual(['calculate', 'fetch_page', 'forget', 'get_current_time', 'get_weather', 'list_memories', 'recall', 'remember']);
  });
  for (const tool of tools) {
    it(`${tool.name}: strict, and only keywords OpenAI accepts`, () => {
      expect(tool.strict).toBe(true);
      expect(problems(tool.parameters)).toEqual([]);
    });
  }
});
