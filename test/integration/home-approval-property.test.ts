// The safety property, with the fake house as its oracle: over thousands of generated
// Home Assistant calls — known, prefixed and unknown tools; real names, aliases, "all" and
// unknown names; areas, floors, domains and device classes — no lock is unlocked, no
// door-like cover opens and no alarm is disarmed unless the call stopped for the person's
// approval first; an approved call happens, a declined one does not. The test never asks
// FROK's rules what they think: it watches what the house did.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/main/logger.ts';
import { UserFacingError } from '../../electron/main/errors.ts';
import { HomeAssistantService } from '../../electron/main/services/home/home-assistant.ts';
import { COVER_CLASSES, type DeviceState } from '../fakes/home-assistant/devices.ts';
import { startFakeHomeAssistant, type FakeHomeAssistant, type StateChange, type ToolNaming } from '../fakes/home-assistant/server.ts';

const RUNS = 1_000;
const DOOR_LIKE = new Set<string | null>(['door', 'garage', 'gate', null]);

/** What the person would mind: the house became less secure. */
function dangerous(change: StateChange, devices: Map<string, DeviceState>): boolean {
  if (change.domain === 'lock') return change.from === 'locked' && change.to === 'unlocked';
  if (change.domain === 'alarm_control_panel') return change.to === 'disarmed';
  if (change.domain === 'cover') {
    const cover = devices.get(change.entityId);
    const doorLike = cover?.domain === 'cover' ? DOOR_LIKE.has(cover.deviceClass) : true;
    return doorLike && (change.to === 'open' || (change.position !== undefined && change.position.to > change.position.from));
  }
  return false;
}

const INTENTS = ['HassTurnOn', 'HassTurnOff', 'HassToggle', 'HassSetPosition', 'HassStopMoving', 'HassLightSet', 'HassClimateSetTemperature', 'HassCancelAllTimers', 'GetLiveContext', 'GetDateTime'];
const NAMES = ['Front Door', 'front door', ' FRONT DOOR ', 'Back Door', 'Kitchen Door', 'Shed', 'Garage Door', 'Garage Alarm', 'Workshop Alarm', 'Home Alarm', 'Mystery Cover', 'Porch Light', 'Door Light', 'Living Room Lamp', 'Bedroom Blinds', 'Garage 5', 'Door 4', 'Gate 6', 'Window 9', 'all', 'All', 'Cellar Door', 'Something'];
const AREAS = ['Hallway', 'Entry', 'Kitchen', 'Garage', 'Garden', 'Backyard', 'Attic', 'Bedroom', 'Living Room', 'Nowhere'];
const FLOORS = ['Ground Floor', 'Upstairs', 'Basement'];
const DOMAINS = ['lock', 'cover', 'alarm_control_panel', 'light', 'climate', 'switch'];

/** Each slot present one time in four, so most calls are ones HA can match (and act on). */
const sometimes = <T,>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const slots = fc
  .record({
    name: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...NAMES) }),
    area: sometimes(fc.constantFrom(...AREAS)),
    floor: sometimes(fc.constantFrom(...FLOORS)),
    domain: sometimes(fc.uniqueArray(fc.constantFrom(...DOMAINS), { minLength: 1, maxLength: 3 })),
    device_class: sometimes(fc.uniqueArray(fc.constantFrom(...COVER_CLASSES), { minLength: 1, maxLength: 3 })),
    position: sometimes(fc.constantFrom(0, 1, 50, 100)),
    brightness: sometimes(fc.constantFrom(0, 40, 100)),
    temperature: sometimes(fc.constantFrom(18, 21)),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

const call = fc.record({
  tool: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...INTENTS) }, { weight: 1, arbitrary: fc.constantFrom('HassSomethingNew', 'HassTurnOffSomethingVeryLongThatHomeAssistantCut_3f9a2b1c') }),
  /** The voice tools call by intent; the home specialist by the name HA listed. */
  byIntent: fc.boolean(),
  args: slots,
  approve: fc.boolean(),
});

function suite(naming: ToolNaming): void {
  describe(`tools named ${naming}`, () => {
    let ha: FakeHomeAssistant;
    let service: HomeAssistantService;

    beforeAll(async () => {
      ha = await startFakeHomeAssistant({ naming, home: 'full' });
      service = new HomeAssistantService({ getConfig: async () => ({ url: ha.url, token: ha.token }), log: createMemoryLogger(), timeoutMs: 5_000 });
    });
    afterAll(async () => {
      await service.close();
      await ha.close();
    });

    it(`${RUNS} generated calls: nothing unsafe happens without approval`, async () => {
      let stops = 0;
      let harmful = 0;
      await fc.assert(
        fc.asyncProperty(call, async ({ tool, byIntent, args, approve }) => {
          ha.resetHome();
          const name = byIntent ? tool : (ha.toolNames[tool] ?? tool);
          let stopped = false;
          try {
            await service.callTool(name, args);
          } catch (err) {
            if (!(err instanceof UserFacingError && err.code === 'home_approval_required')) throw err;
            stopped = true;
          }
          const unapproved = ha.changes.filter((c) => dangerous(c, ha.devices));
          expect(unapproved, `${name} ${JSON.stringify(args)} changed the house without approval`).toEqual([]);
          if (!stopped) return;
          // Reading the device list to decide is fine; acting is not.
          const actions = () => ha.calls.filter((c) => c.tool !== ha.toolNames['GetLiveContext']);

          stops += 1;
          expect(actions(), 'a call that stopped for approval must not reach HA').toEqual([]);
          if (approve) {
            await service.callTool(name, args, { approved: true });
            expect(actions().map((c) => c.tool), 'an approved call happens').toEqual([ha.toolNames[tool] ?? tool]);
            if (ha.changes.some((c) => dangerous(c, ha.devices))) harmful += 1;
          }
          // Declined: nothing is sent, so the house is as it was.
          if (!approve) expect(actions()).toEqual([]);
        }),
        { numRuns: RUNS },
      );
      // The generator reaches both sides: calls that stop, and approved ones that do unlock or open.
      expect(stops).toBeGreaterThan(RUNS / 10);
      expect(harmful).toBeGreaterThan(0);
    });

    it('the bare examples from the issue stop for approval and say what they would do', async () => {
      ha.resetHome();
      const unlockAll = service.callTool(ha.toolNames['HassTurnOff']!, { name: 'all', domain: ['lock'] });
      await expect(unlockAll).rejects.toMatchObject({ code: 'home_approval_required', message: expect.stringMatching(/^Unlock .*Front Door \(Hallway\)/) });
      const garage = service.callTool(ha.toolNames['HassTurnOn']!, { name: 'all', device_class: ['garage'] });
      await expect(garage).rejects.toMatchObject({ code: 'home_approval_required', message: expect.stringMatching(/^Open .*Garage Door/) });
      expect(ha.calls).toEqual([]);
      expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
    });

    it('the connection test counts the devices and the voice tools reach them, whatever the names', async () => {
      const test = await service.testConnection();
      expect(test).toMatchObject({ ok: true, entityCount: ha.devices.size });
      expect(await service.callTool('GetLiveContext', {})).toContain('Front Door');
    });
  });
}

suite('bare');
suite('prefixed');
suite('mixed');
