/**
 * The loopback redirect of an OAuth sign-in (RFC 8252 §7.3): a one-shot HTTP server on
 * 127.0.0.1 that waits for the browser to land on `/callback?code=…&state=…`, checks the
 * state, answers a small page the person can close, and then stops. It gives up after
 * `timeoutMs` (a few minutes by default).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CALLBACK_PATH = '/callback';
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackCallback {
  code: string;
  /** RFC 9207 `iss`, when the authorization server sends it. */
  iss: string | undefined;
}

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/callback` */
  readonly redirectUrl: string;
  readonly port: number;
  /** Resolves with the code of the first callback whose state matches; rejects on a mismatch, an error answer, the timeout or `close()`. */
  readonly result: Promise<LoopbackCallback>;
  close(): void;
}

export class SignInError extends Error {
  constructor(
    message: string,
    readonly reason: 'state-mismatch' | 'denied' | 'timeout' | 'cancelled' | 'bad-callback',
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

const page = (title: string, text: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;text-align:center">` +
  `<h1 style="font-size:1.4rem">${title}</h1><p>${text}</p></body></html>`;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface LoopbackOptions {
  /** The `state` the authorization request carries. */
  expectedState: string;
  /** A port to try first (the one a registered client's redirect URI names); falls back to a random one. */
  preferredPort?: number;
  timeoutMs?: number;
}

const listen = (server: ReturnType<typeof createServer>, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });

export async function startLoopbackRedirect(opts: LoopbackOptions): Promise<LoopbackRedirect> {
  let settle: { resolve: (v: LoopbackCallback) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<LoopbackCallback>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Callers may close before awaiting; never leave the rejection unhandled.
  result.catch(() => {});
  let done = false;

  const finish = (outcome: { ok: LoopbackCallback } | { err: Error }): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if ('ok' in outcome) settle?.resolve(outcome.ok);
    else settle?.reject(outcome.err);
    // Let the answer go out first, then stop listening.
    setImmediate(() => {
      server.close();
      server.closeAllConnections();
    });
  };

  const answer = (res: ServerResponse, status: number, title: string, text: string): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(page(title, text));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      answer(res, 404, 'Not found', 'There is nothing here.');
      return;
    }
    const params = url.searchParams;
    if (params.get('state') !== opts.expectedState) {
      answer(res, 400, 'Sign-in refused', 'This answer does not belong to the sign-in FROK started. Start the sign-in again from FROK.');
      finish({ err: new SignInError('The sign-in answer did not match the request FROK made (state mismatch).', 'state-mismatch') });
      return;
    }
    const error = params.get('error');
    if (error) {
      const description = params.get('error_description') ?? error;
      answer(res, 400, 'Sign-in not completed', `${escapeHtml(description)}. You can close this window.`);
      finish({ err: new SignInError(`The server did not sign you in: ${description}`, 'denied') });
      return;
    }
    const code = params.get('code');
    if (!code) {
      answer(res, 400, 'Sign-in not completed', 'The answer carried no authorization code. You can close this window.');
      finish({ err: new SignInError('The sign-in answer carried no authorization code.', 'bad-callback') });
      return;
    }
    answer(res, 200, 'Signed in', 'FROK is signed in. You can close this window.');
    finish({ ok: { code, iss: params.get('iss') ?? undefined } });
  });

  let port: number;
  try {
    port = await listen(server, opts.preferredPort ?? 0);
  } catch (err) {
    if (!opts.preferredPort) throw err;
    port = await listen(server, 0);
  }
  const timer = setTimeout(
    () => finish({ err: new SignInError('The sign-in was not finished in time.', 'timeout') }),
    opts.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
  );
  timer.unref?.();

  return {
    redirectUrl: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    port,
    result,
    close: () => finish({ err: new SignInError('The sign-in was cancelled.', 'cancelled') }),
  };
}
