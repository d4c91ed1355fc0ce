/**
 * Reads Home Assistant's GetLiveContext reply into a device list. HA answers with JSON
 * text `{"success": true, "result": "Live Context: …\n- names: …\n  domain: …"}` whose
 * `result` is a YAML dump of the exposed entities. Only the flat shape HA emits is read
 * (list items of scalar keys plus one `attributes` map), so no YAML library is needed;
 * anything else is skipped rather than guessed at.
 */
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

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return z.string().parse(JSON.parse(value));
    } catch {
      return value.slice(1, -1);
    }
  }
  return value;
}

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

type Draft = { fields: Map<string, string>; attributes: Map<string, string> };

function toDevice(draft: Draft): KnownDevice | null {
  const names = splitList(draft.fields.get('names') ?? '');
  const domain = draft.fields.get('domain');
  if (names.length === 0 || !domain) return null;
  return {
    names,
    domain,
    areas: splitList(draft.fields.get('areas') ?? ''),
    deviceClass: draft.attributes.get('device_class') ?? null,
    state: draft.fields.get('state') ?? null,
  };
}

/** `- names: X` starts an entity; `  key: value` fills it; `    key: value` fills its attributes. */
export function parseLiveContextYaml(text: string): KnownDevice[] {
  const devices: KnownDevice[] = [];
  let draft: Draft | null = null;
  let inAttributes = false;
  const finish = (): void => {
    const device = draft ? toDevice(draft) : null;
    if (device) devices.push(device);
  };
  for (const line of text.split(/\r?\n/)) {
    const item = /^- (\w+):\s*(.*)$/.exec(line);
    if (item) {
      finish();
      draft = { fields: new Map([[item[1]!, unquote(item[2]!)]]), attributes: new Map() };
      inAttributes = false;
      continue;
    }
    if (!draft) continue;
    const field = /^ {2}(\w+):\s*(.*)$/.exec(line);
    if (field) {
      inAttributes = field[1] === 'attributes' && field[2]!.trim() === '';
      if (!inAttributes) draft.fields.set(field[1]!, unquote(field[2]!));
      continue;
    }
    const attribute = /^ {4}(\w+):\s*(.*)$/.exec(line);
    if (attribute && inAttributes) draft.attributes.set(attribute[1]!, unquote(attribute[2]!));
  }
  finish();
  return devices;
}
