/** The typed API the preload exposes as `window.frok` (and the test harness injects). */
import type { ChannelName, EventName } from './ipc/names';
import type { PayloadOf, RequestOf, ResponseOf } from './ipc/contract';
import type { IpcResult } from './ipc/result';

/** Channels whose request is `undefined` are called without a payload. */
export type InvokeArgs<C extends ChannelName> = undefined extends RequestOf<C> ? [payload?: RequestOf<C>] : [payload: RequestOf<C>];

export interface FrokApi {
  invoke<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<IpcResult<ResponseOf<C>>>;
  /** Subscribes to a main→renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

declare global {
  interface Window {
    frok: FrokApi;
  }
}
