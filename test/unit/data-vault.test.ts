/**
 * The encrypted data file: records sealed per place, the key check that tells a missing
 * or wrong key from a new install, and a damaged file moved aside, never overwritten.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataVault, DATA_KEY_NAME } from '../../electron/main/services/data/data-vault';
import { createSealedBox, newDataKey, SealedRecordError } from '../../electron/main/services/data/sealed-box';
import { SecretStorageError } from '../../electron/main/services/secrets/secret-store';
import { memorySecretStore } from '../support/node-services';

function freshFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'frok-vault-')), 'frok-data.db');
}

describe('sealed box', () => {
  it('opens what it sealed, at the same place only, and never with another key', () => {
    const box = createSealedBox(newDataKey());
    const sealed = box.seal('messages:1', { text: 'hello' });
    expect(box.open('messages:1', sealed)).toEqual({ text: 'hello' });
    expect(() => box.open('messages:2', sealed)).toThrow(SealedRecordError);
    expect(() => createSealedBox(newDataKey()).open('messages:1', sealed)).toThrow(SealedRecordError);
    const changed = Uint8Array.from(sealed);
    changed[changed.length - 1]! ^= 1;
    expect(() => box.open('messages:1', changed)).toThrow(SealedRecordError);
  });

  it('seals the same value differently each time (a fresh nonce)', () => {
    const box = createSealedBox(newDataKey());
    expect(Buffer.from(box.seal('p', 'same')).equals(Buffer.from(box.seal('p', 'same')))).toBe(false);
  });
});

describe('data vault', () => {
  it('makes a key on first start, keeps it in the secret store, and opens the file again with it', async () => {
    const file = freshFile();
    const secrets = memorySecretStore();
    const first = await DataVault.open({ file, secrets });
    expect(first.kind).toBe('open');
    expect(secrets.values.get(DATA_KEY_NAME)).toMatch(/^[A-Za-z0-9+/]{43}=$/u);
    if (first.kind === 'open') first.vault.close();
    const again = await DataVault.open({ file, secrets });
    expect(again.kind).toBe('open');
    if (again.kind === 'open') again.vault.close();
  });

  it('is locked, and leaves the file untouched, when the key is missing or wrong', async () => {
    const file = freshFile();
    const secrets = memorySecretStore();
    const opened = await DataVault.open({ file, secrets });
    if (opened.kind === 'open') opened.vault.close();
    const before = readFileSync(file);

    secrets.values.delete(DATA_KEY_NAME);
    expect(await DataVault.open({ file, secrets })).toEqual({ kind: 'locked', problem: { kind: 'key-missing' } });
    // No new key was made in its place: the right one may yet come back.
    expect(secrets.values.has(DATA_KEY_NAME)).toBe(false);

    secrets.values.set(DATA_KEY_NAME, newDataKey().toString('base64'));
    expect(await DataVault.open({ file, secrets })).toEqual({ kind: 'locked', problem: { kind: 'key-wrong' } });
    // A keychain entry that is not a key at all (cut short, edited) is a wrong key too, not a crash.
    secrets.values.set(DATA_KEY_NAME, 'c2hvcnQ=');
    expect(await DataVault.open({ file, secrets })).toEqual({ kind: 'locked', problem: { kind: 'key-wrong' } });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('is locked when the keychain does not answer, and says it has nowhere to keep a key on a new install', async () => {
    const failing = { ...memorySecretStore(), get: async () => Promise.reject(new SecretStorageError('the keyring is locked')) };
    const existing = freshFile();
    writeFileSync(existing, '');
    expect(await DataVault.open({ file: existing, secrets: failing })).toEqual({ kind: 'locked', problem: { kind: 'keychain-unavailable', detail: 'the keyring is locked' } });
    const nowhere = { ...memorySecretStore(), set: async () => Promise.reject(new SecretStorageError('no keychain')) };
    const file = freshFile();
    expect(await DataVault.open({ file, secrets: nowhere })).toEqual({ kind: 'locked', problem: { kind: 'no-key-storage', detail: 'no keychain' } });
  });

  it('moves a damaged file aside with its bytes intact and starts a new one', async () => {
    const file = freshFile();
    writeFileSync(file, 'this is not a database, it is a shopping list');
    const opened = await DataVault.open({ file, secrets: memorySecretStore() });
    expect(opened.kind).toBe('open');
    if (opened.kind !== 'open') return;
    expect(opened.movedAside).toMatch(/frok-data\.db\.damaged-/u);
    expect(readFileSync(opened.movedAside!, 'utf8')).toBe('this is not a database, it is a shopping list');
    opened.vault.close();
  });

  it('starting fresh keeps the unreadable file aside and opens a new one under the key the keychain holds', async () => {
    const file = freshFile();
    const secrets = memorySecretStore();
    const opened = await DataVault.open({ file, secrets });
    if (opened.kind === 'open') opened.vault.close();
    const otherKey = newDataKey().toString('base64');
    secrets.values.set(DATA_KEY_NAME, otherKey);
    const before = readFileSync(file);
    const { opening, keptAt } = await DataVault.startFresh({ file, secrets });
    expect(opening.kind).toBe('open');
    expect(keptAt && readFileSync(keptAt).equals(before)).toBe(true);
    expect(existsSync(file)).toBe(true);
    // Not replaced: had it been the kept file's key after all, that file would still open with it.
    expect(secrets.values.get(DATA_KEY_NAME)).toBe(otherKey);
    if (opening.kind === 'open') opening.vault.close();
  });

  it('a new file replaces a keychain entry that cannot be a key', async () => {
    const file = freshFile();
    const secrets = memorySecretStore();
    secrets.values.set(DATA_KEY_NAME, 'c2hvcnQ=');
    const opened = await DataVault.open({ file, secrets });
    expect(opened.kind).toBe('open');
    expect(Buffer.from(secrets.values.get(DATA_KEY_NAME)!, 'base64')).toHaveLength(32);
    if (opened.kind === 'open') opened.vault.close();
  });
});
