/**
 * The preload: exposes `window.frok` and nothing else. It runs sandboxed, so it is a
 * CommonJS bundle that may require only 'electron' (see electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createFrokApi } from './frok-api';

// Only the typed API built over ipcRenderer crosses the bridge, never ipcRenderer itself.
const frok = createFrokApi(ipcRenderer);
contextBridge.exposeInMainWorld('frok', frok);
