// The Assist API's tools as Home Assistant's MCP server lists them (names, descriptions,
// `{type:'object', properties}` schemas with no `required`, as mcp_server/server.py
// `_format_tool` cuts voluptuous_openapi's output), and what each one does to the fake
// home. Replies imitate HA: `json.dumps` of the intent response or tool result, the MCP
// library's "Input validation error: …" when arguments break the listed schema, and
// `isError` with "Error calling tool: …" when HA raises.
import { type DeviceMap, type DeviceState, type MatchConstraints, type MatchResult, MATCH_FAILED_REASONS, matchTargets, ONOFF_DEVICE_CLASSES, POSITION_DEVICE_CLASSES } from './devices.ts';
import { renderLiveContext, sortByName } from './live-context.ts';

export type ToolReply = { text: string; isError: boolean };

/** One state change the fake home made, for tests whose oracle is what happened in the house. */
export type StateChange = { entityId: string; domain: DeviceState['domain']; from: string; to: string; position?: { from: number; to: number } };

/**
 * How HA names its MCP tools: `bare` as before HA 2026.9 (`HassTurnOn`), `prefixed` with
 * the domain of the integration whose LLM platform offers the tool, as since 2026.9
 * (`intent__HassTurnOn`, `light__HassLightSet`, `homeassistant__GetLiveContext`,
 * `llm__GetDateTime`), `mixed` alternating the two (a test device, not an HA behaviour).
 */
export type ToolNaming = 'bare' | 'prefixed' | 'mixed';

/** The integration whose `llm.py` platform offers each tool (2026.9+). */
const DOMAIN_OF: Record<string, string> = {
  GetLiveContext: 'homeassistant',
  GetDateTime: 'llm',
  HassLightSet: 'light',
  HassClimateSetTemperature: 'climate',
};
export function haToolName(intent: string, naming: ToolNaming, index: number): string {
  const prefixed = naming === 'prefixed' || (naming === 'mixed' && index % 2 === 1);
  return prefixed ? `${DOMAIN_OF[intent] ?? 'intent'}__${intent}` : intent;
}

type JsonSchema = {
  type?: string;
  enum?: readonly string[];
  items?: JsonSchema;
  anyOf?: readonly JsonSchema[];
  minimum?: number;
  maximum?: number;
  description?: string;
};

// DynamicServiceIntentHandler.slot_schema: `vol.Any("name", "area", "floor")` becomes three
// string properties, `domain` an array (of the required domains when there are some), and
// `device_class` an array of the flattened device-class enums; preferred_area_id and
// preferred_floor_id are dropped by llm.IntentTool.
const targetProperties = (deviceClasses: readonly string[] | null, domains: readonly string[] | null = null): Record<string, JsonSchema> => ({
  name: { type: 'string' },
  area: { type: 'string' },
  floor: { type: 'string' },
  domain: { type: 'array', items: domains ? { type: 'string', enum: domains } : { type: 'string' } },
  ...(deviceClasses ? { device_class: { type: 'array', items: { type: 'string', enum: deviceClasses } } } : {}),
});

type ToolDefinition = { name: string; description: string; inputSchema: { type: 'object'; properties: Record<string, JsonSchema> } };

/**
 * The tools in the order HA lists them before 2026.9 (helpers/llm.py: intent handlers in
 * registration order, then GetDateTime, then GetLiveContext). HassToggle is not among
 * them: HA keeps it out of the LLM API (IGNORE_INTENTS, later intent/llm.py LLM_INTENTS).
 */
export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'HassTurnOn',
    description:
      "Turns on/opens/presses a device or entity. For locks, this performs a 'lock' action. Use for requests like 'turn on', 'activate', 'enable', or 'lock'.",
    inputSchema: { type: 'object', properties: targetProperties(ONOFF_DEVICE_CLASSES) },
  },
  {
    name: 'HassTurnOff',
    description:
      "Turns off/closes a device or entity. For locks, this performs an 'unlock' action. Use for requests like 'turn off', 'deactivate', 'disable', or 'unlock'.",
    inputSchema: { type: 'object', properties: targetProperties(ONOFF_DEVICE_CLASSES) },
  },
  {
    name: 'HassSetPosition',
    description: 'Sets the position of a device or entity',
    inputSchema: { type: 'object', properties: { ...targetProperties(POSITION_DEVICE_CLASSES), position: { type: 'integer', minimum: 0, maximum: 100 } } },
  },
  {
    name: 'HassStopMoving',
    description: 'Stops a moving device or entity',
    inputSchema: { type: 'object', properties: targetProperties(POSITION_DEVICE_CLASSES) },
  },
  {
    name: 'HassCancelAllTimers',
    description: 'Cancels all timers',
    inputSchema: { type: 'object', properties: { area: { type: 'string' } } },
  },
  {
    name: 'HassLightSet',
    description: 'Sets the brightness percentage or color of a light',
    inputSchema: {
      type: 'object',
      properties: {
        ...targetProperties(null, ['light']),
        color: { type: 'string' },
        temperature: { type: 'integer', minimum: 0 },
        brightness: { type: 'integer', minimum: 0, maximum: 100, description: 'The brightness percentage of the light between 0 and 100, where 0 is off and 100 is fully lit' },
      },
    },
  },
  {
    name: 'HassClimateSetTemperature',
    description: 'Sets the target temperature of a climate device or entity',
    inputSchema: {
      type: 'object',
      properties: { name: { type: 'string' }, area: { type: 'string' }, floor: { type: 'string' }, temperature: { type: 'number' } },
    },
  },
  {
    name: 'GetDateTime',
    description: 'Provides the current date and time.',
    inputSchema: { type: 'object', properties: {} },
  },
  {
    name: 'GetLiveContext',
    description:
      "Provides real-time information about the CURRENT state, value, or mode of devices, sensors, entities, or areas. Use this tool for: 1. Answering questions about current conditions (e.g., 'Is the light on?'). 2. As the first step in conditional actions (e.g., 'If the weather is rainy, turn off sprinklers' requires checking the weather first). You may filter for devices by name, domain, and area, including combining those filters. Prefer filtering by domain when searching for multiple devices of the same type.",
    inputSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Filter entities by name or alias (case-insensitive).' },
        domain: {
          anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
          description: "Filter entities by domain (e.g. 'light', 'sensor'). Accepts a single domain or a list.",
        },
        area: { type: 'string', description: 'Filter entities by area name or alias (case-insensitive).' },
      },
    },
  },
];

/**
 * The order of the list since 2026.9: the `llm` integration asks each integration's tool
 * platform in turn, sorted by domain (climate, homeassistant, intent, light, llm).
 */
export function listedOrder(naming: ToolNaming): readonly ToolDefinition[] {
  if (naming !== 'prefixed') return TOOL_DEFINITIONS;
  const domainOf = (t: ToolDefinition) => DOMAIN_OF[t.name] ?? 'intent';
  return [...TOOL_DEFINITIONS].sort((a, b) => (domainOf(a) < domainOf(b) ? -1 : domainOf(a) > domainOf(b) ? 1 : 0));
}

/**
 * Python's `json.dumps` with its default separators (", " and ": ") and ensure_ascii, which
 * is how HA's MCP server writes tool results.
 */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyJson(k)}: ${pyJson(v)}`).join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value);
}

/** Python's repr of a str: single quotes unless the text has a single quote and no double one. */
function pyStr(value: string): string {
  const escaped = value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\t', '\\t');
  if (value.includes("'") && !value.includes('"')) return `"${escaped}"`;
  return `'${escaped.replaceAll("'", "\\'")}'`;
}

/** Python's repr of a JSON value, as jsonschema's messages quote it. */
function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStr(value);
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pyStr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  return String(value);
}

const typeOk = (type: string, value: unknown): boolean => {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
};

/** jsonschema's first error for `value`, in its own words, or null. */
function schemaError(schema: JsonSchema, value: unknown): string | null {
  if (schema.anyOf) return schema.anyOf.some((s) => schemaError(s, value) === null) ? null : `${pyRepr(value)} is not valid under any of the given schemas`;
  if (schema.type && !typeOk(schema.type, value)) return `${pyRepr(value)} is not of type ${pyStr(schema.type)}`;
  if (schema.enum && !schema.enum.includes(value as string)) return `${pyRepr(value)} is not one of ${pyRepr(schema.enum)}`;
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) return `${pyRepr(value)} is less than the minimum of ${schema.minimum}`;
  if (typeof value === 'number' && schema.maximum !== undefined && value > schema.maximum) return `${pyRepr(value)} is greater than the maximum of ${schema.maximum}`;
  if (Array.isArray(value) && schema.items) {
    for (const item of value) {
      const error = schemaError(schema.items, item);
      if (error) return error;
    }
  }
  return null;
}

/**
 * The MCP library validates arguments against the schema HA listed (type + properties, so
 * unknown keys pass) before HA sees them, answering "Input validation error: …".
 */
function validateInput(tool: ToolDefinition, args: Record<string, unknown>): ToolReply | null {
  for (const [key, value] of Object.entries(args)) {
    const schema = tool.inputSchema.properties[key];
    const error = schema ? schemaError(schema, value) : null;
    if (error) return { text: `Input validation error: ${error}`, isError: true };
  }
  return null;
}

/** mcp_server/server.py: HomeAssistantError and vol.Invalid become "Error calling tool: {e}". */
const fail = (message: string): ToolReply => ({ text: `Error calling tool: ${message}`, isError: true });

const pyOptStr = (v: string | undefined): string => (v === undefined ? 'None' : pyStr(v));
const pySet = (v: readonly string[] | undefined): string => (v === undefined || v.length === 0 ? 'None' : `{${v.map(pyStr).join(', ')}}`);

/** `str(MatchFailedError)` (helpers/intent.py): the dataclass reprs inside angle brackets. */
function matchFailure(result: Extract<MatchResult, { ok: false }>, c: MatchConstraints, withPreferences: boolean): ToolReply {
  const place = (kind: 'AreaEntry' | 'FloorEntry') => (p: { name: string; id: string }) => `${kind}(name=${pyStr(p.name)}, id=${pyStr(p.id)})`;
  return fail(
    `<MatchFailedError result=MatchTargetsResult(is_match=False, no_match_reason=<MatchFailedReason.${result.reason}: ${MATCH_FAILED_REASONS[result.reason]}>, states=[], no_match_name=${pyOptStr(result.noMatchName)}, ` +
      `areas=[${result.areas.map(place('AreaEntry')).join(', ')}], floors=[${result.floors.map(place('FloorEntry')).join(', ')}]), ` +
      `constraints=MatchTargetsConstraints(name=${pyOptStr(c.name)}, area_name=${pyOptStr(c.area)}, floor_name=${pyOptStr(c.floor)}, domains=${pySet(c.domains)}, device_classes=${pySet(c.deviceClasses)}, ` +
      `features=None, states=None, assistant='conversation', allow_duplicate_names=False, single_target=False), ` +
      `preferences=${withPreferences ? 'MatchTargetsPreferences(area_id=None, floor_id=None)' : 'None'}>`,
  );
}

type Target = { name: string; type: 'entity' | 'area' | 'floor'; id: string };
const entityTarget = (d: DeviceState): Target => ({ name: d.name, type: 'entity', id: d.entityId });

/** llm.IntentResponseDict: IntentResponse.as_dict() without `language` and `card`. */
function actionDone(success: Target[], failed: Target[], speechSlots?: Record<string, unknown>): ToolReply {
  const body = { speech: {}, response_type: 'action_done', ...(speechSlots ? { speech_slots: speechSlots } : {}), data: { targets: [], success, failed } };
  return { text: pyJson(body), isError: false };
}

/** What HassTurnOn / HassTurnOff do per domain (intent/__init__.py OnOffIntentHandler). */
function switchDevice(device: DeviceState, on: boolean, changes: StateChange[]): boolean {
  const from = device.state;
  const fromPosition = device.domain === 'cover' ? device.position : undefined;
  const done = applySwitch(device, on);
  if (done && device.state !== from) {
    changes.push({ entityId: device.entityId, domain: device.domain, from, to: device.state, ...(fromPosition !== undefined && device.domain === 'cover' ? { position: { from: fromPosition, to: device.position } } : {}) });
  }
  return done;
}

function applySwitch(device: DeviceState, on: boolean): boolean {
  switch (device.domain) {
    case 'light':
      device.state = on ? 'on' : 'off';
      if (on && device.brightness === 0) device.brightness = 100;
      return true;
    case 'lock':
      // on = lock, off = unlock
      device.state = on ? 'locked' : 'unlocked';
      return true;
    case 'cover':
      // on = open_cover, off = close_cover
      device.state = on ? 'open' : 'closed';
      device.position = on ? 100 : 0;
      return true;
    case 'climate':
      device.state = on ? 'heat' : 'off';
      return true;
    case 'alarm_control_panel':
      // No alarm_control_panel.turn_on/turn_off service: "Service turn_on does not support entity …",
      // which HA counts as a failed target.
      return false;
  }
}

type Slots = { name?: string; area?: string; floor?: string; domain?: string[]; device_class?: string[] };

/**
 * DynamicServiceIntentHandler.async_handle up to the matching: slot validation
 * (`non_empty_string`), `name: "all"` (exactly that) meaning no name, the required
 * domains, "cannot target all devices", and MatchFailedError.
 */
function matchIntent(devices: DeviceMap, intent: string, args: Slots, requiredDomains?: string[]): { devices: DeviceState[]; places: Target[] } | ToolReply {
  for (const key of ['name', 'area', 'floor'] as const) {
    if (args[key] !== undefined && args[key].trim() === '') return fail(`Received invalid slot info for ${intent}`);
  }
  const constraints: MatchConstraints = {
    name: args.name === 'all' ? undefined : args.name,
    area: args.area,
    floor: args.floor,
    domains: args.domain ?? requiredDomains,
    deviceClasses: args.device_class,
  };
  if (!constraints.name && !constraints.area && !constraints.floor && !constraints.domains?.length && !constraints.deviceClasses?.length) {
    return fail('Service handler cannot target all devices');
  }
  const match = matchTargets(devices, constraints);
  if (!match.ok) return matchFailure(match, constraints, true);
  // Floors targeted are reported first, else areas, then the entities.
  const places: Target[] =
    match.floors.length > 0 ? match.floors.map((f) => ({ name: f.name, type: 'floor', id: f.id })) : match.areas.map((a) => ({ name: a.name, type: 'area', id: a.id }));
  return { devices: match.devices, places };
}

/** async_handle_states: no success at all raises "Failed to call {service} for: [ids]". */
function finish(service: string, places: Target[], success: DeviceState[], failed: DeviceState[]): ToolReply {
  const successTargets = [...places, ...success.map(entityTarget)];
  if (successTargets.length === 0) return fail(`Failed to call ${service} for: ${pyRepr(failed.map((d) => d.entityId))}`);
  return actionDone(successTargets, failed.map(entityTarget));
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
const slotsOf = (a: Record<string, unknown>): Slots => {
  const slots: Slots = {};
  const name = asString(a['name']);
  const area = asString(a['area']);
  const floor = asString(a['floor']);
  const domain = asList(a['domain']);
  const deviceClass = asList(a['device_class']);
  if (name !== undefined) slots.name = name;
  if (area !== undefined) slots.area = area;
  if (floor !== undefined) slots.floor = floor;
  if (domain !== undefined) slots.domain = domain;
  if (deviceClass !== undefined) slots.device_class = deviceClass;
  return slots;
};

function liveContext(devices: DeviceMap, args: Record<string, unknown>): ToolReply {
  // Its voluptuous schema allows no other keys; the MCP schema does, so HA's own check answers.
  const extra = Object.keys(args).find((k) => !['name', 'domain', 'area'].includes(k));
  if (extra !== undefined) return fail(`extra keys not allowed @ data[${pyStr(extra)}]`);
  const name = asString(args['name']);
  const area = asString(args['area']);
  const rawDomain = args['domain'];
  const domain = (typeof rawDomain === 'string' ? [rawDomain] : asList(rawDomain))?.map((d) => d.trim().toLowerCase()).filter((d) => d !== '');
  const exposed = sortByName(devices.values());
  if (!name && !area && !domain?.length) return { text: pyJson({ success: true, result: renderLiveContext(exposed) }), isError: false };
  const match = matchTargets(devices, { name, area, domains: domain, allowDuplicateNames: true });
  if (!match.ok) {
    const error =
      match.reason === 'INVALID_AREA'
        ? `Area '${match.noMatchName}' does not exist`
        : match.reason === 'NAME'
          ? `No exposed entities matched name '${name}'`
          : match.reason === 'AREA'
            ? `No exposed entities found in area '${area}'`
            : match.reason === 'DOMAIN'
              ? `No exposed entities found in domain(s): ${(domain ?? []).join(', ')}`
              : 'No entities matched the provided filter';
    return { text: pyJson({ success: false, error }), isError: false };
  }
  return { text: pyJson({ success: true, result: renderLiveContext(exposed.filter((d) => match.devices.includes(d))) }), isError: false };
}

/** dt_util.now() formatted as GetDateTimeTool does (%Y-%m-%d, %H:%M:%S, %Z, %A). */
function dateTime(): ToolReply {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const timezone = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  const weekday = now.toLocaleDateString('en-US', { weekday: 'long' });
  const result = {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
    timezone,
    weekday,
  };
  return { text: pyJson({ success: true, result }), isError: false };
}

export function runTool(devices: DeviceMap, name: string, rawArgs: Record<string, unknown>, changes: StateChange[] = []): ToolReply {
  const tool = TOOL_DEFINITIONS.find((t) => t.name === name);
  // APIInstance.async_call_tool: a name HA did not list.
  if (!tool) return fail(`Tool "${name.replace(/^unknown:/, '')}" not found`);
  const invalid = validateInput(tool, rawArgs);
  if (invalid) return invalid;
  switch (name) {
    case 'HassTurnOn':
    case 'HassTurnOff': {
      const matched = matchIntent(devices, name, slotsOf(rawArgs));
      if (!('devices' in matched)) return matched;
      const success: DeviceState[] = [];
      const failed: DeviceState[] = [];
      for (const device of matched.devices) (switchDevice(device, name === 'HassTurnOn', changes) ? success : failed).push(device);
      return finish(name === 'HassTurnOn' ? 'turn_on' : 'turn_off', matched.places, success, failed);
    }
    case 'HassSetPosition': {
      if (rawArgs['position'] === undefined) return fail(`Received invalid slot info for ${name}`);
      const position = rawArgs['position'] as number;
      const matched = matchIntent(devices, name, slotsOf(rawArgs));
      if (!('devices' in matched)) return matched;
      // get_domain_and_service raises for anything but a cover or valve, before any call.
      const other = matched.devices.find((d) => d.domain !== 'cover');
      if (other) return fail(`Domain not supported: ${other.domain}`);
      for (const cover of matched.devices) {
        if (cover.domain !== 'cover' || cover.position === position) continue;
        const from = { state: cover.state, position: cover.position };
        cover.position = position;
        cover.state = position > 0 ? 'open' : 'closed';
        changes.push({ entityId: cover.entityId, domain: 'cover', from: from.state, to: cover.state, position: { from: from.position, to: position } });
      }
      return finish('set_cover_position', matched.places, matched.devices, []);
    }
    case 'HassStopMoving': {
      const matched = matchIntent(devices, name, slotsOf(rawArgs));
      if (!('devices' in matched)) return matched;
      const other = matched.devices.find((d) => d.domain !== 'cover');
      if (other) return fail(`Domain not supported: ${other.domain}`);
      return finish('stop_cover', matched.places, matched.devices, []); // Nothing in the fake home moves on its own.
    }
    case 'HassCancelAllTimers':
      // timers.py: the count goes to the speech slots; the fake home runs no timers.
      return actionDone([], [], { canceled: 0 });
    case 'GetDateTime':
      return dateTime();
    case 'HassLightSet': {
      const color = asString(rawArgs['color']);
      const brightness = rawArgs['brightness'] as number | undefined;
      const kelvin = rawArgs['temperature'] as number | undefined;
      if (color === undefined && brightness === undefined && kelvin === undefined) return fail('MultipleInvalid: must contain at least one of brightness, color, temperature.');
      const matched = matchIntent(devices, name, slotsOf(rawArgs), ['light']);
      if (!('devices' in matched)) return matched;
      for (const light of matched.devices) {
        if (light.domain !== 'light') continue;
        if (color !== undefined) light.color = color;
        if (brightness !== undefined) light.brightness = brightness;
        // light.turn_on with brightness_pct 0 turns the light off, like HA.
        light.state = brightness === 0 ? 'off' : 'on';
      }
      return finish('turn_on', matched.places, matched.devices, []);
    }
    case 'HassClimateSetTemperature': {
      if (typeof rawArgs['temperature'] !== 'number') return fail(`Received invalid slot info for ${name}`);
      const temperature = rawArgs['temperature'];
      const slots = slotsOf(rawArgs);
      // With no target HA picks the only thermostat; the fake home has one.
      const matched = matchIntent(devices, name, { ...slots, domain: ['climate'] }, ['climate']);
      if (!('devices' in matched)) return matched;
      for (const climate of matched.devices) if (climate.domain === 'climate') climate.targetTemperature = temperature;
      return finish('set_temperature', matched.places, matched.devices, []);
    }
    case 'GetLiveContext':
      return liveContext(devices, rawArgs);
    default:
      return fail(`Tool "${name}" not found`);
  }
}
