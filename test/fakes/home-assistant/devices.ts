// The fake home: a handful of entities with real, changing state, and HA-style target
// matching (name / area / floor / domain / device_class) used by every intent tool.

export type LightState = {
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

export type ClimateState = {
  domain: 'climate';
  entityId: string;
  name: string;
  area: string;
  /** The hvac mode is the entity state in HA. */
  state: 'heat' | 'cool' | 'auto' | 'off';
  currentTemperature: number;
  targetTemperature: number;
};

export type LockState = {
  domain: 'lock';
  entityId: string;
  name: string;
  area: string;
  state: 'locked' | 'unlocked';
};

export type CoverState = {
  domain: 'cover';
  entityId: string;
  name: string;
  area: string;
  deviceClass: 'garage' | 'door' | 'gate' | 'blind' | 'shade';
  state: 'open' | 'closed';
};

export type AlarmState = {
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
};

export function createDevices(): DeviceMap {
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
    { domain: 'cover', entityId: 'cover.garage_door', name: 'Garage Door', area: 'Garage', deviceClass: 'garage', state: 'closed' },
    { domain: 'cover', entityId: 'cover.bedroom_blinds', name: 'Bedroom Blinds', area: 'Bedroom', deviceClass: 'blind', state: 'closed' },
    { domain: 'alarm_control_panel', entityId: 'alarm_control_panel.home_alarm', name: 'Home Alarm', area: 'Hallway', state: 'armed_home' },
  ];
  return new Map(devices.map((d) => [d.entityId, d]));
}

export function deviceClassOf(device: DeviceState): string | undefined {
  return device.domain === 'cover' ? device.deviceClass : undefined;
}

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
  if (slots.name === undefined && slots.area === undefined && slots.floor === undefined && !slots.domain?.length && !slots.device_class?.length) {
    return { ok: false, reason: 'NO_TARGET' };
  }
  if (slots.area !== undefined && !Object.keys(AREA_FLOORS).some((a) => same(a, slots.area!))) return { ok: false, reason: 'INVALID_AREA' };
  if (slots.floor !== undefined && !Object.values(AREA_FLOORS).some((f) => same(f, slots.floor!))) return { ok: false, reason: 'INVALID_FLOOR' };

  let found = [...devices.values()];
  const narrow = (keep: (d: DeviceState) => boolean, reason: Exclude<MatchResult, { ok: true }>['reason']): MatchResult | null => {
    found = found.filter(keep);
    return found.length === 0 ? { ok: false, reason } : null;
  };
  const failures = [
    slots.name !== undefined ? () => narrow((d) => same(d.name, slots.name!), 'NAME') : null,
    slots.area !== undefined ? () => narrow((d) => same(d.area, slots.area!), 'AREA') : null,
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
