// The Assist API's tools as Home Assistant's MCP server lists them (names, descriptions,
// `{type:'object', properties}` schemas with no `required`), and what each one does to
// the fake home. Replies imitate HA: JSON text of the intent response, or `isError`
// with "Error calling tool: …" when HA would raise.
import { z } from 'zod';
import { COVER_CLASSES, type DeviceMap, type DeviceState, type MatchResult, type TargetSlots, matchTargets } from './devices.ts';
import { renderLiveContext } from './live-context.ts';

export type ToolReply = { text: string; isError: boolean };

/** One state change the fake home made, for tests whose oracle is what happened in the house. */
export type StateChange = { entityId: string; domain: DeviceState['domain']; from: string; to: string; position?: { from: number; to: number } };

/**
 * How HA names its MCP tools: `bare` as before 2026.9 (`HassTurnOn`), `prefixed` with the
 * API they come from (`intent__HassTurnOn`, `homeassistant__GetLiveContext`), `mixed`
 * alternating the two, as a server with several APIs configured may.
 */
export type ToolNaming = 'bare' | 'prefixed' | 'mixed';

const API_OF: Record<string, string> = { GetLiveContext: 'homeassistant', GetDateTime: 'llm' };
export function haToolName(intent: string, naming: ToolNaming, index: number): string {
  const prefixed = naming === 'prefixed' || (naming === 'mixed' && index % 2 === 1);
  return prefixed ? `${API_OF[intent] ?? 'intent'}__${intent}` : intent;
}

const targetProperties = {
  name: { type: 'string' },
  area: { type: 'string' },
  floor: { type: 'string' },
  domain: { type: 'array', items: { type: 'string' } },
  device_class: { type: 'array', items: { type: 'string', enum: [...COVER_CLASSES] } },
} as const;

export const TOOL_DEFINITIONS = [
  {
    name: 'HassTurnOn',
    description:
      "Turns on/opens/presses a device or entity. For locks, this performs a 'lock' action. Use for requests like 'turn on', 'activate', 'enable', or 'lock'.",
    inputSchema: { type: 'object', properties: targetProperties },
  },
  {
    name: 'HassTurnOff',
    description:
      "Turns off/closes a device or entity. For locks, this performs an 'unlock' action. Use for requests like 'turn off', 'deactivate', 'disable', or 'unlock'.",
    inputSchema: { type: 'object', properties: targetProperties },
  },
  {
    name: 'HassToggle',
    description: 'Toggles a device or entity',
    inputSchema: { type: 'object', properties: targetProperties },
  },
  {
    name: 'HassSetPosition',
    description: 'Sets the position of a device or entity',
    inputSchema: {
      type: 'object',
      properties: { name: targetProperties.name, area: targetProperties.area, floor: targetProperties.floor, domain: targetProperties.domain, device_class: targetProperties.device_class, position: { type: 'integer', minimum: 0, maximum: 100 } },
    },
  },
  {
    name: 'HassStopMoving',
    description: 'Stops a moving device or entity',
    inputSchema: { type: 'object', properties: targetProperties },
  },
  {
    name: 'HassCancelAllTimers',
    description: 'Cancels all timers',
    inputSchema: { type: 'object', properties: { area: { type: 'string' } } },
  },
  {
    name: 'GetDateTime',
    description: 'Provides the current date and time.',
    inputSchema: { type: 'object', properties: {} },
  },
  {
    name: 'HassLightSet',
    description: 'Sets the brightness percentage or color of a light',
    inputSchema: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        area: { type: 'string' },
        floor: { type: 'string' },
        domain: { type: 'array', items: { type: 'string' } },
        color: { type: 'string' },
        temperature: { type: 'integer', description: 'The color temperature of the light in Kelvin' },
        brightness: { type: 'integer', description: 'The brightness percentage of the light between 0 and 100, where 0 is off and 100 is fully lit', minimum: 0, maximum: 100 },
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
    name: 'GetLiveContext',
    description:
      "Provides real-time information about the CURRENT state, value, or mode of devices, sensors, entities, or areas. Use this tool for: 1. Answering questions about current conditions (e.g., 'Is the light on?'). 2. As the first step in conditional actions (e.g., 'If the weather is rainy, turn off sprinklers' requires checking the weather first).",
    inputSchema: { type: 'object', properties: {} },
  },
] as const;

const TargetArgs = z
  .object({
    name: z.string().optional(),
    area: z.string().optional(),
    floor: z.string().optional(),
    domain: z.array(z.string()).optional(),
    device_class: z.array(z.enum(COVER_CLASSES)).optional(),
  });
const PositionArgs = TargetArgs.extend({ position: z.number().int().min(0).max(100) });
const LightSetArgs = z
  .object({
    name: z.string().optional(),
    area: z.string().optional(),
    floor: z.string().optional(),
    domain: z.array(z.string()).optional(),
    color: z.string().optional(),
    brightness: z.number().int().min(0).max(100).optional(),
    temperature: z.number().int().optional(),
  });
const ClimateArgs = z
  .object({ name: z.string().optional(), area: z.string().optional(), floor: z.string().optional(), temperature: z.number() });

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

/** Python's repr of a JSON value, as jsonschema's messages quote it. */
function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "\\'")}'`;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  return String(value);
}

const JSON_TYPE: Record<string, string> = { string: 'string', number: 'number', int: 'integer', array: 'array', object: 'object', boolean: 'boolean' };

/** Arguments that break the tool's schema: the MCP library's own message, as jsonschema words it. */
function invalidInput(error: z.ZodError, rawArgs: Record<string, unknown>): ToolReply {
  const issue = error.issues[0]!;
  let value: unknown = rawArgs;
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  const text =
    issue.code === 'invalid_type'
      ? `${pyRepr(value)} is not of type '${JSON_TYPE[issue.expected] ?? issue.expected}'`
      : issue.code === 'invalid_value'
        ? `${pyRepr(value)} is not one of ${pyRepr(issue.values)}`
        : issue.code === 'too_small'
          ? `${pyRepr(value)} is less than the minimum of ${String(issue.minimum)}`
          : issue.code === 'too_big'
            ? `${pyRepr(value)} is greater than the maximum of ${String(issue.maximum)}`
            : issue.message;
  return { text: `Input validation error: ${text}`, isError: true };
}

const fail = (message: string): ToolReply => ({ text: `Error calling tool: ${message}`, isError: true });

const pyString = (v: string | undefined): string => (v === undefined ? 'None' : `'${v}'`);
const pyList = (v: string[] | undefined): string => (v === undefined ? 'None' : `{${v.map((x) => `'${x}'`).join(', ')}}`);

const REASON_NUMBER: Record<Exclude<MatchResult, { ok: true }>['reason'], number> = {
  NAME: 1,
  AREA: 2,
  FLOOR: 3,
  DOMAIN: 5,
  DEVICE_CLASS: 6,
  INVALID_AREA: 11,
  INVALID_FLOOR: 12,
  NO_TARGET: 0,
};

/** The text HA's MatchFailedError produces, close enough for a model or a person to read. */
function matchFailure(reason: Exclude<MatchResult, { ok: true }>['reason'], slots: TargetSlots): ToolReply {
  if (reason === 'NO_TARGET') return fail('Service handler cannot target all devices');
  return fail(
    `MatchFailedError: result=MatchTargetsResult(is_match=False, no_match_reason=<MatchFailedReason.${reason}: ${REASON_NUMBER[reason]}>, states=[], no_match_name=None, areas=[], floors=[]), ` +
      `constraints=MatchTargetsConstraints(name=${pyString(slots.name)}, area_name=${pyString(slots.area)}, floor_name=${pyString(slots.floor)}, ` +
      `domains=${pyList(slots.domain)}, device_classes=${pyList(slots.device_class)}, features=None, states=None, assistant='conversation', allow_duplicate_names=False, single_target=False), preferences=MatchTargetsPreferences(area_id=None, floor_id=None)`,
  );
}

type Outcome = { success: DeviceState[]; failed: DeviceState[] };

function actionDone(outcome: Outcome): ToolReply {
  const entry = (d: DeviceState) => ({ name: d.name, type: 'entity', id: d.entityId });
  const body = { speech: {}, response_type: 'action_done', data: { targets: [], success: outcome.success.map(entry), failed: outcome.failed.map(entry) } };
  return { text: pyJson(body), isError: false };
}

/** What HassTurnOn / HassTurnOff do per domain: locks lock on "on", covers open on "on". */
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
      device.state = on ? 'locked' : 'unlocked';
      return true;
    case 'cover':
      device.state = on ? 'open' : 'closed';
      device.position = on ? 100 : 0;
      return true;
    case 'climate':
      device.state = on ? 'heat' : 'off';
      return true;
    case 'alarm_control_panel':
      // homeassistant.turn_on/off has no alarm service: HA reports the entity as failed.
      return false;
  }
}

function targetsOrFailure(devices: DeviceMap, slots: TargetSlots, implicitDomains?: string[]): DeviceState[] | ToolReply {
  const match = matchTargets(devices, slots, implicitDomains);
  return match.ok ? match.devices : matchFailure(match.reason, slots);
}

/** The state a toggle turns a device to: on for what is off, off for what is on. */
function isOn(device: DeviceState): boolean {
  switch (device.domain) {
    case 'light':
      return device.state === 'on';
    case 'lock':
      return device.state === 'locked';
    case 'cover':
      return device.state === 'open';
    case 'climate':
      return device.state !== 'off';
    case 'alarm_control_panel':
      return device.state !== 'disarmed';
  }
}

export function runTool(devices: DeviceMap, name: string, rawArgs: Record<string, unknown>, changes: StateChange[] = []): ToolReply {
  switch (name) {
    case 'HassToggle': {
      const args = TargetArgs.safeParse(rawArgs);
      if (!args.success) return invalidInput(args.error, rawArgs);
      const targets = targetsOrFailure(devices, args.data);
      if (!Array.isArray(targets)) return targets;
      const outcome: Outcome = { success: [], failed: [] };
      for (const device of targets) (switchDevice(device, !isOn(device), changes) ? outcome.success : outcome.failed).push(device);
      return actionDone(outcome);
    }
    case 'HassSetPosition': {
      const args = PositionArgs.safeParse(rawArgs);
      if (!args.success) return invalidInput(args.error, rawArgs);
      const { position, ...slots } = args.data;
      const targets = targetsOrFailure(devices, slots, ['cover']);
      if (!Array.isArray(targets)) return targets;
      for (const cover of targets) {
        if (cover.domain !== 'cover' || cover.position === position) continue;
        const from = { state: cover.state, position: cover.position };
        cover.position = position;
        cover.state = position > 0 ? 'open' : 'closed';
        changes.push({ entityId: cover.entityId, domain: 'cover', from: from.state, to: cover.state, position: { from: from.position, to: position } });
      }
      return actionDone({ success: targets, failed: [] });
    }
    case 'HassStopMoving': {
      const args = TargetArgs.safeParse(rawArgs);
      if (!args.success) return invalidInput(args.error, rawArgs);
      const targets = targetsOrFailure(devices, args.data, ['cover']);
      if (!Array.isArray(targets)) return targets;
      return actionDone({ success: targets, failed: [] }); // Nothing in the fake home moves on its own.
    }
    case 'HassCancelAllTimers':
      return { text: pyJson({ speech: {}, response_type: 'action_done', data: { targets: [], success: [], failed: [] } }), isError: false };
    case 'GetDateTime':
      return { text: pyJson({ success: true, result: { date: new Date().toISOString().slice(0, 10), time: new Date().toISOString().slice(11, 19) } }), isError: false };
    case 'HassTurnOn':
    case 'HassTurnOff': {
      const args = TargetArgs.safeParse(rawArgs);
      if (!args.success) return invalidInput(args.error, rawArgs);
      const targets = targetsOrFailure(devices, args.data);
      if (!Array.isArray(targets)) return targets;
      const outcome: Outcome = { success: [], failed: [] };
      for (const device of targets) (switchDevice(device, name === 'HassTurnOn', changes) ? outcome.success : outcome.failed).push(device);
      return actionDone(outcome);
    }
    case 'HassLightSet': {
      const args = LightSetArgs.safeParse(rawArgs);
      if (!args.success) return invalidInput(args.error, rawArgs);
      const { color, brightness, temperature: _kelvin, ...slots } = args.data;
      if (color === undefined && brightness === undefined && _kelvin === undefined) return fail('MultipleInvalid: must contain at least one of brightness, color, temperature.');
      const targets = targetsOrFailure(devices, slots, ['light']);
      if (!Array.isArray(targets)) return targets;
      for (const light of targets) {
        if (light.domain !== 'light') continue;
        if (color !== undefined) light.color = color;
        if (brightness !== undefined) light.brightness = brightness;
        // light.turn_on with brightness_pct 0 turns the light off, like HA.
        light.state = brightness === 0 ? 'off' : 'on';
      }
      return actionDone({ success: targets, failed: [] });
    }
    case 'HassClimateSetTemperature': {
      const args = ClimateArgs.safeParse(rawArgs);
      if (!args.success) return invalidInput(args.error, rawArgs);
      const { temperature, ...slots } = args.data;
      const noTarget = slots.name === undefined && slots.area === undefined && slots.floor === undefined;
      // With no target HA picks the only thermostat; the fake home has one.
      const targets = targetsOrFailure(devices, noTarget ? { domain: ['climate'] } : slots, ['climate']);
      if (!Array.isArray(targets)) return targets;
      for (const climate of targets) if (climate.domain === 'climate') climate.targetTemperature = temperature;
      return actionDone({ success: targets, failed: [] });
    }
    case 'GetLiveContext': {
      // Unlike the intent tools, GetLiveContext's schema allows no other keys; the MCP library refuses them.
      const extra = Object.keys(rawArgs)[0];
      if (extra !== undefined) return { text: `Input validation error: Additional properties are not allowed ('${extra}' was unexpected)`, isError: true };
      return { text: pyJson({ success: true, result: renderLiveContext([...devices.values()].sort((a, b) => a.name.localeCompare(b.name))) }), isError: false };
    }
    default:
      return fail(`Tool ${name.replace(/^unknown:/, "")} not found`);
  }
}
