/**
 * The harness's stand-in for the preload: an init script that defines `window.frok`
 * (shared/frok-api.ts) over a WebSocket to the harness server. It is kept as source text,
 * not a function, because Playwright stringifies functions and the test transformer may
 * add helpers (such as `__name`) that do not exist inside the page.
 *
 * Like the preload, it only carries calls: channel names and payloads are judged by main.
 * A call made before the socket opens waits for it; a socket that closes answers every
 * pending call with `{ ok: false, error: { code: 'transport' } }`; the next call reconnects.
 */
import { IPC_PATH } from './harness-server';

export const TRANSPORT_ERROR_CODE = 'transport';

export const FROK_SHIM_SOURCE = String.raw`(() => {
  // Only the app's own top-level page gets the API, as the preload runs only there.
  if (window !== window.top || !/^https?:$/.test(location.protocol)) return;
  // Which window this page is, as main knows each window's kind: runs belong to their windows.
  const windowKind = /\/quick-ask\.html$/.test(location.pathname) ? 'quick-ask' : /\/hud\.html$/.test(location.pathname) ? 'hud' : 'main';
  const url = location.origin.replace(/^http/, 'ws') + ${JSON.stringify(IPC_PATH)} + '?window=' + windowKind;
  const pending = new Map();
  const listeners = new Map();
  let socket = null;
  let nextId = 1;

  function failPending(message) {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: ${JSON.stringify(TRANSPORT_ERROR_CODE)}, message } });
    pending.clear();
  }

  function connect() {
    const ws = new WebSocket(url);
    ws.addEventListener('message', (e) => {
      let message;
      try { message = JSON.parse(e.data); } catch { console.error('frok shim: a frame from main was not JSON'); return; }
      if (message && 'id' in message && 'result' in message) {
        const resolve = pending.get(message.id);
        if (resolve) { pending.delete(message.id); resolve(message.result); }
        return;
      }
      if (message && typeof message.event === 'string') {
        for (const listener of [...(listeners.get(message.event) || [])]) {
          // One listener's bug must not keep the event from the others; it still shows as a page error.
          try { listener(message.payload); } catch (err) { setTimeout(() => { throw err; }); }
        }
      }
    });
    ws.addEventListener('close', (e) => {
      if (socket === ws) socket = null;
      failPending('The connection to FROK closed (' + e.code + (e.reason ? ': ' + e.reason : '') + ').');
    });
    return ws;
  }

  function send(message) {
    if (!socket) socket = connect();
    const ws = socket;
    const text = JSON.stringify(message);
    if (ws.readyState === WebSocket.OPEN) ws.send(text);
    else ws.addEventListener('open', () => ws.send(text), { once: true });
  }

  const api = Object.freeze({
    invoke(channel, payload) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ id, channel, payload });
      });
    },
    on(event, listener) {
      if (typeof listener !== 'function') throw new TypeError('frok.on needs a listener function');
      let set = listeners.get(event);
      if (!set) { set = new Set(); listeners.set(event, set); }
      set.add(listener);
      if (!socket) socket = connect();
      return () => { set.delete(listener); };
    },
  });
  // contextBridge exposes a read-only, frozen object; so does this.
  Object.defineProperty(window, 'frok', { value: api, writable: false, configurable: false, enumerable: true });
  // Events flow from the first moment, as they do for a window with a preload.
  socket = connect();
})();`;
