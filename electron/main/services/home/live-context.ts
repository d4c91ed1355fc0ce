/**
 * Reads Home Assistant's GetLiveContext reply into a device list. HA answers with JSON
 * text `{"success": true, "result": "Live Context: …\n- names: …\n  domain: …"}` whose
 * `result` is a YAML dump (PyYAML) of the exposed entities.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export type KnownDevice = {
  /** The entity's name first, then its aliases (HA joins them with ", "). */
  names: string[];
  domain: string;
  areas: string[];
  /** `attributes.device_class`, e.g. `garage` for a garage-door cover; null when unset. */
  deviceClass: string | null;
  state: string | null;
};

const LiveContextReply = z.object({ success: z.literal(true), result: z.string() });
const LiveContextFailure = z.object({ success: z.literal(false), error: z.string() });

export type LiveContext = { ok: true; devices: KnownDevice[] } | { ok: false; error: string };

/** Parses the text of a GetLiveContext tool result (the JSON envelope, or the bare YAML). */
export function parseLiveContextReply(text: string): LiveContext {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: true, devices: parseLiveContextYaml(text) };
  }
  const reply = LiveContextReply.safeParse(json);
  if (reply.success) return { ok: true, devices: parseLiveContextYaml(reply.data.result) };
  const failure = LiveContextFailure.safeParse(json);
  if (failure.success) return { ok: false, error: failure.data.error };
  return { ok: false, error: 'Home Assistant sent a GetLiveContext reply in an unknown shape.' };
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const Entity = z.looseObject({
  names: Scalar,
  domain: Scalar,
  state: Scalar.nullish(),
  areas: Scalar.nullish(),
  attributes: z.looseObject({ device_class: Scalar.nullish() }).nullish(),
});

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/**
 * The entity list after HA's "Live Context: …" heading, read with a real YAML parser:
 * PyYAML folds long lines (many aliases) and quotes what it must, and a hand-made reader
 * would misread both. An entry without a name or domain is skipped rather than guessed at.
 */
export function parseLiveContextYaml(text: string): KnownDevice[] {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.startsWith('- '));
  if (first < 0) return [];
  let parsed: unknown;
  try {
    parsed = parseYaml(lines.slice(first).join('\n'));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const devices: KnownDevice[] = [];
  for (const item of parsed) {
    const entity = Entity.safeParse(item);
    if (!entity.success) continue;
    const names = splitList(entity.data.names);
    if (names.length === 0 || !entity.data.domain) continue;
    devices.push({
      names,
      domain: entity.data.domain,
      areas: splitList(entity.data.areas ?? ''),
      deviceClass: entity.data.attributes?.device_class ?? null,
      state: entity.data.state ?? null,
    });
  }
  return devices;
}
