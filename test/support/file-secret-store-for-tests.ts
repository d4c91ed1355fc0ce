/**
 * A secret store in a plain JSON file, for tests whose services run in a child process
 * that is killed and started again (the in-memory store dies with the process). Tests only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../../electron/main/services/secrets/secret-store';
import type { SecretName } from '../../shared/domain';

export function jsonFileSecretStore(path: string): SecretStore {
  const read = (): Record<string, string> => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {});
  return {
    kind: 'keychain',
    get: async (name: SecretName) => read()[name] ?? null,
    set: async (name: SecretName, value: string) => writeFileSync(path, JSON.stringify({ ...read(), [name]: value })),
    delete: async (name: SecretName) => {
      const all = read();
      delete all[name];
      writeFileSync(path, JSON.stringify(all));
    },
  };
}
