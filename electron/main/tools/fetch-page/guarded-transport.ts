/**
 * The default way PageFetcher talks HTTP: one GET over node:http/https, returned as a
 * standard Response so it is interchangeable with `fetch`.
 *
 * Why not the global fetch: fetch resolves the host name itself, after our check, so a
 * name with a short TTL could answer a public address to the check and 127.0.0.1 to the
 * connect (DNS rebinding). Pinning fetch to the checked address needs an undici Agent
 * with a custom `connect`, and the undici package is not a dependency (Node's built-in
 * copy cannot be imported). node:http takes a `lookup` per request, so here the check
 * happens inside the connection (guarded-lookup.ts) and the socket connects only to
 * addresses that passed it. TLS still verifies the certificate against the host name.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable, pipeline, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { createGuardedLookup } from './guarded-lookup';
import type { LookupHost } from './host-resolution';

export interface HttpGetInit {
  headers: Record<string, string>;
  signal: AbortSignal;
  redirect: 'manual';
}

/** The part of `fetch` PageFetcher uses; `globalThis.fetch` satisfies it. */
export type HttpGet = (url: string, init: HttpGetInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export function createGuardedTransport(lookup: LookupHost, allowPrivate: boolean): HttpGet {
  const guardedLookup = createGuardedLookup(lookup, allowPrivate);
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(target, {
        method: 'GET',
        headers: { ...init.headers, 'accept-encoding': 'gzip, deflate, br' },
        lookup: guardedLookup,
        // No pooling: a socket is never shared between fetches with different policies.
        agent: false,
        signal: init.signal,
      });
      request.once('error', reject);
      request.once('response', (incoming) => {
        try {
          resolve(toResponse(incoming));
        } catch (error) {
          incoming.destroy();
          reject(error);
        }
      });
      request.end();
    });
}

function toResponse(incoming: http.IncomingMessage): Response {
  const status = incoming.statusCode ?? 0;
  if (status < 200 || status > 599) {
    throw Object.assign(new Error(`invalid HTTP status ${status}`), { code: 'HPE_INVALID_CONSTANT' });
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
    try {
      headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
    } catch {
      // A header Headers cannot hold (odd bytes in its name) is one we have no use for.
    }
  }
  if (NULL_BODY_STATUSES.has(status)) {
    incoming.resume();
    return new Response(null, { status, statusText: incoming.statusMessage ?? '', headers });
  }
  const body = Readable.toWeb(decoded(incoming, headers.get('content-encoding'))) as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: incoming.statusMessage ?? '', headers });
}

/** Undoes Content-Encoding (listed in the order applied, so undone in reverse). */
function decoded(incoming: http.IncomingMessage, contentEncoding: string | null): Readable {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== 'identity');
  if (codings.length === 0) return incoming;
  let stream: Readable = incoming;
  // pipeline destroys both streams on error (the decoder with the error), and a
  // cancelled body destroys the decoder, which pipeline carries back to the socket.
  for (const coding of codings.reverse()) stream = pipeline(stream, decoderFor(coding), () => {});
  return stream;
}

function decoderFor(coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw Object.assign(new Error(`unsupported content encoding "${coding}"`), { code: 'UNSUPPORTED_ENCODING' });
  }
}
