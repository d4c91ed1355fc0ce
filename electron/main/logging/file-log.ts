/**
 * electron-log's settings for FROK: one main.log in the app's logs folder, rotated at a
 * size cap into main.old.log (electron-log's own archiveLogFn), readable only by the
 * person's account, and echoed to the console in development. Lines reach it already
 * formatted and redacted (logger.ts createRedactingLogger).
 */
import { dirname } from 'node:path';
import type { NodeLogger } from 'electron-log';
import type { LineSink } from '../logger';

/** main.log grows to this, then becomes main.old.log (the one before that is dropped). */
export const LOG_MAX_BYTES = 2 * 1024 * 1024;

export interface FileLogOptions {
  /** Development: lines go to the console as well. */
  console: boolean;
  maxSize?: number;
}

/** The part of electron-log's main (or Node) logger that FROK configures and writes through. */
export type FileLogBackend = Pick<NodeLogger, 'transports' | 'info' | 'warn' | 'error'>;

export interface FileLog {
  sink: LineSink;
  /** The folder main.log is in ("Open logs folder"). */
  dir(): string;
}

export function configureFileLog(backend: FileLogBackend, options: FileLogOptions): FileLog {
  const { file, console } = backend.transports;
  file.level = 'info';
  file.maxSize = options.maxSize ?? LOG_MAX_BYTES;
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  console.level = options.console ? 'info' : false;
  // No renderer logs through electron-log: nothing is sent to windows or to a server.
  if (backend.transports.ipc) backend.transports.ipc.level = false;
  if (backend.transports.remote) backend.transports.remote.level = false;
  return {
    sink: {
      info: (line) => backend.info(line),
      warn: (line) => backend.warn(line),
      error: (line) => backend.error(line),
    },
    dir: () => dirname(file.getFile().path),
  };
}

/** The channel electron-log/main listens on for renderer log messages from the moment it is imported. */
export const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__';

export interface IpcMainChannels {
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): unknown;
}

/**
 * FROK's pages never log through electron-log (the preload exposes only FROK's own IPC), so
 * the channel is closed: otherwise any page could write lines into the person's log file.
 */
export function closeRendererLogChannel(ipcMain: IpcMainChannels): void {
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL);
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL);
}
