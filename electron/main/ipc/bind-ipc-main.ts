/**
 * Binds the dispatcher to Electron's ipcMain. Everything arrives on one channel
 * (INVOKE_CHANNEL) as (channelName, payload), so an undeclared name reaches our code and
 * gets a typed answer instead of Electron's "no handler" throw. Before dispatch the
 * sender must be the top-level frame of one of the app's own windows, showing the app's
 * own page: a sub-frame, another origin or an unknown webContents is refused.
 * Structural types stand in for Electron's so this runs (and is tested) in plain Node.
 */
import { INVOKE_CHANNEL } from '@shared/ipc/names';
import { IPC_ERROR_CODES, type IpcResult } from '@shared/ipc/result';
import type { Caller } from '../caller';
import { tr } from '../i18n';
import type { Logger } from '../logger';
import type { Dispatch } from './dispatcher';

export interface FrameLike {
  url: string;
  /** null for a window's top-level frame. */
  parent: unknown;
}

export interface IpcInvokeEventLike {
  sender: { id: number };
  senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface BindIpcMainOptions {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  /** Is this URL one of the app's own pages (file:// bundle or the dev server)? */
  isAppUrl: (url: string) => boolean;
  /** Maps a webContents id to the app window it belongs to, or null when it is not ours. */
  callerFor: (webContentsId: number) => Caller | null;
  log: Logger;
}

/** The largest request accepted, serialized as JSON: the same limit as the harness's WebSocket frames. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/**
 * The request's size as JSON in UTF-8 bytes, or null when it cannot be serialized.
 * One JSON.stringify per call: cheap next to the IPC hop itself.
 */
export function payloadBytes(channel: unknown, payload: unknown): number | null {
  try {
    return Buffer.byteLength(JSON.stringify([channel, payload ?? null]) ?? '', 'utf8');
  } catch {
    return null;
  }
}

function forbidden(message: string): IpcResult<never> {
  return { ok: false, error: { code: IPC_ERROR_CODES.forbidden, message } };
}

/** Why a sender is refused, or null when it may call. Exported for tests. */
export function senderProblem(event: IpcInvokeEventLike, isAppUrl: (url: string) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null && frame.parent !== undefined) return 'calls from sub-frames are not allowed';
  if (!isAppUrl(frame.url)) return 'calls from pages outside FROK are not allowed';
  return null;
}

/** Registers the handler; returns a function that removes it (called on quit). */
export function bindIpcMain(options: BindIpcMainOptions): () => void {
  const { ipcMain, dispatch, isAppUrl, callerFor, log } = options;
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel, payload) => {
    const problem = senderProblem(event, isAppUrl);
    const caller = problem ? null : callerFor(event.sender.id);
    if (problem || !caller) {
      log.warn('refused an IPC call', { channel: String(channel).slice(0, 100), reason: problem ?? 'unknown window' });
      return forbidden(`Refused: ${problem ?? 'the caller is not a FROK window'}.`);
    }
    const bytes = payloadBytes(channel, payload);
    // A payload JSON cannot express (a BigInt, a cycle) is left to the schema check, which refuses it.
    if (bytes !== null && bytes > MAX_PAYLOAD_BYTES) {
      log.warn('refused an oversized IPC call', { channel: String(channel).slice(0, 100), caller: caller.id, bytes });
      return {
        ok: false,
        error: { code: IPC_ERROR_CODES.payloadTooLarge, message: tr('errors:ipc.tooLarge', { mib: MAX_PAYLOAD_BYTES / (1024 * 1024) }) },
      } satisfies IpcResult<never>;
    }
    return dispatch(channel, payload, caller);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}
