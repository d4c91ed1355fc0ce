import { describe, expect, it, vi } from 'vitest';
import { createFrokApi, type IpcRendererLike } from '../../electron/preload/frok-api';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '@shared/ipc/names';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records what the preload asks of ipcRenderer and lets a test play main's side. */
function recordingIpc(answer: (...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, data: 'answer' })) {
  const invokes: unknown[][] = [];
  const listeners = new Map<string, Listener[]>();
  const ipc: IpcRendererLike = {
    invoke: (...args) => {
      invokes.push(args);
      return answer(...args);
    },
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
  };
  const emitFromMain = (...args: unknown[]) => {
    // The IpcRendererEvent carries `sender` (ipcRenderer itself): it must never reach the page.
    const event = { sender: { secret: 'ipcRenderer' } };
    for (const l of listeners.get(EVENT_CHANNEL) ?? []) l(event, ...args);
  };
  return { ipc, invokes, listeners, emitFromMain };
}

describe('window.frok.invoke', () => {
  it('sends a declared channel and its payload over the single invoke channel and returns main’s answer', async () => {
    const rec = recordingIpc();
    const api = createFrokApi(rec.ipc);
    await expect(api.invoke('settings:update', { onboarded: true })).resolves.toEqual({ ok: true, data: 'answer' });
    expect(rec.invokes).toEqual([[INVOKE_CHANNEL, 'settings:update', { onboarded: true }]]);
  });

  it('refuses an undeclared channel locally, without bothering main', async () => {
    const rec = recordingIpc();
    const api = createFrokApi(rec.ipc);
    const result = await (api.invoke as (c: string) => Promise<unknown>)('fs:readFile');
    expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: expect.stringContaining('fs:readFile') } });
    expect(rec.invokes).toEqual([]);
  });

  it('turns a failed Electron invoke into an error result instead of a throw', async () => {
    const rec = recordingIpc(async () => {
      throw new Error("No handler registered for 'frok:invoke'");
    });
    const result = await createFrokApi(rec.ipc).invoke('app:info');
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(result.ok === false && result.error.message).toContain('app:info');
  });
});

describe('window.frok.on', () => {
  it('delivers only the subscribed event’s payload, and nothing from Electron’s event object', () => {
    const rec = recordingIpc();
    const api = createFrokApi(rec.ipc);
    const seen: unknown[][] = [];
    api.on('settings:changed', (...args: unknown[]) => seen.push(args));
    rec.emitFromMain('settings:changed', { onboarded: true });
    rec.emitFromMain('not-an-event', { evil: true });
    expect(seen).toEqual([[{ onboarded: true }]]);
  });

  it('uses one ipcRenderer listener for all subscribers and removes it when the last unsubscribes', () => {
    const rec = recordingIpc();
    const api = createFrokApi(rec.ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('settings:changed', a);
    const offB = api.on('settings:changed', b);
    expect(rec.listeners.get(EVENT_CHANNEL)).toHaveLength(1);
    offA();
    offA(); // a second call is harmless
    rec.emitFromMain('settings:changed', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith(1);
    offB();
    expect(rec.listeners.get(EVENT_CHANNEL)).toHaveLength(0);
    // Subscribing again re-attaches.
    api.on('settings:changed', a);
    rec.emitFromMain('settings:changed', 2);
    expect(a).toHaveBeenCalledWith(2);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const rec = recordingIpc();
    const api = createFrokApi(rec.ipc);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    api.on('settings:changed', () => {
      throw new Error('boom');
    });
    api.on('settings:changed', good);
    rec.emitFromMain('settings:changed', 'x');
    expect(good).toHaveBeenCalledWith('x');
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('rejects undeclared events and non-function listeners', () => {
    const api = createFrokApi(recordingIpc().ipc);
    expect(() => (api.on as (e: string, l: () => void) => void)('ipc:raw', () => {})).toThrow(/no event called "ipc:raw"/);
    expect(() => (api.on as (e: string, l: unknown) => void)('settings:changed', 'nope')).toThrow(TypeError);
  });
});

describe('the exposed object', () => {
  it('has exactly invoke and on — no ipcRenderer, no Node APIs', () => {
    const rec = recordingIpc();
    const api = createFrokApi(rec.ipc) as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });
});
