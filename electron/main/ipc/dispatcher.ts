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

/** The most of anything the caller sent that an error message repeats. */
export const MAX_ECHO_CHARS = 200;

/** Cuts text that may come from the caller to MAX_ECHO_CHARS, marking the cut with an ellipsis. */
export function capEcho(text: string, max = MAX_ECHO_CHARS): string {
  if (text.length <= max) return text;
  // Counted in code points, so an emoji is not cut in half; only the head is looked at.
  const chars = Array.from(text.slice(0, max * 2 + 2));
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * Formats a zod error as one readable line: "provider.baseUrl: must start with http://…".
 * Paths (record keys) and messages (unrecognized keys) can repeat what the caller sent,
 * so each is capped at MAX_ECHO_CHARS.
 */
export function describeZodError(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${capEcho(i.path.map(String).join('.'))}: ${capEcho(i.message)}` : capEcho(i.message)))
    .join('; ');
}

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, payload, caller) => {
    if (!isChannelName(channel)) {
      const name = capEcho(String(channel), 100);
      log.warn('rejected an undeclared IPC channel', { channel: name, caller: caller.id });
      return { ok: false, error: { code: IPC_ERROR_CODES.unknownChannel, message: `FROK has no channel called "${name}".` } };
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
      const detail = capEcho(err instanceof Error ? err.message : String(err));
      return { ok: false, error: { code: IPC_ERROR_CODES.internal, message: `Something went wrong in FROK (${channel}): ${detail}` } };
    }
  };
}
