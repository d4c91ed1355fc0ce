/**
 * The Electron IPC adapter, driven through a recording stand-in for ipcMain: what a
 * compromised or confused renderer could send, and what it gets back.
 */
import { describe, expect, it } from 'vitest';
import { bindIpcMain, MAX_PAYLOAD_BYTES, type IpcInvokeEventLike, type IpcMainLike } from '../../electron/main/ipc/bind-ipc-main';
import { createDispatcher, type Handlers } from '../../electron/main/ipc/dispatcher';
import type { Caller } from '../../electron/main/caller';
import { capEcho, describeZodError, UserFacingError } from '../../electron/main/errors';
import { createMemoryLogger } from '../../electron/main/logger';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { CHANNEL_NAMES, INVOKE_CHANNEL } from '../../shared/ipc/names';

const APP_URL = 'file:///opt/frok/out/renderer/index.html';

function recordingIpcMain() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const removed: string[] = [];
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      removed.push(channel);
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers, removed };
}

/** Every channel answers "not used here" unless a test gives it a handler. */
function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const notUsed = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [
      name,
      () => {
        throw new Error(`${name} is not used in these tests`);
      },
    ]),
  ) as unknown as Handlers;
  return {
    ...notUsed,
    'app:info': () => ({ name: 'FROK', version: '0.1.0', platform: 'linux', versions: { electron: null, chrome: null, node: '24' }, notices: [] }),
    'settings:get': () => DEFAULT_SETTINGS,
    'secrets:status': () => ({
      openaiApiKey: { set: false, last4: null },
      compatibleApiKey: { set: false, last4: null },
      homeAssistantToken: { set: false, last4: null },
      storage: { kind: 'keychain' as const, needsPlaintextConsent: false, message: 'Secrets are kept in the system keychain.' },
    }),
    ...overrides,
  };
}

function setup(handlers = fakeHandlers()) {
  const log = createMemoryLogger();
  const rec = recordingIpcMain();
  const calls: Caller[] = [];
  const dispatch = createDispatcher(handlers, log);
  const unbind = bindIpcMain({
    ipcMain: rec.ipcMain,
    dispatch: (c, p, caller) => {
      calls.push(caller);
      return dispatch(c, p, caller);
    },
    isAppUrl: (url) => url === APP_URL,
    callerFor: (id) => (id === 7 ? { id: 'window-7', kind: 'main' } : null),
    log,
  });
  const invoke = (event: IpcInvokeEventLike, channel: unknown, payload?: unknown) =>
    rec.handlers.get(INVOKE_CHANNEL)!(event, channel, payload) as Promise<unknown>;
  const fromApp: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: { url: APP_URL, parent: null } };
  return { ...rec, log, calls, unbind, invoke, fromApp };
}

describe('IPC adapter (ipcMain binding)', () => {
  it('registers exactly one invoke channel and removes it on unbind', () => {
    const s = setup();
    expect([...s.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    s.unbind();
    expect(s.removed).toEqual([INVOKE_CHANNEL]);
    expect(s.handlers.size).toBe(0);
  });

  it('answers a declared channel from the app window with data', async () => {
    const s = setup();
    const result = await s.invoke(s.fromApp, 'app:info');
    expect(result).toMatchObject({ ok: true, data: { name: 'FROK' } });
    expect(s.calls).toEqual([{ id: 'window-7', kind: 'main' }]);
  });

  it('rejects an undeclared channel with a typed error', async () => {
    const s = setup();
    for (const channel of ['shell:exec', 'settings:get ', '__proto__', 42, null]) {
      const result = await s.invoke(s.fromApp, channel);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('refuses a sub-frame of the app window', async () => {
    const s = setup();
    const subFrame = { sender: { id: 7 }, senderFrame: { url: APP_URL, parent: { url: APP_URL } } };
    expect(await s.invoke(subFrame, 'app:info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(s.calls).toHaveLength(0);
  });

  it('refuses a top-level frame showing another origin', async () => {
    const s = setup();
    const foreign = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    const result = await s.invoke(foreign, 'secrets:status');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('outside FROK') } });
    expect(s.calls).toHaveLength(0);
  });

  it('refuses a webContents that is not one of the app windows, and a destroyed frame', async () => {
    const s = setup();
    expect(await s.invoke({ sender: { id: 99 }, senderFrame: { url: APP_URL, parent: null } }, 'app:info')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await s.invoke({ sender: { id: 7 }, senderFrame: null }, 'app:info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers invalid_request for a payload that fails the schema, naming the field', async () => {
    const s = setup();
    const result = await s.invoke(s.fromApp, 'settings:update', { voice: { voice: 'nova' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('voice.voice') } });
    expect(await s.invoke(s.fromApp, 'app:info', { unexpected: true })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('turns a throwing handler into an internal error, logs it, and keeps serving', async () => {
    const s = setup(
      fakeHandlers({
        'secrets:status': () => {
          throw new Error('disk on fire');
        },
      }),
    );
    const result = await s.invoke(s.fromApp, 'secrets:status');
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('disk on fire') } });
    expect(s.log.lines.some((l) => l.level === 'error' && l.message.includes('secrets:status'))).toBe(true);
    expect(await s.invoke(s.fromApp, 'app:info')).toMatchObject({ ok: true });
  });

  it('passes a UserFacingError through with its own code and message', async () => {
    const s = setup(
      fakeHandlers({
        'secrets:clear': () => {
          throw new UserFacingError('secret_storage_failed', 'The keychain is locked. Unlock it and try again.');
        },
      }),
    );
    expect(await s.invoke(s.fromApp, 'secrets:clear', { name: 'openaiApiKey' })).toEqual({
      ok: false,
      error: { code: 'secret_storage_failed', message: 'The keychain is locked. Unlock it and try again.' },
    });
  });

  it('refuses to send a reply that breaks its own schema', async () => {
    const s = setup(fakeHandlers({ 'settings:get': () => ({ ...DEFAULT_SETTINGS, version: 99 }) as never }));
    expect(await s.invoke(s.fromApp, 'settings:get')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses a payload over 1 MiB with payload_too_large before it reaches any handler', async () => {
    const s = setup();
    expect(MAX_PAYLOAD_BYTES).toBe(1024 * 1024);
    const big = await s.invoke(s.fromApp, 'settings:update', { models: { text: 'x'.repeat(MAX_PAYLOAD_BYTES) } });
    expect(big).toEqual({ ok: false, error: { code: 'payload_too_large', message: expect.stringContaining('1 MiB') } });
    // Measured in UTF-8 bytes, not characters: 600 000 two-byte characters are over the limit.
    expect(await s.invoke(s.fromApp, 'settings:update', { models: { text: 'é'.repeat(600_000) } })).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    expect(s.calls).toHaveLength(0);
    expect(s.log.lines.some((l) => l.level === 'warn' && l.message.includes('oversized'))).toBe(true);
    // Just under the limit still goes through to the schema, and the window keeps working.
    const under = await s.invoke(s.fromApp, 'app:info', { pad: 'x'.repeat(MAX_PAYLOAD_BYTES - 100) });
    expect(under).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await s.invoke(s.fromApp, 'app:info')).toMatchObject({ ok: true });
  });

  it('repeats at most 200 characters of what the caller sent in an error message', async () => {
    const long = 'k'.repeat(10_000);
    const echoed = (message: string) => Math.max(0, ...(message.match(/k+/g) ?? []).map((run) => run.length));
    const s = setup(
      fakeHandlers({
        'secrets:status': () => {
          throw new Error(`could not read ${long}`);
        },
      }),
    );
    const results = [
      // zod names an unrecognized key in its message, and a record key in the path.
      await s.invoke(s.fromApp, 'agent:cancel', { runId: 'run-1', [long]: true }),
      await s.invoke(s.fromApp, 'settings:update', { pricing: { [long]: { inputPerMillionUsd: 'free' } } }),
      await s.invoke(s.fromApp, long),
      await s.invoke(s.fromApp, 'secrets:status'),
    ] as { ok: false; error: { code: string; message: string } }[];
    expect(results.map((r) => r.error.code)).toEqual(['invalid_request', 'invalid_request', 'unknown_channel', 'internal']);
    for (const { error } of results) {
      expect(echoed(error.message)).toBeGreaterThan(0);
      expect(echoed(error.message)).toBeLessThanOrEqual(200);
      expect(error.message).toContain('…');
      expect(error.message.length).toBeLessThan(1_000);
    }
  });

  it('caps echoed text with an ellipsis and leaves short text alone', () => {
    expect(capEcho('short')).toBe('short');
    expect(capEcho('a'.repeat(200))).toBe('a'.repeat(200));
    const capped = capEcho('a'.repeat(10_000));
    expect([...capped]).toHaveLength(200);
    expect(capped.endsWith('…')).toBe(true);
    // Code points, not UTF-16 units: 10 000 emoji keep 199 whole ones and the ellipsis.
    expect([...capEcho('😀'.repeat(10_000))]).toEqual([...Array<string>(199).fill('😀'), '…']);
    expect(capEcho('😀'.repeat(150))).toBe('😀'.repeat(150));
    expect(describeZodError({ issues: [{ path: ['x'.repeat(10_000)], message: 'y'.repeat(10_000) }] }).length).toBeLessThanOrEqual(402);
  });
});
