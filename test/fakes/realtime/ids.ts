// OpenAI-style identifiers: a prefix, then random base-62 characters.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** e.g. `newId('event')` → `event_Ab3…` (22 random characters, like the real API). */
export const newId = (prefix: string): string => `${prefix}_${randomText(22)}`;

/** An ephemeral client key as the real API mints them: `ek_` + 32 random characters. */
export const newEphemeralKey = (): string => `ek_${randomText(32)}`;
