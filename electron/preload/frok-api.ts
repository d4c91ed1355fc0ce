/**
 * The logic behind `window.frok`, kept free of Electron so it runs in unit tests.
 * The renderer only ever sees these two functions: never ipcRenderer, never an
 * IpcRendererEvent (whose `sender` would hand the page ipcRenderer itself).
 * Imports only the name lists: zod stays out of the sandboxed preload.
 */
import { EVENT_CHANNEL, INVOKE_CHANNEL, isChannelName, isEventName, type EventName } from '@shared/ipc/names';
import type { FrokApi } from '@shared/frok-api';
import type { IpcResult } from '@shared/ipc/result';

/** The slice of Electron's ipcRenderer this needs. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

// Literal codes: importing IPC_ERROR_CODES would pull zod into the preload bundle.
function failure(code: 'unknown_channel' | 'internal', message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

export function createFrokApi(ipc: IpcRendererLike): FrokApi {
  const listeners = new Map<EventName, Set<{ listener: (payload: unknown) => void }>>();

  const fanOut = (_event: unknown, name: unknown, payload: unknown): void => {
    if (!isEventName(name)) return;
    for (const subscription of [...(listeners.get(name) ?? [])]) {
      // One failing listener must not starve the others.
      try {
        subscription.listener(payload);
      } catch (err) {
        console.error(`[frok] a listener for "${name}" failed`, err);
      }
    }
  };
  let attached = false;
  const subscriptionCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  const invoke = async (channel: unknown, payload?: unknown): Promise<IpcResult<unknown>> => {
    if (!isChannelName(channel)) {
      return failure('unknown_channel', `FROK has no channel called "${String(channel).slice(0, 100)}".`);
    }
    try {
      return (await ipc.invoke(INVOKE_CHANNEL, channel, payload)) as IpcResult<unknown>;
    } catch (err) {
      // Only happens when main has no handler (starting up, shutting down) or crashed in Electron's layer.
      const detail = err instanceof Error ? err.message : String(err);
      return failure('internal', `FROK's main process did not answer ${channel}. Restart FROK if this keeps happening. (${detail})`);
    }
  };

  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`FROK has no event called "${String(event).slice(0, 100)}".`);
    if (typeof listener !== 'function') throw new TypeError('window.frok.on needs a listener function.');
    const subscription = { listener: listener as (payload: unknown) => void };
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(subscription);
    if (!attached) {
      ipc.on(EVENT_CHANNEL, fanOut);
      attached = true;
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(subscription);
      if (subscriptionCount() === 0 && attached) {
        ipc.removeListener(EVENT_CHANNEL, fanOut);
        attached = false;
      }
    };
  };

  return { invoke: invoke as FrokApi['invoke'], on: on as FrokApi['on'] };
}
