// Which Home Assistant calls need the person's approval, across the argument shapes a
// model actually sends, with and without a device list.
import { describe, expect, it } from 'vitest';
import type { KnownDevice } from '../../electron/main/services/home/live-context.ts';
import {
  isSensitiveHomeAction,
  judgeHomeAction,
  judgedByDevices,
  namesUnknownDevice,
} from '../../electron/main/services/home/sensitive-actions.ts';

const device = (name: string, domain: string, area: string, deviceClass: string | null = null): KnownDevice => ({
  names: name.split(', '),
  domain,
  areas: [area],
  deviceClass,
  state: null,
});

const HOME: KnownDevice[] = [
  device('Living Room Lamp', 'light', 'Living Room'),
  device('Kitchen Ceiling', 'light', 'Kitchen'),
  device('Hallway Thermostat', 'climate', 'Hallway'),
  device('Front Door, Entrance', 'lock', 'Hallway'),
  device('Garage Door', 'cover', 'Garage', 'garage'),
  device('Bedroom Blinds', 'cover', 'Bedroom', 'blind'),
  device('Side Gate', 'cover', 'Garden', 'gate'),
  device('Porch', 'lock', 'Garden'),
  device('Home Alarm', 'alarm_control_panel', 'Hallway'),
  device('Door Light', 'light', 'Hallway'),
];

describe('tools whose name says what they do', () => {
  it.each(['HassUnlock', 'HassOpenCover', 'alarm_disarm', 'DISARM_ALARM', 'open_garage', 'unlock_door'])('%s always needs approval', (name) => {
    expect(isSensitiveHomeAction(name, {}, HOME)).toBe(true);
    expect(isSensitiveHomeAction(name, { name: 'Kitchen Ceiling' }, null)).toBe(true);
  });

  it.each(['HassLightSet', 'HassClimateSetTemperature', 'GetLiveContext', 'HassMediaPause', 'HassListAddItem'])('%s never does', (name) => {
    expect(isSensitiveHomeAction(name, { name: 'Front Door' }, HOME)).toBe(false);
    expect(isSensitiveHomeAction(name, { area: 'Hallway' }, null)).toBe(false);
  });
});

describe('with the device list', () => {
  it.each([
    ['HassTurnOff', { name: 'Front Door' }, 'unlock Front Door'],
    ['HassTurnOff', { name: 'front door' }, 'unlock Front Door'],
    ['HassTurnOff', { name: '  Front Door ' }, 'unlock Front Door'],
    ['HassTurnOff', { name: 'Entrance' }, 'unlock Front Door'],
    ['HassTurnOff', { name: 'Porch' }, 'unlock Porch'],
    ['HassTurnOff', { domain: ['lock'] }, 'unlock Front Door, unlock Porch'],
    ['HassTurnOff', { domain: 'lock', area: 'Garden' }, 'unlock Porch'],
    ['HassTurnOff', { name: 'Home Alarm' }, 'disarm Home Alarm'],
    ['HassTurnOff', { area: 'Hallway' }, 'unlock Front Door, disarm Home Alarm'],
    ['HassTurnOff', { floor: 'Upstairs' }, 'unlock Front Door, unlock Porch, disarm Home Alarm'],
    ['HassTurnOn', { name: 'Garage Door' }, 'open Garage Door'],
    ['HassTurnOn', { name: 'Side Gate' }, 'open Side Gate'],
    ['HassTurnOn', { domain: ['cover'], device_class: ['garage'] }, 'open Garage Door'],
    ['HassTurnOn', { device_class: ['gate', 'garage'] }, 'open Garage Door, open Side Gate'],
    ['HassTurnOn', { area: 'Garage' }, 'open Garage Door'],
    ['HassToggle', { name: 'Front Door' }, 'unlock Front Door'],
    ['HassToggle', { name: 'Garage Door' }, 'open Garage Door'],
    ['HassSetPosition', { name: 'Garage Door', position: 40 }, 'open Garage Door'],
    ['HassSetPosition', { name: 'Garage Door' }, 'open Garage Door'],
  ])('%s %j → %s', (tool, args, reason) => {
    expect(judgeHomeAction(tool, args, HOME)).toEqual({ sensitive: true, reason });
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
    ['HassTurnOff', { name: 'Porch Light' }],
    ['HassTurnOff', {}],
    ['HassTurnOff', null],
    ['HassTurnOff', undefined],
  ])('%s %j needs no approval', (tool, args) => {
    expect(judgeHomeAction(tool, args, HOME)).toEqual({ sensitive: false });
  });
});

describe('without a device list (or with a name it does not know)', () => {
  it.each([
    ['HassTurnOff', { name: 'Front Door' }],
    ['HassTurnOff', { name: 'Back door lock' }],
    ['HassTurnOff', { name: 'Shed Deadbolt' }],
    ['HassTurnOff', { name: 'Security System' }],
    ['HassTurnOn', { name: 'Garage' }],
    ['HassTurnOn', { name: 'Driveway Gate' }],
    ['HassTurnOn', { name: 'Patio Door' }],
    ['HassTurnOff', { domain: ['lock'] }],
    ['HassTurnOff', { domain: 'alarm_control_panel' }],
    ['HassTurnOn', { domain: ['cover'] }],
    ['HassTurnOn', { device_class: ['garage'] }],
    ['HassTurnOn', { domain: ['cover'], device_class: ['door'] }],
    ['HassTurnOff', { area: 'Hallway' }],
    ['HassTurnOn', { floor: 'Ground Floor' }],
  ])('%s %j needs approval', (tool, args) => {
    expect(isSensitiveHomeAction(tool, args, null)).toBe(true);
  });

  it.each([
    ['HassTurnOn', { name: 'Front Door' }, true], // could be a door cover: asks
    ['HassTurnOff', { name: 'Garage' }, false], // closing is fine
    ['HassTurnOn', { name: 'Kitchen Light' }, false],
    ['HassTurnOff', { name: 'Kitchen Light' }, false],
    ['HassTurnOff', { name: 'Doorbell Chime' }, false], // "doorbell" is not "door"
    ['HassTurnOff', { name: 'Front Door', domain: ['light'] }, false],
    ['HassTurnOn', { name: 'Garage Door', device_class: ['blind'] }, false],
    ['HassTurnOn', { domain: ['cover'], device_class: ['blind'] }, false],
    ['HassTurnOff', { area: 'Kitchen', domain: ['light'] }, false],
    ['HassTurnOn', { domain: ['light', 'switch'] }, false],
    ['HassTurnOff', {}, false],
  ])('%s %j → %s', (tool, args, expected) => {
    expect(isSensitiveHomeAction(tool, args, null)).toBe(expected);
  });

  it('judges an unknown name by its words even when a list exists', () => {
    expect(isSensitiveHomeAction('HassTurnOff', { name: 'Cellar Door' }, HOME)).toBe(true);
    expect(isSensitiveHomeAction('HassTurnOff', { name: 'Attic Fan' }, HOME)).toBe(false);
  });
});

describe('arguments of the wrong shape', () => {
  it.each([['not an object'], [42], [['Front Door']], [{ name: 42 }], [{ domain: [1, 2] }], [{ position: 'half' }]])('%j on a targeting verb asks', (args) => {
    expect(judgeHomeAction('HassTurnOff', args, HOME)).toMatchObject({ sensitive: true });
  });

  it('ignores extra slots it does not know', () => {
    expect(isSensitiveHomeAction('HassTurnOn', { name: 'Living Room Lamp', preferred_area_id: 'x' }, HOME)).toBe(false);
    expect(isSensitiveHomeAction('HassTurnOff', { name: 'Front Door', preferred_area_id: 'x' }, HOME)).toBe(true);
  });
});

describe('when the device list matters', () => {
  it('only for the targeting verbs', () => {
    expect(['HassTurnOn', 'HassTurnOff', 'HassToggle', 'HassSetPosition'].every(judgedByDevices)).toBe(true);
    expect(['HassLightSet', 'GetLiveContext', 'HassOpenCover'].some(judgedByDevices)).toBe(false);
  });

  it('notices names the list does not have', () => {
    expect(namesUnknownDevice({ name: 'Cellar Door' }, HOME)).toBe(true);
    expect(namesUnknownDevice({ name: 'entrance' }, HOME)).toBe(false);
    expect(namesUnknownDevice({ area: 'Hallway' }, HOME)).toBe(false);
    expect(namesUnknownDevice('junk', HOME)).toBe(false);
  });
});
