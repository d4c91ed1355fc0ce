/**
 * Property tests of the IPC boundary: whatever a renderer sends, main answers with a
 * typed result and never crashes, and a rejected settings update changes nothing.
 * Runs the real dispatcher, handlers and settings/secrets services in Node.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatcher';
import type { Caller } from '../../electron/main/caller';
import { createHandlers } from '../../electron/main/ipc/handlers';
import { createMemoryLogger } from '../../electron/main/logger';
import { composeServices, type Services } from '../../electron/main/compose';
import type { SecretStore } from '../../electron/main/services/secrets/secret-store';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';
import { channels } from '../../shared/ipc/contract';
import { CHANNEL_NAMES } from '../../shared/ipc/names';
import { SECRET_NAMES, type SecretName } from '../../shared/domain';

const RUNS_PER_CHANNEL = 500;
const caller: Caller = { id: 'window-1', kind: 'main' };

function memorySecretStore(): SecretStore {
  const values = new Map<SecretName, string>();
  return {
    kind: 'keychain',
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}

/** Payloads shaped like real ones, with wrong types, unknown keys and edge values mixed in. */
const nearlyValidPatch = fc.record(
  {
    provider: fc.record({ kind: fc.constantFrom('openai', 'openai-compatible', 'ollama'), baseUrl: fc.oneof(fc.constant(null), fc.webUrl(), fc.string()) }, { requiredKeys: [] }),
    models: fc.record({ text: fc.string({ maxLength: 300 }), realtime: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
    voice: fc.record(
      {
        voice: fc.constantFrom('marin', 'cedar', 'nova', 'fable', ''),
        turnTaking: fc.constantFrom('standard', 'push-to-talk', 'none'),
        serverVad: fc.record({ threshold: fc.double(), silenceDurationMs: fc.integer({ min: -10, max: 10_000 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    agents: fc.record({ enabledSpecialists: fc.array(fc.constantFrom('home', 'memory', 'research', 'code', 'general', 'hacker')), maxTurns: fc.integer({ min: -5, max: 80 }) }, { requiredKeys: [] }),
    privacy: fc.record({ traceExport: fc.oneof(fc.boolean(), fc.constant('yes')), historyDays: fc.integer({ min: -1, max: 5000 }) }, { requiredKeys: [] }),
    launchAtLogin: fc.oneof(fc.boolean(), fc.constant(1)),
    sneaky: fc.anything(),
  },
  { requiredKeys: [] },
);

/**
 * A payload each of these channels accepts, mixed into its random ones, so the property
 * always exercises the accepted branch as well as the refused one (a random patch that
 * happens to be valid is rare: a few in 500).
 */
const ACCEPTED: Partial<Record<(typeof CHANNEL_NAMES)[number], fc.Arbitrary<unknown>>> = {
  'settings:update': fc.record({ agents: fc.record({ maxTurns: fc.integer({ min: 1, max: 50 }) }) }),
  'secrets:clear': fc.record({ name: fc.constantFrom(...SECRET_NAMES) }),
};

const anyPayload = fc.oneof(fc.anything(), fc.constant(undefined), nearlyValidPatch, fc.record({ key: fc.string(), name: fc.constantFrom(...SECRET_NAMES, 'x') }, { requiredKeys: [] }));

describe('IPC boundary under random payloads', () => {
  /** How many payloads each channel accepted and refused, over the whole file. */
  const tally = new Map<string, { accepted: number; refused: number }>();
  let dir: string;
  let services: Services;
  let dispatch: Dispatch;
  let settingsPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'frok-prop-'));
    const storage = openConfSettingsStorage(dir, (o) => new Conf({ cwd: o.cwd, configName: o.configName, projectName: 'frok' }));
    settingsPath = storage.path;
    // Every key check is answered "rejected" at once, so random keys never leave the machine.
    const fetchRejecting: typeof fetch = async () => new Response(JSON.stringify({ error: { message: 'bad key' } }), { status: 401 });
    services = composeServices({
      settingsStorage: storage,
      secretStore: memorySecretStore(),
      dataDir: dir,
      fetch: fetchRejecting,
      app: { name: 'FROK', version: '0.0.0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } },
      log: createMemoryLogger(),
    });
    dispatch = createDispatcher(createHandlers(services), createMemoryLogger());
  });
  afterAll(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const channel of CHANNEL_NAMES) {
    it(`${channel}: ${RUNS_PER_CHANNEL} random payloads each get a typed answer`, async () => {
      let accepted = 0;
      let refused = 0;
      const accepting = ACCEPTED[channel];
      await fc.assert(
        fc.asyncProperty(accepting ? fc.oneof(anyPayload, accepting) : anyPayload, async (payload) => {
          const before = JSON.stringify(services.settings.get());
          const fileBefore = readFileSync(settingsPath, 'utf8');
          const result = await dispatch(channel, payload, caller);
          if (result.ok) {
            accepted++;
            expect(channels[channel].response.safeParse(result.data).success).toBe(true);
          } else {
            refused++;
            // Every refusal is typed and worded; what can go wrong is the channel's business
            // (a voice start refused by the fake key check, a rate limit…), never 'internal'.
            expect(result.error.code).toMatch(/^[a-z_]+$/);
            expect(result.error.code).not.toBe('internal');
            expect(result.error.message.length).toBeGreaterThan(0);
            if (channel === 'settings:update') {
              expect(['invalid_request', 'invalid_settings']).toContain(result.error.code);
              expect(JSON.stringify(services.settings.get())).toBe(before);
              expect(readFileSync(settingsPath, 'utf8')).toBe(fileBefore);
            }
          }
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
      tally.set(channel, { accepted, refused });
      // Garbage reaches every channel, so every channel refused some of it.
      expect(refused).toBeGreaterThan(0);
      if (accepting) expect(accepted).toBeGreaterThan(0);
    });
  }

  it('reached both branches: typed answers and typed refusals', () => {
    expect([...tally.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const totals = [...tally.values()].reduce((a, t) => ({ accepted: a.accepted + t.accepted, refused: a.refused + t.refused }), { accepted: 0, refused: 0 });
    expect(totals.accepted).toBeGreaterThan(0);
    expect(totals.refused).toBeGreaterThan(0);
    // The settings check above ran on both sides: accepted updates and refused ones that changed nothing.
    expect(tally.get('settings:update')!.accepted).toBeGreaterThan(0);
    expect(tally.get('settings:update')!.refused).toBeGreaterThan(0);
  });
});
