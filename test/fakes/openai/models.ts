// GET /v1/models: the list the settings screen uses to validate a key.
export const DEFAULT_MODEL_IDS = [
  'gpt-5.6-luna',
  'gpt-5.6-luna-mini',
  'gpt-5-mini',
  'gpt-4.1',
  'gpt-4o-mini',
  'gpt-realtime-2.1',
  'gpt-4o-mini-transcribe',
];

// A fixed timestamp keeps responses deterministic across runs.
const CREATED = 1_767_225_600;

export function modelList(ids: readonly string[]): { object: 'list'; data: ModelEntry[] } {
  return { object: 'list', data: ids.map((id) => modelEntry(id)) };
}

export type ModelEntry = { id: string; object: 'model'; created: number; owned_by: string };

export function modelEntry(id: string): ModelEntry {
  return { id, object: 'model', created: CREATED, owned_by: id.startsWith('gpt-') ? 'openai' : 'system' };
}
