/**
 * Transport-agnostic IPC dispatch: channel name + raw payload + caller in, IpcResult out.
 * Electron's ipcMain (bind-ipc-main.ts) and the test harness's WebSocket both call this,
 * so the checks below hold whichever way a request arrives.
 */
import { channels } from '@shared/ipc/contract';
import { isChannelName, type ChannelName } from '@shared/ipc/names';
import type { ParsedRequestOf, ResponseOf } from '@shared/ipc/contract';
import { IPC_ERROR_CODES, type IpcResult } from '@shared/ipc/result';
import type { Logger } from '../logger';
import { UserFacingError } from './errors';

/** Who is calling: the window (or harness connection) a request came from. */
export interface Caller {
  /** Stable id of the calling window / connection; sessions and limits are keyed by it. */
  id: string;
  /** Which of the app's pages it is. */
  kind: 'main' | 'quick-ask' | 'hud' | 'harness';
}

export type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>, caller: Caller) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export type Dispatch = (channel: unknown, payload: unknown, caller: Caller) => Promise<IpcResult<unknown>>;

/** Formats a zod error as one readable line: "provider.baseUrl: must start with http://…". */
export function describeZodError(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, payload, caller) => {
    if (!isChannelName(channel)) {
      log.warn('rejected an undeclared IPC channel', { channel: String(channel).slice(0, 100), caller: caller.id });
      return { ok: false, error: { code: IPC_ERROR_CODES.unknownChannel, message: `FROK has no channel called "${String(channel).slice(0, 100)}".` } };
    }
    const spec = channels[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: IPC_ERROR_CODES.invalidRequest, message: `Invalid request for ${channel}: ${describeZodError(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      const response = await handler(parsed.data as never, caller);
      // Checking our own replies keeps the renderer's types honest.
      const checked = spec.response.safeParse(response);
      if (!checked.success) {
        log.error(`handler for ${channel} answered outside its schema`, describeZodError(checked.error));
        return { ok: false, error: { code: IPC_ERROR_CODES.internal, message: `FROK's main process gave an invalid answer for ${channel}. Please report this.` } };
      }
      return { ok: true, data: checked.data };
    } catch (err) {
      if (err instanceof UserFacingError) return { ok: false, error: { code: err.code, message: err.message } };
      log.error(`handler for ${channel} failed`, err);
      const detail = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: IPC_ERROR_CODES.internal, message: `Something went wrong in FROK (${channel}): ${detail}` } };
    }
  };
}
