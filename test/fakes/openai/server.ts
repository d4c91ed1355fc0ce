// The fake OpenAI HTTP server: auth, CORS, request log, concurrency tracking and routing.
// Model replies come from a per-test script (see scripts.ts); other fakes may add routes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { bearerKey, unauthorizedBody } from './auth.ts';
import { NO_CREDIT_ERROR, sendError } from './errors.ts';
import { CORS_HEADERS, lowerCaseHeaders, parseBody, readBody, recordSends, sendJson, type SentItem } from './http.ts';
import { handleModelCall } from './model-call.ts';
import { DEFAULT_MODEL_IDS, modelEntry, modelList } from './models.ts';
import { defaultScript } from './scripts.ts';
import type {
  FakeOpenAI,
  FakeOpenAIOptions,
  ModelRequest,
  ModelScript,
  RecordedRequest,
  RouteHandler,
  UpgradeHandler,
} from './types.ts';

export type * from './types.ts';
export { scriptByRoute, scriptSequence, defaultScript, DEFAULT_REPLY_TEXT } from './scripts.ts';
export { NO_CREDIT_ERROR } from './errors.ts';
export type { ModelRoute, RouteMatch, RoutedScript } from './scripts.ts';

export const DEFAULT_VALID_KEY = 'sk-test-valid-key-1234';

type Route = { handler: RouteHandler; requireAuth: boolean };

/**
 * The POST endpoints OpenAI bills for. Not in OpenAI's API reference: that GET /v1/models
 * still answers on an account without credit is what people report seeing; that minting a
 * realtime key is refused with insufficient_quota is our assumption.
 */
const PAID_ROUTES = new Set(['/v1/responses', '/v1/chat/completions', '/v1/audio/speech', '/v1/realtime/client_secrets']);

const now = (): number => performance.timeOrigin + performance.now();

/** The speech endpoint's voices (a few realtime-only ones, like cedar, are missing on purpose). */
const SPEECH_VOICES = new Set(['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse', 'marin']);

/** A mono 16-bit 24 kHz WAV of a quiet 440 Hz tone. */
function toneWav(seconds: number): Buffer {
  const rate = 24_000;
  const samples = Math.round(rate * seconds);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return wav;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let validKeys = new Set(options.validKeys ?? [DEFAULT_VALID_KEY]);
  let requireAuth = options.requireAuth !== false;
  let modelIds = [...(options.models ?? DEFAULT_MODEL_IDS)];
  let script: ModelScript = options.script ?? defaultScript;
  let hasCredit = options.credit !== false;
  const requests: RecordedRequest[] = [];
  const modelRequests: ModelRequest[] = [];
  const sent: SentItem[] = [];
  const sendListeners = new Set<(item: SentItem) => void>();
  let requestCount = 0;
  let replyCount = 0;
  let inFlight = 0;
  let maxConcurrent = 0;
  let modelInFlight = 0;
  let maxConcurrentModel = 0;
  const routes = new Map<string, Route>();
  const upgrades = new Map<string, UpgradeHandler>();
  // Upgraded sockets leave the HTTP server's bookkeeping, so close() ends them itself.
  const upgradedSockets = new Set<Duplex>();
  const routeKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

  const fake: FakeOpenAI = {
    url: '',
    origin: '',
    port: 0,
    requests,
    modelRequests,
    sent,
    onSend(listener) {
      sendListeners.add(listener);
      return () => sendListeners.delete(listener);
    },
    latencyMs: options.latencyMs ?? 0,
    get maxConcurrentRequests() {
      return maxConcurrent;
    },
    get maxConcurrentModelRequests() {
      return maxConcurrentModel;
    },
    get inFlight() {
      return inFlight;
    },
    setValidKeys(keys) {
      validKeys = new Set(keys);
    },
    setRequireAuth(required) {
      requireAuth = required;
    },
    setModels(ids) {
      modelIds = [...ids];
    },
    setScript(next) {
      script = next;
    },
    setCredit(next) {
      hasCredit = next;
    },
    route(method, path, handler, routeOptions = {}) {
      routes.set(routeKey(method, path), { handler, requireAuth: routeOptions.requireAuth ?? true });
    },
    upgrade(path, handler) {
      upgrades.set(path, handler);
    },
    reset() {
      requests.length = 0;
      modelRequests.length = 0;
      sent.length = 0;
      maxConcurrent = inFlight;
      maxConcurrentModel = modelInFlight;
    },
    close: () => closeServer(),
  };

  fake.route('GET', '/v1/models', ({ res }) => sendJson(res, 200, modelList(modelIds)));
  // Text to speech: a short WAV tone stands in for the spoken sample; unknown voices get a 400 like the real one.
  fake.route('POST', '/v1/audio/speech', ({ res, body }) => {
    const voice = (body as { voice?: unknown } | null)?.voice;
    if (typeof voice !== 'string' || !SPEECH_VOICES.has(voice)) {
      sendJson(res, 400, { error: { message: `Invalid value for 'voice': ${String(voice)}.`, type: 'invalid_request_error', param: 'voice', code: 'invalid_value' } });
      return;
    }
    res.writeHead(200, { 'content-type': 'audio/wav' });
    res.end(toneWav(0.4));
  });
  for (const [path, api] of [
    ['/v1/responses', 'responses'],
    ['/v1/chat/completions', 'chat'],
  ] as const) {
    fake.route('POST', path, async ({ res, body, recorded }) => {
      recorded.api = api;
      modelInFlight++;
      maxConcurrentModel = Math.max(maxConcurrentModel, modelInFlight);
      try {
        await handleModelCall(api, body, recorded, res, {
          script: () => script,
          latencyMs: () => fake.latencyMs,
          onRequest: (request) => modelRequests.push(request),
          nextReplyNumber: () => ++replyCount,
        });
      } finally {
        modelInFlight--;
      }
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      // Preflight carries no credentials, so it is answered before auth (as OpenAI does).
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const headers = lowerCaseHeaders(req);
    const text = await readBody(req);
    const recorded: RecordedRequest = {
      id: ++requestCount,
      method,
      path,
      query,
      headers,
      body: parseBody(text, headers['content-type']),
      startedAt: now(),
    };
    requests.push(recorded);
    recordSends(res, (item) => {
      const full: SentItem = { requestId: recorded.id, method, path, ...item };
      sent.push(full);
      for (const listener of sendListeners) listener(full);
    });
    inFlight++;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    res.on('close', () => {
      inFlight--;
      recorded.endedAt = now();
      recorded.status = res.statusCode;
    });

    const modelMatch = /^\/v1\/models\/([^/]+)$/.exec(path);
    const route =
      routes.get(routeKey(method, path)) ??
      (method === 'GET' && modelMatch ? modelRoute(decodeURIComponent(modelMatch[1]!)) : undefined);
    const needsAuth = route ? route.requireAuth : true;
    if (needsAuth && requireAuth) {
      const key = bearerKey(req);
      if (!key || !validKeys.has(key)) {
        sendJson(res, 401, unauthorizedBody(key));
        return;
      }
    }
    if (!route) {
      sendError(res, { status: 404, message: `Invalid URL (${method} ${path})`, code: 'unknown_url' });
      return;
    }
    // Without credit, what costs money is refused (routes other fakes add, such as minting a realtime key, too).
    if (!hasCredit && method === 'POST' && PAID_ROUTES.has(path)) {
      sendError(res, NO_CREDIT_ERROR);
      return;
    }
    await route.handler({ req, res, body: recorded.body, recorded });
  }

  function modelRoute(id: string): Route {
    return {
      requireAuth: true,
      handler: ({ res }) =>
        modelIds.includes(id)
          ? sendJson(res, 200, modelEntry(id))
          : sendError(res, {
              status: 404,
              message: `The model '${id}' does not exist or you do not have access to it.`,
              code: 'model_not_found',
            }),
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendError(res, { status: 500, message: `fake OpenAI crashed: ${message}` });
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const handler = upgrades.get((req.url ?? '/').split('?', 1)[0]!);
    if (!handler) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    upgradedSockets.add(socket);
    socket.once('close', () => upgradedSockets.delete(socket));
    handler(req, socket, head);
  });

  function closeServer(): Promise<void> {
    return new Promise((resolve, reject) => {
      for (const socket of upgradedSockets) socket.destroy();
      server.close((error) => (error ? reject(error) : resolve()));
      // Streams a test abandoned would otherwise hold close() open.
      server.closeAllConnections();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  fake.port = port;
  fake.origin = `http://127.0.0.1:${port}`;
  fake.url = `${fake.origin}/v1`;
  return fake;
}
