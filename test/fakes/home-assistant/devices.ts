// The fake home: a handful of entities with real, changing state, and HA's target
// matching (helpers/intent.py `async_match_targets`) used by every intent tool and by
// GetLiveContext's filters.

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

/** homeassistant/components/cover/const.py `CoverDeviceClass`, in declaration order. */
export const COVER_CLASSES = ['awning', 'blind', 'curtain', 'damper', 'door', 'garage', 'gate', 'shade', 'shutter', 'window'] as const;
/**
 * The flattened `device_class` enum of HassTurnOn/HassTurnOff (intent/__init__.py
 * `ONOFF_DEVICE_CLASSES` = Switch, Button, Cover, MediaPlayer and Valve device classes).
 * HA builds it from a set of enum classes, so its order varies between HA processes; this
 * is the order a 2026.9.2 HA was seen to send.
 */
export const ONOFF_DEVICE_CLASSES = ['outlet', 'switch', 'identify', 'restart', 'update', ...COVER_CLASSES, 'tv', 'speaker', 'receiver', 'projector', 'water', 'gas'] as const;
/** HassSetPosition / HassStopMoving: Cover and Valve device classes. */
export const POSITION_DEVICE_CLASSES = [...COVER_CLASSES, 'water', 'gas'] as const;

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

/** HA's area and floor ids: the slugified name, as the registries create them. */
export const slugId = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** The constraints of HA's `async_match_targets` (helpers/intent.py `MatchTargetsConstraints`). */
export type MatchConstraints = {
  name?: string | undefined;
  area?: string | undefined;
  floor?: string | undefined;
  domains?: string[] | undefined;
  deviceClasses?: string[] | undefined;
  allowDuplicateNames?: boolean;
};

/** HA's `MatchFailedReason`, with the numbers `enum.auto()` gives them. */
export const MATCH_FAILED_REASONS = { NAME: 1, AREA: 2, FLOOR: 3, DOMAIN: 4, DEVICE_CLASS: 5, FEATURE: 6, STATE: 7, ASSISTANT: 8, INVALID_AREA: 9, INVALID_FLOOR: 10, DUPLICATE_NAME: 11 } as const;
export type MatchFailedReason = keyof typeof MATCH_FAILED_REASONS;

export type Place = { name: string; id: string };

export type MatchResult =
  | { ok: true; devices: DeviceState[]; areas: Place[]; floors: Place[] }
  | { ok: false; reason: MatchFailedReason; noMatchName?: string; areas: Place[]; floors: Place[] };

/** `_normalize_name`: strip and casefold. */
const normalize = (s: string): string => s.trim().toLowerCase();

/**
 * HA's `async_match_targets`, step for step: domain, then (only if a name, device class,
 * area or floor is asked for) name or alias or entity id, device class, floor, area, and
 * last the duplicate-name check. The first step that empties the set names the failure.
 */
export function matchTargets(devices: DeviceMap, c: MatchConstraints): MatchResult {
  let found = [...devices.values()];
  const fail = (reason: MatchFailedReason, extra: Partial<Extract<MatchResult, { ok: false }>> = {}): MatchResult => ({ ok: false, reason, areas: [], floors: [], ...extra });
  if (c.domains?.length) {
    found = found.filter((d) => c.domains!.includes(d.domain));
    if (found.length === 0) return fail('DOMAIN');
  }
  if (!c.name && !c.deviceClasses?.length && !c.area && !c.floor) return { ok: true, devices: found, areas: [], floors: [] };
  if (c.name) {
    const wanted = normalize(c.name);
    found = found.filter((d) => d.entityId === c.name || [d.name, ...(d.aliases ?? [])].some((n) => normalize(n) === wanted));
    if (found.length === 0) return fail('NAME');
  }
  if (c.deviceClasses?.length) {
    found = found.filter((d) => {
      const deviceClass = deviceClassOf(d);
      return deviceClass !== undefined && c.deviceClasses!.includes(deviceClass);
    });
    if (found.length === 0) return fail('DEVICE_CLASS');
  }
  let floors: Place[] = [];
  let areas: Place[] = [];
  if (c.floor || c.area) {
    let possibleAreas = Object.keys(AREA_FLOORS);
    if (c.floor) {
      const wanted = normalize(c.floor);
      floors = [...new Set(Object.values(AREA_FLOORS))].filter((f) => slugId(f) === c.floor || normalize(f) === wanted).map((f) => ({ name: f, id: slugId(f) }));
      if (floors.length === 0) return fail('INVALID_FLOOR', { noMatchName: c.floor });
      possibleAreas = possibleAreas.filter((a) => floors.some((f) => f.name === AREA_FLOORS[a]));
      found = found.filter((d) => possibleAreas.includes(d.area));
      if (found.length === 0) return fail('FLOOR', { floors });
    }
    if (c.area) {
      const wanted = normalize(c.area);
      areas = Object.keys(AREA_FLOORS)
        .filter((a) => slugId(a) === c.area || [a, ...(AREA_ALIASES[a] ?? [])].some((n) => normalize(n) === wanted))
        .map((a) => ({ name: a, id: slugId(a) }));
      if (areas.length === 0) return fail('INVALID_AREA', { noMatchName: c.area });
      possibleAreas = possibleAreas.filter((a) => areas.some((x) => x.name === a));
      found = found.filter((d) => possibleAreas.includes(d.area));
      if (found.length === 0) return fail('AREA', { areas });
    }
  }
  // Every candidate matched the one name given, so two or more of them are duplicates HA cannot tell apart.
  if (c.name && !c.allowDuplicateNames && found.length > 1) return fail('DUPLICATE_NAME', { noMatchName: c.name, areas, floors });
  return { ok: true, devices: found, areas, floors };
}
