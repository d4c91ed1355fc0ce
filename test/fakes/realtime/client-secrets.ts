// POST /v1/realtime/client_secrets: the server-side holder of the real key mints short-lived
// `ek_` keys; calls and sockets accept only those (so a test can prove the renderer never
// held the real key).
import { z } from 'zod';
import { redactKey } from '../openai/auth.ts';
import { sendError, type ErrorSpec } from '../openai/errors.ts';
import { sendJson } from '../openai/http.ts';
import type { FakeOpenAI } from '../openai/types.ts';
import { now } from './clock.ts';
import { newEphemeralKey } from './ids.ts';
import { applySessionPatch, defaultSession, sessionCreateSchema, type RealtimeSessionConfig } from './session-config.ts';
import type { TransportKind } from './transport.ts';
import type { MintRecord, RefusedConnection } from './types.ts';
import { invalidRequest, wireErrorFromZod } from './wire-errors.ts';

const DEFAULT_TTL_SECONDS = 600;

const mintSchema = z.strictObject({
  expires_after: z
    .strictObject({ anchor: z.literal('created_at'), seconds: z.number().int().min(10).max(7200) })
    .optional(),
  session: sessionCreateSchema,
});

export type KeyCheck = { ok: true; session: RealtimeSessionConfig } | { ok: false; refusal: RefusedConnection };

export class EphemeralKeys {
  readonly mints: MintRecord[] = [];
  readonly refused: RefusedConnection[] = [];
  private readonly expiryMs = new Map<string, number>();
  private nextFailure: ErrorSpec | undefined;

  failNext(failure: ErrorSpec): void {
    this.nextFailure = failure;
  }

  expireAll(): void {
    for (const key of this.expiryMs.keys()) this.expiryMs.set(key, 0);
  }

  /** Accepts a live minted key (or one of `alsoAccept`); records and explains a refusal. */
  check(key: string | undefined, transport: TransportKind, alsoAccept: string[] = [], model = 'gpt-realtime'): KeyCheck {
    const refuse = (reason: RefusedConnection['reason']): KeyCheck => {
      const refusal: RefusedConnection = { at: now(), transport, key: key && redactKey(key), reason };
      this.refused.push(refusal);
      return { ok: false, refusal };
    };
    if (!key) return refuse('missing');
    if (alsoAccept.includes(key)) return { ok: true, session: defaultSession(model, nowSeconds() + 3600) };
    if (!key.startsWith('ek_')) return refuse('not_ephemeral');
    const expiry = this.expiryMs.get(key);
    if (expiry === undefined) return refuse('unknown');
    if (expiry <= Date.now()) return refuse('expired');
    const mint = this.mints.find((m) => m.key === key)!;
    return { ok: true, session: { ...structuredClone(mint.session), id: `sess_${key.slice(3, 25)}` } };
  }

  register(fake: FakeOpenAI): void {
    fake.route('POST', '/v1/realtime/client_secrets', ({ res, body }) => {
      const failure = this.nextFailure;
      this.nextFailure = undefined;
      if (failure) return sendError(res, failure);
      if (body === undefined || typeof body !== 'object') {
        return sendJson(res, 400, {
          error: invalidRequest(
            null,
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
          ),
        });
      }
      const parsed = mintSchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: wireErrorFromZod(parsed.error, body) });
      const ttl = parsed.data.expires_after?.seconds ?? DEFAULT_TTL_SECONDS;
      const expiresAt = nowSeconds() + ttl;
      const { model, ...patch } = parsed.data.session;
      const session = applySessionPatch(defaultSession(model, expiresAt), patch);
      const key = newEphemeralKey();
      this.expiryMs.set(key, Date.now() + ttl * 1000);
      this.mints.push({ at: now(), key, expiresAt, request: body, session });
      sendJson(res, 200, { value: key, expires_at: expiresAt, session });
    });
  }
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
