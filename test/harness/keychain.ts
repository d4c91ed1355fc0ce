/**
 * Direct access to the OS keychain for tests, bypassing FROK's code: to read back what the
 * app stored and to remove a test run's entries afterwards.
 */
import { randomBytes } from 'node:crypto';
import { importKeytar } from '../../electron/main/services/secrets/keytar-secret-store';

/** A service name no real installation uses, so a test run never touches real secrets. */
export function uniqueKeychainService(): string {
  return `FROK-test-${randomBytes(6).toString('hex')}`;
}

/** Every entry stored under the service, as the OS keychain has it. */
export async function readKeychain(service: string): Promise<{ account: string; password: string }[]> {
  return (await importKeytar()).findCredentials(service);
}

/** Deletes every entry under the service; returns how many were removed. */
export async function clearKeychain(service: string): Promise<number> {
  const keytar = await importKeytar();
  const entries = await keytar.findCredentials(service);
  for (const { account } of entries) await keytar.deletePassword(service, account);
  return entries.length;
}
