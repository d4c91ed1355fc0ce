/**
 * The app's log file through electron-log's main-process logger (Electron only: importing
 * electron-log/main imports 'electron'). Everything it decides is in file-log.ts.
 */
import electronLog from 'electron-log/main';
import { closeRendererLogChannel, configureFileLog, type FileLog, type IpcMainChannels } from './file-log';

export function openElectronFileLog(o: { ipcMain: IpcMainChannels; dev: boolean }): FileLog {
  closeRendererLogChannel(o.ipcMain);
  return configureFileLog(electronLog, { console: o.dev });
}
