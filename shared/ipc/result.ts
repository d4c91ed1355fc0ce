import { z } from 'zod';

/**
 * Error codes every channel may answer with. Services add their own codes
 * (such as `secret_storage_failed`); the renderer shows `message` to the person.
 */
export const IPC_ERROR_CODES = {
  invalidRequest: 'invalid_request',
  unknownChannel: 'unknown_channel',
  forbidden: 'forbidden',
  payloadTooLarge: 'payload_too_large',
  notYourRun: 'not_your_run',
  internal: 'internal',
} as const;

export const IpcErrorSchema = z.object({ code: z.string().min(1), message: z.string() }).strict();
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** What every invoke answers: never a raw throw across the process boundary. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };
