/**
 * The preload: exposes `window.frok` and nothing else. It runs sandboxed, so it is a
 * CommonJS bundle that may require only 'electron' (see electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createFrokApi } from './frok-api';

contextBridge.exposeInMainWorld('frok', createFrokApi(ipcRenderer));
