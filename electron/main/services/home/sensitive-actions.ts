/**
 * Which Home Assistant tool calls need the person's approval: those that unlock a lock,
 * open a door/garage/gate cover, or disarm an alarm. The decision is a pure function of
 * the tool name, its arguments and the device list last read from GetLiveContext, so the
 * same call always gets the same answer for the same home. When in doubt it asks.
 *
 * Rules, in order:
 * 1. A tool whose name says Unlock, Open or Disarm (any case) is sensitive.
 * 2. Only the Assist API's targeting verbs can otherwise be sensitive; for each, these
 *    targets are: HassTurnOff → locks (unlock) and alarm panels (disarm);
 *    HassTurnOn → door-like covers (open); HassToggle → any of those;
 *    HassSetPosition → door-like covers unless the position is 0 (closed).
 *    Door-like covers have device_class door, garage or gate — or none known.
 *    Every other tool (HassLightSet, HassClimateSetTemperature, GetLiveContext, …) is not.
 * 3. Targets are found the way HA matches them: by name (or alias), area, domain and
 *    device_class, against the known devices. Floors are not in the device list, so a
 *    floor slot does not narrow the set (it can only add to what needs approval).
 * 4. A name not in the device list (or no list yet) is judged by its words: "lock",
 *    "deadbolt", "door", "garage", "gate", "alarm", "security" make it a possible lock,
 *    door cover or alarm. Without a name or a list, the domain / device_class slots are
 *    judged directly, and a bare area (no domain) is sensitive: it may reach a lock.
 * 5. A call with no target slot at all is not sensitive: HA refuses to target
 *    every device ("Service handler cannot target all devices").
 * 6. Arguments that are not an object of the expected shape make a targeting verb
 *    sensitive, since what they would touch cannot be known.
 */
import { z } from 'zod';
import type { KnownDevice } from './live-context.ts';

export type SensitiveVerdict = { sensitive: true; reason: string } | { sensitive: false };

const SENSITIVE_TOOL_NAME = /unlock|open|disarm/i;
const DOOR_LIKE_CLASSES = new Set(['door', 'garage', 'gate']);

type Verb = 'turn_on' | 'turn_off' | 'toggle' | 'set_position';
const VERBS: Record<string, Verb> = {
  HassTurnOn: 'turn_on',
  HassTurnOff: 'turn_off',
  HassToggle: 'toggle',
  HassSetPosition: 'set_position',
};

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

/** A device as far as sensitivity goes; guessed ones come from a name's words. */
type Candidate = { label: string; domain: string; deviceClass: string | null };

const norm = (s: string): string => s.trim().toLocaleLowerCase();
const isDoorLikeCover = (c: Candidate): boolean => c.domain === 'cover' && (c.deviceClass === null || DOOR_LIKE_CLASSES.has(c.deviceClass));

/** What the verb would do to this candidate that needs approval, if anything. */
function sensitiveEffect(verb: Verb, candidate: Candidate, args: TargetArgs): string | null {
  const unlocks = candidate.domain === 'lock';
  const disarms = candidate.domain === 'alarm_control_panel';
  const opens = isDoorLikeCover(candidate);
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

function guessFromName(name: string): Candidate[] {
  const words = new Set(norm(name).split(/[^\p{L}\p{N}]+/u));
  const has = (...w: string[]): boolean => w.some((x) => words.has(x));
  const guesses: Candidate[] = [];
  if (has('lock', 'deadbolt', 'door')) guesses.push({ label: name, domain: 'lock', deviceClass: null });
  if (has('door', 'garage', 'gate')) guesses.push({ label: name, domain: 'cover', deviceClass: has('garage') ? 'garage' : has('gate') ? 'gate' : 'door' });
  if (has('alarm', 'security')) guesses.push({ label: name, domain: 'alarm_control_panel', deviceClass: null });
  return guesses;
}

/** Without a name or a device list, the domain / device_class slots are all there is. */
function guessFromSlots(args: TargetArgs): Candidate[] {
  const where = args.area ?? args.floor ?? 'the home';
  const domains = args.domain?.map(norm);
  const classes = args.device_class?.map(norm);
  if (!domains && !classes) {
    // A bare area or floor: anything there may be a lock, a door or an alarm.
    return args.area !== undefined || args.floor !== undefined
      ? [
          { label: `everything in ${where}`, domain: 'lock', deviceClass: null },
          { label: `everything in ${where}`, domain: 'cover', deviceClass: null },
          { label: `everything in ${where}`, domain: 'alarm_control_panel', deviceClass: null },
        ]
      : [];
  }
  const coverClasses = classes ?? [null];
  return (domains ?? ['cover']).flatMap((domain) =>
    domain === 'cover'
      ? coverClasses.map((deviceClass) => ({ label: `${deviceClass ?? 'covers'} in ${where}`, domain, deviceClass }))
      : [{ label: `${domain.replaceAll('_', ' ')}s in ${where}`, domain, deviceClass: null }],
  );
}

function passesFilters(candidate: Candidate, args: TargetArgs): boolean {
  if (args.domain && !args.domain.some((d) => norm(d) === candidate.domain)) return false;
  // A guessed class is a guess: a device_class slot replaces it rather than excluding it.
  if (args.device_class && candidate.deviceClass !== null && !args.device_class.some((c) => norm(c) === candidate.deviceClass)) return false;
  return true;
}

function knownCandidates(devices: readonly KnownDevice[], args: TargetArgs): Candidate[] | null {
  let found = [...devices];
  if (args.name !== undefined) {
    const name = norm(args.name);
    found = found.filter((d) => d.names.some((n) => norm(n) === name));
    if (found.length === 0) return null; // Unknown name: fall back to its words.
  }
  if (args.area !== undefined) {
    const area = norm(args.area);
    found = found.filter((d) => d.areas.some((a) => norm(a) === area));
  }
  return found.map((d) => ({ label: d.names[0] ?? d.domain, domain: norm(d.domain), deviceClass: d.deviceClass === null ? null : norm(d.deviceClass) }));
}

function candidatesFor(args: TargetArgs, devices: readonly KnownDevice[] | null): Candidate[] {
  if (devices) {
    const known = knownCandidates(devices, args);
    if (known) return known;
  }
  if (args.name !== undefined) {
    const fromName = guessFromName(args.name);
    return args.device_class ? fromName.map((c) => (c.domain === 'cover' ? { ...c, deviceClass: norm(args.device_class![0]!) } : c)) : fromName;
  }
  return devices ? [] : guessFromSlots(args);
}

export function judgeHomeAction(toolName: string, args: unknown, devices: readonly KnownDevice[] | null): SensitiveVerdict {
  if (SENSITIVE_TOOL_NAME.test(toolName)) return { sensitive: true, reason: `run ${toolName} (it can unlock, open or disarm things)` };
  const verb = VERBS[toolName];
  if (!verb) return { sensitive: false };
  const parsed = TargetArgs.safeParse(args ?? {});
  if (!parsed.success) return { sensitive: true, reason: `run ${toolName} with arguments that cannot be checked` };
  const { name, area, floor, domain, device_class } = parsed.data;
  if (name === undefined && area === undefined && floor === undefined && !domain?.length && !device_class?.length) return { sensitive: false };
  const effects = candidatesFor(parsed.data, devices).flatMap((candidate) => {
    if (!passesFilters(candidate, parsed.data)) return [];
    const effect = sensitiveEffect(verb, candidate, parsed.data);
    return effect ? [`${effect} ${candidate.label}`] : [];
  });
  const unique = [...new Set(effects)];
  return unique.length > 0 ? { sensitive: true, reason: unique.join(', ') } : { sensitive: false };
}

/** Whether the device list can change this tool's verdict (the targeting verbs only). */
export function judgedByDevices(toolName: string): boolean {
  return !SENSITIVE_TOOL_NAME.test(toolName) && toolName in VERBS;
}

/** A name the list does not know: the list may be out of date, so read it again. */
export function namesUnknownDevice(args: unknown, devices: readonly KnownDevice[]): boolean {
  const parsed = TargetArgs.safeParse(args ?? {});
  if (!parsed.success || parsed.data.name === undefined) return false;
  const name = norm(parsed.data.name);
  return !devices.some((d) => d.names.some((n) => norm(n) === name));
}

export function isSensitiveHomeAction(toolName: string, args: unknown, devices: readonly KnownDevice[] | null): boolean {
  return judgeHomeAction(toolName, args, devices).sensitive;
}
