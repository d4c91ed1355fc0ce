/**
 * Which Home Assistant tool calls need the person's approval. The principle: ask unless
 * the call is known to be harmless. A call needs approval when what it could touch
 * includes a lock it would unlock, a door/garage/gate cover (or a cover of unknown
 * class) it would open, or an alarm panel it would disarm. The verdict is a pure
 * function of the resolved tool (tool-intents.ts), its arguments and the device list
 * last read from GetLiveContext.
 *
 * Rules, in order:
 * 1. Read-only tools (GetLiveContext, GetDateTime, HassGetState, calendar and to-do
 *    reads) never ask.
 * 2. A tool whose intent says Unlock, Open or Disarm asks.
 * 3. Tools known to be harmless for locks, doors and alarms (HassLightSet only reaches
 *    lights, HassStopMoving stops a cover where it is, timers, media, …) do not ask.
 * 4. The four switching intents are judged by their targets: HassTurnOff unlocks locks
 *    and disarms alarms, HassTurnOn opens covers, HassToggle may do any of those,
 *    HassSetPosition opens a cover unless the position is 0.
 * 5. Every other tool asks: FROK cannot tell what it does.
 *
 * Targets are matched the way HA matches them: names and aliases, areas and their
 * aliases, domain and device_class slots; `name: "all"` is no name constraint. Floors are
 * not in the device list, so a floor slot never narrows the set. A name that matches no
 * known device — or no device list at all — is judged by what it could be: any lock,
 * cover or alarm the other slots allow. A call with no constraint at all is refused by
 * HA ("Service handler cannot target all devices"), so it does not ask. Arguments of an
 * unexpected shape ask, since what they would touch cannot be known.
 */
import { tr } from '../../i18n/index.ts';
import { z } from 'zod';
import type { KnownDevice } from './live-context.ts';
import type { ResolvedHomeTool } from './tool-intents.ts';

/** `prompt` is the question for the person, e.g. "Unlock Front Door (Hallway)?". */
export type SensitiveVerdict = { sensitive: true; prompt: string } | { sensitive: false };

const READ_ONLY = new Set(['GetLiveContext', 'GetDateTime', 'HassGetState', 'HassGetWeather', 'HassGetCurrentDate', 'HassGetCurrentTime', 'get_events', 'get_items', 'todo_get_items', 'calendar_get_events']);
const HARMLESS = new Set([
  'HassLightSet',
  'HassClimateSetTemperature',
  'HassStopMoving',
  'HassCancelAllTimers',
  'HassStartTimer',
  'HassCancelTimer',
  'HassIncreaseTimer',
  'HassDecreaseTimer',
  'HassPauseTimer',
  'HassUnpauseTimer',
  'HassTimerStatus',
  'HassMediaPause',
  'HassMediaUnpause',
  'HassMediaNext',
  'HassMediaPrevious',
  'HassSetVolume',
  'HassSetVolumeRelative',
  'HassMediaSearchAndPlay',
  'HassListAddItem',
  'HassListCompleteItem',
  'HassShoppingListAddItem',
  'HassBroadcast',
  'HassVacuumStart',
  'HassVacuumReturnToBase',
  'HassFanSetSpeed',
  'HassNevermind',
  'HassRespond',
]);
const SENSITIVE_INTENT = /unlock|open|disarm/i;
const DOOR_LIKE_CLASSES = new Set(['door', 'garage', 'gate']);

type Verb = 'turn_on' | 'turn_off' | 'toggle' | 'set_position';
const VERBS: Record<string, Verb> = { HassTurnOn: 'turn_on', HassTurnOff: 'turn_off', HassToggle: 'toggle', HassSetPosition: 'set_position' };
type Effect = 'unlock' | 'open' | 'disarm';

const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const TargetArgs = z.looseObject({
  name: z.string().optional(),
  area: z.string().optional(),
  floor: z.string().optional(),
  domain: oneOrMany.optional(),
  device_class: oneOrMany.optional(),
  position: z.number().optional(),
});
type TargetArgs = z.infer<typeof TargetArgs>;

/** A device that could be touched; `known: false` is one we only suppose could exist. */
type Candidate = { known: boolean; label: string; area: string | null; domain: string; deviceClass: string | null };

const norm = (s: string): string => s.trim().toLocaleLowerCase();
const isDoorLikeCover = (c: Candidate): boolean => c.domain === 'cover' && (c.deviceClass === null || DOOR_LIKE_CLASSES.has(c.deviceClass));

function effectOn(verb: Verb, c: Candidate, args: TargetArgs): Effect | null {
  const unlocks = c.domain === 'lock';
  const disarms = c.domain === 'alarm_control_panel';
  const opens = isDoorLikeCover(c);
  switch (verb) {
    case 'turn_off':
      return unlocks ? 'unlock' : disarms ? 'disarm' : null;
    case 'turn_on':
      return opens ? 'open' : null;
    case 'toggle':
      return unlocks ? 'unlock' : disarms ? 'disarm' : opens ? 'open' : null;
    case 'set_position':
      return opens && args.position !== 0 ? 'open' : null;
  }
}

function passesSlots(c: Candidate, args: TargetArgs): boolean {
  if (args.domain && !args.domain.some((d) => norm(d) === c.domain)) return false;
  if (args.device_class) {
    // HA matches device_class against the entity's attribute: no class, no match.
    if (c.deviceClass === null) return false;
    if (!args.device_class.some((d) => norm(d) === c.deviceClass)) return false;
  }
  return true;
}

/** Everything that could be a lock, a door or an alarm; a supposed cover has whichever class is asked for. */
function supposed(label: string, area: string | null, args: TargetArgs): Candidate[] {
  const coverClasses = args.device_class?.map(norm) ?? [null];
  return [
    { known: false, label, area, domain: 'lock', deviceClass: null },
    ...coverClasses.map((deviceClass) => ({ known: false, label, area, domain: 'cover', deviceClass })),
    { known: false, label, area, domain: 'alarm_control_panel', deviceClass: null },
  ];
}

function candidatesFor(args: TargetArgs, devices: readonly KnownDevice[] | null): Candidate[] {
  const where = args.area ?? null;
  if (!devices) return supposed(args.name ?? '', where, args);
  let found = [...devices];
  if (args.name !== undefined) {
    const name = norm(args.name);
    found = found.filter((d) => d.names.some((n) => norm(n) === name));
    if (found.length === 0) return supposed(args.name, where, args); // The list may not know it yet.
  }
  if (args.area !== undefined) {
    const area = norm(args.area);
    found = found.filter((d) => d.areas.some((a) => norm(a) === area));
  }
  return found.map((d) => ({
    known: true,
    label: d.names[0] ?? d.domain,
    area: d.areas[0] ?? null,
    domain: norm(d.domain),
    deviceClass: d.deviceClass === null ? null : norm(d.deviceClass),
  }));
}

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase() + s.slice(1);
function listWords(words: string[], last: 'and' | 'or'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${tr(`errors:approval.${last}`)} ${words.at(-1)}`;
}

function exactPrompt(hits: { effect: Effect; c: Candidate }[]): string {
  const parts = hits.map(({ effect, c }) => {
    const showArea = c.area !== null && !norm(c.label).includes(norm(c.area));
    return tr(`errors:approval.exact.${effect}`, { device: `${c.label}${showArea ? ` (${c.area})` : ''}` });
  });
  return tr('errors:approval.exact.question', { actions: capitalise(listWords([...new Set(parts)], 'and')) });
}

function vaguePrompt(hits: { effect: Effect; c: Candidate }[], args: TargetArgs): string {
  const effects = (['unlock', 'open', 'disarm'] as const).filter((e) => hits.some((h) => h.effect === e));
  const alarms = hits.some((h) => h.c.domain === 'alarm_control_panel');
  const doors = hits.some((h) => h.c.domain !== 'alarm_control_panel');
  const what =
    args.name !== undefined ? tr('errors:approval.vague.named', { name: args.name }) : tr(`errors:approval.vague.${doors && alarms ? 'doorsOrAlarms' : alarms ? 'alarms' : 'doors'}`);
  const where =
    args.area !== undefined
      ? tr('errors:approval.vague.inArea', { area: args.area })
      : args.floor !== undefined
        ? tr('errors:approval.vague.onFloor', { floor: args.floor })
        : args.name !== undefined
          ? ''
          : tr('errors:approval.vague.anywhere');
  const verbs = listWords(effects.map((e) => tr(`errors:approval.verb.${e}`)), 'or');
  return tr('errors:approval.vague.sentence', { verbs, what, where });
}

export function judgeHomeAction(tool: ResolvedHomeTool, args: unknown, devices: readonly KnownDevice[] | null): SensitiveVerdict {
  const { intent } = tool;
  if (READ_ONLY.has(intent)) return { sensitive: false };
  if (SENSITIVE_INTENT.test(intent)) return { sensitive: true, prompt: tr('errors:approval.run.sensitive', { intent }) };
  if (HARMLESS.has(intent)) return { sensitive: false };
  const verb = VERBS[intent];
  if (!verb) {
    return { sensitive: true, prompt: tr(tool.targets ? 'errors:approval.run.unknownWithTargets' : 'errors:approval.run.unknown', { intent }) };
  }
  const parsed = TargetArgs.safeParse(args ?? {});
  if (!parsed.success) return { sensitive: true, prompt: tr('errors:approval.run.uncheckedArguments', { intent }) };
  const slots: TargetArgs = { ...parsed.data };
  if (slots.name !== undefined && norm(slots.name) === 'all') delete slots.name; // HA: "all" is no name constraint.
  if (slots.name === undefined && slots.area === undefined && slots.floor === undefined && !slots.domain?.length && !slots.device_class?.length) {
    return { sensitive: false };
  }
  const hits = candidatesFor(slots, devices).flatMap((c) => {
    if (!passesSlots(c, slots)) return [];
    const effect = effectOn(verb, c, slots);
    return effect ? [{ effect, c }] : [];
  });
  if (hits.length === 0) return { sensitive: false };
  const exact = hits.every((h) => h.c.known) && slots.floor === undefined;
  return { sensitive: true, prompt: exact ? exactPrompt(hits) : vaguePrompt(hits, slots) };
}

/** Whether the device list can change this tool's verdict (the switching intents only). */
export function judgedByDevices(tool: ResolvedHomeTool): boolean {
  return tool.intent in VERBS;
}

/** A name the list does not know: the list may be out of date, so read it again. */
export function namesUnknownDevice(args: unknown, devices: readonly KnownDevice[]): boolean {
  const parsed = TargetArgs.safeParse(args ?? {});
  if (!parsed.success || parsed.data.name === undefined || norm(parsed.data.name) === 'all') return false;
  const name = norm(parsed.data.name);
  return !devices.some((d) => d.names.some((n) => norm(n) === name));
}
