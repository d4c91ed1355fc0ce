// The fake home: a handful of entities with real, changing state, and HA-style target
// matching (name / area / floor / domain / device_class) used by every intent tool.

/** Names a device also answers to (HA's entity aliases), as GetLiveContext lists them. */
type Aliased = { aliases?: string[] };

export type LightState = Aliased & {
  domain: 'light';
  entityId: string;
  name: string;
  area: string;
  state: 'on' | 'off';
  /** Percent, 0–100 (HA's intents speak percent; the entity stores 0–255). */
  brightness: number;
  /** A colour name as HassLightSet takes it, or null for white. */
  color: string | null;
};

export type ClimateState = Aliased & {
  domain: 'climate';
  entityId: string;
  name: string;
  area: string;
  /** The hvac mode is the entity state in HA. */
  state: 'heat' | 'cool' | 'auto' | 'off';
  currentTemperature: number;
  targetTemperature: number;
};

export type LockState = Aliased & {
  domain: 'lock';
  entityId: string;
  name: string;
  area: string;
  state: 'locked' | 'unlocked';
};

export const COVER_CLASSES = ['awning', 'blind', 'curtain', 'damper', 'door', 'garage', 'gate', 'shade', 'shutter', 'window'] as const;

export type CoverState = Aliased & {
  domain: 'cover';
  entityId: string;
  name: string;
  area: string;
  /** null: the integration set no class (HA then treats it as a plain cover). */
  deviceClass: (typeof COVER_CLASSES)[number] | null;
  state: 'open' | 'closed';
  /** HA's `current_position`, 0 (closed) to 100 (open). */
  position: number;
};

export type AlarmState = Aliased & {
  domain: 'alarm_control_panel';
  entityId: string;
  name: string;
  area: string;
  state: 'armed_home' | 'armed_away' | 'disarmed';
};

export type DeviceState = LightState | ClimateState | LockState | CoverState | AlarmState;

export type DeviceMap = Map<string, DeviceState>;

/** Which floor each area is on, for the `floor` slot. */
export const AREA_FLOORS: Readonly<Record<string, string>> = {
  'Living Room': 'Ground Floor',
  Kitchen: 'Ground Floor',
  Hallway: 'Ground Floor',
  Garage: 'Ground Floor',
  Bedroom: 'Upstairs',
  Garden: 'Ground Floor',
  Attic: 'Upstairs',
};

/** Area aliases, as HA's area registry keeps them (GetLiveContext lists them after the name). */
export const AREA_ALIASES: Readonly<Record<string, string[]>> = { Hallway: ['Entry'], Garden: ['Backyard'] };

export type HomeKind = 'small' | 'full';

export function createDevices(kind: HomeKind = 'small'): DeviceMap {
  const devices: DeviceState[] = [
    { domain: 'light', entityId: 'light.living_room_lamp', name: 'Living Room Lamp', area: 'Living Room', state: 'off', brightness: 0, color: null },
    { domain: 'light', entityId: 'light.kitchen_ceiling', name: 'Kitchen Ceiling', area: 'Kitchen', state: 'on', brightness: 80, color: null },
    {
      domain: 'climate',
      entityId: 'climate.hallway_thermostat',
      name: 'Hallway Thermostat',
      area: 'Hallway',
      state: 'heat',
      currentTemperature: 19.5,
      targetTemperature: 20,
    },
    { domain: 'lock', entityId: 'lock.front_door', name: 'Front Door', area: 'Hallway', state: 'locked' },
    { domain: 'cover', entityId: 'cover.garage_door', name: 'Garage Door', area: 'Garage', deviceClass: 'garage', state: 'closed', position: 0 },
    { domain: 'cover', entityId: 'cover.bedroom_blinds', name: 'Bedroom Blinds', area: 'Bedroom', deviceClass: 'blind', state: 'closed', position: 0 },
    { domain: 'alarm_control_panel', entityId: 'alarm_control_panel.home_alarm', name: 'Home Alarm', area: 'Hallway', state: 'armed_home' },
  ];
  if (kind === 'full') devices.push(...fullHomeExtras());
  return new Map(devices.map((d) => [d.entityId, d]));
}

/** The larger home the safety property test runs over: aliases, more locks and alarms, a cover of every class. */
function fullHomeExtras(): DeviceState[] {
  const covers = COVER_CLASSES.map(
    (deviceClass, i): CoverState => ({
      domain: 'cover',
      entityId: `cover.${deviceClass}_${i}`,
      name: `${deviceClass[0]!.toUpperCase()}${deviceClass.slice(1)} ${i}`,
      area: i % 2 === 0 ? 'Garden' : 'Attic',
      deviceClass,
      state: 'closed',
      position: 0,
    }),
  );
  return [
    { domain: 'lock', entityId: 'lock.back_door', name: 'Back Door', aliases: ['Kitchen Door'], area: 'Kitchen', state: 'locked' },
    { domain: 'lock', entityId: 'lock.shed', name: 'Shed', area: 'Garden', state: 'locked' },
    { domain: 'alarm_control_panel', entityId: 'alarm_control_panel.garage_alarm', name: 'Garage Alarm', aliases: ['Workshop Alarm'], area: 'Garage', state: 'armed_away' },
    { domain: 'cover', entityId: 'cover.mystery', name: 'Mystery Cover', area: 'Attic', deviceClass: null, state: 'closed', position: 0 },
    { domain: 'light', entityId: 'light.porch', name: 'Porch Light', aliases: ['Door Light'], area: 'Garden', state: 'off', brightness: 0, color: null },
    ...covers,
  ];
}

export function deviceClassOf(device: DeviceState): string | undefined {
  return device.domain === 'cover' ? (device.deviceClass ?? undefined) : undefined;
}

const namesOf = (d: DeviceState): string[] => [d.name, ...(d.aliases ?? [])];
const areaNames = (area: string): string[] => [area, ...(AREA_ALIASES[area] ?? [])];

/** The slots every targeting intent accepts. */
export type TargetSlots = {
  name?: string;
  area?: string;
  floor?: string;
  domain?: string[];
  device_class?: string[];
};

export type MatchResult =
  | { ok: true; devices: DeviceState[] }
  | { ok: false; reason: 'INVALID_AREA' | 'INVALID_FLOOR' | 'NAME' | 'AREA' | 'FLOOR' | 'DOMAIN' | 'DEVICE_CLASS' | 'NO_TARGET' };

const same = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * HA's matcher, reduced: every slot given narrows the set, names match whole names
 * case-insensitively, and the first slot that empties the set names the failure.
 */
export function matchTargets(devices: DeviceMap, slots: TargetSlots, implicitDomains?: string[]): MatchResult {
  // HA's intent handlers read the name "all" as no name constraint.
  if (slots.name !== undefined && same(slots.name, 'all')) {
    const { name: _all, ...rest } = slots;
    slots = rest;
  }
  if (slots.name === undefined && slots.area === undefined && slots.floor === undefined && !slots.domain?.length && !slots.device_class?.length) {
    return { ok: false, reason: 'NO_TARGET' };
  }
  if (slots.area !== undefined && !Object.keys(AREA_FLOORS).some((a) => areaNames(a).some((n) => same(n, slots.area!)))) return { ok: false, reason: 'INVALID_AREA' };
  if (slots.floor !== undefined && !Object.values(AREA_FLOORS).some((f) => same(f, slots.floor!))) return { ok: false, reason: 'INVALID_FLOOR' };

  let found = [...devices.values()];
  const narrow = (keep: (d: DeviceState) => boolean, reason: Exclude<MatchResult, { ok: true }>['reason']): MatchResult | null => {
    found = found.filter(keep);
    return found.length === 0 ? { ok: false, reason } : null;
  };
  const failures = [
    slots.name !== undefined ? () => narrow((d) => namesOf(d).some((n) => same(n, slots.name!)), 'NAME') : null,
    slots.area !== undefined ? () => narrow((d) => areaNames(d.area).some((n) => same(n, slots.area!)), 'AREA') : null,
    slots.floor !== undefined ? () => narrow((d) => same(AREA_FLOORS[d.area] ?? '', slots.floor!), 'FLOOR') : null,
    slots.domain?.length ? () => narrow((d) => slots.domain!.some((x) => same(x, d.domain)), 'DOMAIN') : null,
    implicitDomains ? () => narrow((d) => implicitDomains.includes(d.domain), 'DOMAIN') : null,
    slots.device_class?.length ? () => narrow((d) => slots.device_class!.some((x) => same(x, deviceClassOf(d) ?? '')), 'DEVICE_CLASS') : null,
  ];
  for (const step of failures) {
    const failed = step?.();
    if (failed) return failed;
  }
  return { ok: true, devices: found };
}
