/**
 * Sealing and opening one record with the data key: AES-256-GCM (authenticated, so a
 * changed byte or the wrong key is detected, never decrypted into garbage), a fresh random
 * 96-bit nonce per seal, and the record's place (table and id) as associated data, so a
 * sealed value copied onto another row does not open there.
 *
 * Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;

/** The record did not open: the key is not the one it was sealed with, or the bytes were changed. */
export class SealedRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedRecordError';
  }
}

export interface SealedBox {
  seal(place: string, value: unknown): Uint8Array;
  /** Throws SealedRecordError when the record does not open with this key at this place. */
  open(place: string, sealed: Uint8Array): unknown;
}

export function createSealedBox(key: Buffer): SealedBox {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`the data key must be ${DATA_KEY_BYTES} bytes, not ${key.length}`);
  return {
    seal(place, value) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(place, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), body]);
    },
    open(place, sealed) {
      const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (bytes.length < HEADER_BYTES || bytes[0] !== VERSION) throw new SealedRecordError(`a record at ${place} is not in a format FROK knows`);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + NONCE_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(place, 'utf8'));
      decipher.setAuthTag(bytes.subarray(1 + NONCE_BYTES, HEADER_BYTES));
      let text: string;
      try {
        text = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SealedRecordError(`a record at ${place} does not open with this key`);
      }
      return JSON.parse(text) as unknown;
    },
  };
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}
