/**
 * Transport-agnostic IPC dispatch: channel name + raw payload + caller in, IpcResult out.
 * Electron's ipcMain (bind-ipc-main.ts) and the test harness's WebSocket both call this,
 * so the checks below hold whichever way a request arrives.
 */
import { channels } from '@shared/ipc/contract';
import { isChannelName, type ChannelName } from '@shared/ipc/names';
import type { ParsedRequestOf, ResponseOf } from '@shared/ipc/contract';
import { IPC_ERROR_CODES, type IpcResult } from '@shared/ipc/result';
import type { Caller } from '../caller';
import { capEcho, describeZodError, UserFacingError } from '../errors';
import { tr } from '../i18n';
import type { Logger } from '../logger';

export type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>, caller: Caller) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export type Dispatch = (channel: unknown, payload: unknown, caller: Caller) => Promise<IpcResult<unknown>>;

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, payload, caller) => {
    if (!isChannelName(channel)) {
      const name = capEcho(String(channel), 100);
      log.warn('rejected an undeclared IPC channel', { channel: name, caller: caller.id });
      return { ok: false, error: { code: IPC_ERROR_CODES.unknownChannel, message: tr('errors:ipc.unknownChannel', { name }) } };
    }
    const spec = channels[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: IPC_ERROR_CODES.invalidRequest, message: tr('errors:ipc.invalidRequest', { channel, reason: describeZodError(parsed.error) }) },
      };
    }
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      const response = await handler(parsed.data as never, caller);
      // Checking our own replies keeps the renderer's types honest.
      const checked = spec.response.safeParse(response);
      if (!checked.success) {
        log.error(`handler for ${channel} answered outside its schema`, describeZodError(checked.error));
        return { ok: false, error: { code: IPC_ERROR_CODES.internal, message: tr('errors:ipc.invalidAnswer', { channel }) } };
      }
      return { ok: true, data: checked.data };
    } catch (err) {
      if (err instanceof UserFacingError) return { ok: false, error: { code: err.code, message: err.message } };
      log.error(`handler for ${channel} failed`, err);
      const detail = capEcho(err instanceof Error ? err.message : String(err));
      return { ok: false, error: { code: IPC_ERROR_CODES.internal, message: tr('errors:ipc.internal', { channel, detail }) } };
    }
  };
}
