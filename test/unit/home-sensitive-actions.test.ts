// Which Home Assistant calls need the person's approval, across the argument shapes a
// model actually sends, with and without a device list, under both of HA's naming schemes.
import { describe, expect, it } from 'vitest';
import type { KnownDevice } from '../../electron/main/services/home/live-context.ts';
import { judgeHomeAction, judgedByDevices, namesUnknownDevice } from '../../electron/main/services/home/sensitive-actions.ts';
import { intentOf, resolveHomeTool } from '../../electron/main/services/home/tool-intents.ts';

const TARGETING = { type: 'object', properties: { name: { type: 'string' }, area: { type: 'string' }, domain: { type: 'array' } } };
const tool = (name: string, inputSchema: unknown = TARGETING) => resolveHomeTool({ name, inputSchema: inputSchema as never });
const sensitive = (name: string, args: unknown, devices: KnownDevice[] | null): boolean => judgeHomeAction(tool(name), args, devices).sensitive;

const device = (name: string, domain: string, area: string, deviceClass: string | null = null): KnownDevice => ({
  names: name.split(', '),
  domain,
  areas: area.split(', '),
  deviceClass,
  state: null,
});

const HOME: KnownDevice[] = [
  device('Living Room Lamp', 'light', 'Living Room'),
  device('Kitchen Ceiling', 'light', 'Kitchen'),
  device('Hallway Thermostat', 'climate', 'Hallway, Entry'),
  device('Front Door, Entrance', 'lock', 'Hallway, Entry'),
  device('Garage Door', 'cover', 'Garage', 'garage'),
  device('Bedroom Blinds', 'cover', 'Bedroom', 'blind'),
  device('Side Gate', 'cover', 'Garden', 'gate'),
  device('Porch', 'lock', 'Garden'),
  device('Home Alarm', 'alarm_control_panel', 'Hallway, Entry'),
  device('Door Light', 'light', 'Hallway, Entry'),
];

describe('tool names as HA gives them', () => {
  it.each([
    ['HassTurnOff', 'HassTurnOff'],
    ['intent__HassTurnOff', 'HassTurnOff'],
    ['homeassistant__GetLiveContext', 'GetLiveContext'],
    ['calendar__get_events', 'get_events'],
    ['my_api_2__HassTurnOn', 'HassTurnOn'],
    // Several LLM APIs configured: HA prefixes twice.
    ['assist__homeassistant__GetLiveContext', 'GetLiveContext'],
    ['assist__intent__HassTurnOff', 'HassTurnOff'],
    ['assist__todo__get_items', 'get_items'],
  ])('%s resolves to %s', (name, intent) => {
    expect(intentOf(name)).toBe(intent);
  });

  it('judges a prefixed call exactly as the bare one', () => {
    for (const [name, args] of [
      ['HassTurnOff', { name: 'Front Door' }],
      ['HassTurnOn', { name: 'Garage Door' }],
      ['HassTurnOn', { name: 'Kitchen Ceiling' }],
    ] as const) {
      expect(judgeHomeAction(tool(`intent__${name}`), args, HOME)).toEqual(judgeHomeAction(tool(name), args, HOME));
    }
    expect(sensitive('intent__HassTurnOff', { name: 'Front Door' }, HOME)).toBe(true);
  });

  it('a name cut to 64 characters with a hash is unknown, so a targeting call asks', () => {
    expect(sensitive('intent__HassTurnOffSomethingVeryLongThatHomeAssistantCut_3f9a2b1c', { name: 'Kitchen Ceiling' }, HOME)).toBe(true);
  });
});

describe('ask unless known harmless', () => {
  it.each(['HassUnlock', 'HassOpenCover', 'alarm_disarm', 'DISARM_ALARM', 'open_garage', 'unlock_door', 'script__unlock_all'])('%s always needs approval', (name) => {
    expect(sensitive(name, {}, HOME)).toBe(true);
    expect(sensitive(name, { name: 'Kitchen Ceiling' }, null)).toBe(true);
  });

  it.each(['HassLightSet', 'intent__HassLightSet', 'HassClimateSetTemperature', 'HassMediaPause', 'HassListAddItem', 'HassStopMoving', 'HassCancelAllTimers'])('%s, known harmless, never does', (name) => {
    expect(sensitive(name, { name: 'Front Door' }, HOME)).toBe(false);
    expect(sensitive(name, { area: 'Hallway' }, null)).toBe(false);
  });

  it.each(['GetLiveContext', 'homeassistant__GetLiveContext', 'llm__GetDateTime', 'calendar__get_events', 'todo__get_items', 'HassGetState'])('%s, read-only, never does', (name) => {
    expect(sensitive(name, { name: 'Front Door' }, HOME)).toBe(false);
  });

  it('a targeting tool FROK does not recognise asks, and says it cannot tell', () => {
    expect(judgeHomeAction(tool('intent__HassSomethingNew'), { name: 'Kitchen Ceiling' }, HOME)).toEqual({
      sensitive: true,
      prompt: 'Run “HassSomethingNew”? FROK cannot tell what it does, and it may reach locks, doors or alarms.',
    });
  });
});

describe('with the device list', () => {
  it.each([
    ['HassTurnOff', { name: 'Front Door' }, 'Unlock Front Door (Hallway)?'],
    ['HassTurnOff', { name: 'front door' }, 'Unlock Front Door (Hallway)?'],
    ['HassTurnOff', { name: '  Front Door ' }, 'Unlock Front Door (Hallway)?'],
    ['HassTurnOff', { name: 'Entrance' }, 'Unlock Front Door (Hallway)?'],
    ['HassTurnOff', { name: 'Porch' }, 'Unlock Porch (Garden)?'],
    ['HassTurnOff', { domain: ['lock'] }, 'Unlock Front Door (Hallway) and unlock Porch (Garden)?'],
    ['HassTurnOff', { name: 'all', domain: ['lock'] }, 'Unlock Front Door (Hallway) and unlock Porch (Garden)?'],
    ['HassTurnOff', { domain: 'lock', area: 'Garden' }, 'Unlock Porch (Garden)?'],
    ['HassTurnOff', { name: 'Home Alarm' }, 'Disarm Home Alarm (Hallway)?'],
    ['HassTurnOff', { area: 'Hallway' }, 'Unlock Front Door (Hallway) and disarm Home Alarm (Hallway)?'],
    ['HassTurnOff', { area: 'entry' }, 'Unlock Front Door (Hallway) and disarm Home Alarm (Hallway)?'],
    ['HassTurnOff', { floor: 'Upstairs' }, 'This may unlock or disarm doors or alarms on Upstairs.'],
    ['HassTurnOn', { name: 'Garage Door' }, 'Open Garage Door?'],
    ['HassTurnOn', { name: 'Side Gate' }, 'Open Side Gate (Garden)?'],
    ['HassTurnOn', { domain: ['cover'], device_class: ['garage'] }, 'Open Garage Door?'],
    ['HassTurnOn', { name: 'all', device_class: ['garage'] }, 'Open Garage Door?'],
    ['HassTurnOn', { device_class: ['gate', 'garage'] }, 'Open Garage Door and open Side Gate (Garden)?'],
    ['HassTurnOn', { area: 'Garage' }, 'Open Garage Door?'],
    ['HassToggle', { name: 'Front Door' }, 'Unlock Front Door (Hallway)?'],
    ['HassToggle', { name: 'Garage Door' }, 'Open Garage Door?'],
    ['HassSetPosition', { name: 'Garage Door', position: 40 }, 'Open Garage Door?'],
    ['HassSetPosition', { name: 'Garage Door' }, 'Open Garage Door?'],
    ['HassTurnOff', { name: 'Cellar Door' }, 'This may unlock or disarm “Cellar Door”.'],
    ['HassTurnOff', { name: 'Cellar Door', area: 'Hallway' }, 'This may unlock or disarm “Cellar Door” in Hallway.'],
  ])('%s %j → %s', (name, args, prompt) => {
    expect(judgeHomeAction(tool(name), args, HOME)).toEqual({ sensitive: true, prompt });
  });

  it.each([
    ['HassTurnOn', { name: 'Front Door' }],
    ['HassTurnOn', { name: 'Living Room Lamp' }],
    ['HassTurnOff', { name: 'Living Room Lamp' }],
    ['HassTurnOff', { name: 'Door Light' }],
    ['HassTurnOff', { name: 'Garage Door' }],
    ['HassTurnOn', { name: 'Bedroom Blinds' }],
    ['HassTurnOn', { name: 'Garage Door', device_class: ['blind'] }],
    ['HassTurnOff', { name: 'Front Door', domain: ['light'] }],
    ['HassTurnOff', { name: 'Front Door', area: 'Kitchen' }],
    ['HassTurnOff', { area: 'Kitchen' }],
    ['HassTurnOff', { area: 'Hallway', domain: ['light', 'climate'] }],
    ['HassTurnOn', { domain: ['light'] }],
    ['HassTurnOn', { domain: ['lock'] }],
    ['HassTurnOn', { area: 'Bedroom' }],
    ['HassSetPosition', { name: 'Garage Door', position: 0 }],
    ['HassSetPosition', { name: 'Bedroom Blinds', position: 80 }],
    ['HassTurnOff', { name: 'Porch Light', domain: ['light'] }],
    ['HassTurnOff', { name: 'all' }],
    ['HassTurnOff', {}],
    ['HassTurnOff', null],
    ['HassTurnOff', undefined],
  ])('%s %j needs no approval', (name, args) => {
    expect(judgeHomeAction(tool(name), args, HOME)).toEqual({ sensitive: false });
  });
});

describe('without a device list', () => {
  it.each([
    ['HassTurnOff', { name: 'Front Door' }],
    ['HassTurnOff', { name: 'Kitchen Light' }],
    ['HassTurnOn', { name: 'Garage' }],
    ['HassTurnOff', { domain: ['lock'] }],
    ['HassTurnOff', { domain: 'alarm_control_panel' }],
    ['HassTurnOn', { domain: ['cover'] }],
    ['HassTurnOn', { device_class: ['garage'] }],
    ['HassTurnOn', { domain: ['cover'], device_class: ['door'] }],
    ['HassTurnOff', { area: 'Hallway' }],
    ['HassTurnOn', { floor: 'Ground Floor' }],
  ])('%s %j needs approval: it could be a lock, a door or an alarm', (name, args) => {
    expect(sensitive(name, args, null)).toBe(true);
  });

  it.each([
    ['HassTurnOff', { name: 'Garage' }, true], // an unknown name could be an alarm
    ['HassTurnOff', { name: 'Garage', domain: ['cover'] }, false], // closing is fine
    ['HassTurnOff', { name: 'Front Door', domain: ['light'] }, false],
    ['HassTurnOn', { name: 'Garage Door', device_class: ['blind'] }, false],
    ['HassTurnOn', { domain: ['cover'], device_class: ['blind'] }, false],
    ['HassTurnOff', { area: 'Kitchen', domain: ['light'] }, false],
    ['HassTurnOn', { domain: ['light', 'switch'] }, false],
    ['HassTurnOff', {}, false],
  ])('%s %j → %s', (name, args, expected) => {
    expect(sensitive(name, args, null)).toBe(expected);
  });
});

describe('arguments of the wrong shape', () => {
  it.each([['not an object'], [42], [['Front Door']], [{ name: 42 }], [{ domain: [1, 2] }], [{ position: 'half' }]])('%j on a targeting verb asks', (args) => {
    expect(judgeHomeAction(tool('HassTurnOff'), args, HOME)).toMatchObject({ sensitive: true });
  });

  it('ignores extra slots it does not know', () => {
    expect(sensitive('HassTurnOn', { name: 'Living Room Lamp', preferred_area_id: 'x' }, HOME)).toBe(false);
    expect(sensitive('HassTurnOff', { name: 'Front Door', preferred_area_id: 'x' }, HOME)).toBe(true);
  });
});

describe('when the device list matters', () => {
  it('only for the switching intents, by whatever name HA gave them', () => {
    expect(['HassTurnOn', 'HassTurnOff', 'intent__HassToggle', 'HassSetPosition'].map((n) => judgedByDevices(tool(n)))).toEqual([true, true, true, true]);
    expect(['HassLightSet', 'GetLiveContext', 'HassOpenCover'].map((n) => judgedByDevices(tool(n)))).toEqual([false, false, false]);
  });

  it('notices names the list does not have', () => {
    expect(namesUnknownDevice({ name: 'Cellar Door' }, HOME)).toBe(true);
    expect(namesUnknownDevice({ name: 'entrance' }, HOME)).toBe(false);
    expect(namesUnknownDevice({ name: 'all' }, HOME)).toBe(false);
    expect(namesUnknownDevice({ area: 'Hallway' }, HOME)).toBe(false);
    expect(namesUnknownDevice('junk', HOME)).toBe(false);
  });
});

describe('the approval question in German', () => {
  it('names what will happen in German word order, and goes back to the exact English', async () => {
    const { setMainLanguage } = await import('../../electron/main/i18n');
    try {
      setMainLanguage('de');
      expect(judgeHomeAction(tool('HassTurnOff'), { name: 'Front Door' }, HOME)).toEqual({ sensitive: true, prompt: 'Front Door (Hallway) entriegeln?' });
      expect(judgeHomeAction(tool('HassTurnOff'), { domain: ['lock'] }, HOME)).toEqual({
        sensitive: true,
        prompt: 'Front Door (Hallway) entriegeln und Porch (Garden) entriegeln?',
      });
      expect(judgeHomeAction(tool('HassTurnOff'), { area: 'Hallway' }, null)).toMatchObject({ sensitive: true, prompt: expect.stringMatching(/^Das kann .* im Bereich Hallway .*\.$/u) });
      expect(judgeHomeAction(tool('SomeNewIntent'), {}, HOME)).toMatchObject({ sensitive: true, prompt: expect.stringMatching(/^„SomeNewIntent“ ausführen\? FROK kann nicht erkennen/u) });
    } finally {
      setMainLanguage('en');
    }
    expect(judgeHomeAction(tool('HassTurnOff'), { name: 'Front Door' }, HOME)).toEqual({ sensitive: true, prompt: 'Unlock Front Door (Hallway)?' });
  });
});
