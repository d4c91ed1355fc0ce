/**
 * A SecretStore that tells the log redactor every value it reads or writes (a value it once
 * held stays known), so a secret that reached the logs by any path is still taken out.
 * Everything else about the store (kind, fallback, …) is the wrapped store's own.
 */
import { SECRET_NAMES, type SecretName } from '@shared/domain';
import type { SecretStore } from './secret-store';
import type { Redactor } from '../../logging/redact';

export type TrackedSecretStore = SecretStore & {
  /** Reads every secret once so the redactor knows them from the start; a store that cannot be read is left for the app to report. */
  prime(): Promise<void>;
};

export function trackSecretValues(store: SecretStore, redactor: Pick<Redactor, 'setSecret'>): TrackedSecretStore {
  const overrides = {
    async get(name: SecretName) {
      const value = await store.get(name);
      redactor.setSecret(name, value);
      return value;
    },
    async set(name: SecretName, value: string) {
      // Known before it is stored: a failed write may log an error that mentions it.
      redactor.setSecret(name, value);
      await store.set(name, value);
    },
    async prime() {
      await Promise.all(SECRET_NAMES.map((name) => store.get(name).then((value) => redactor.setSecret(name, value), () => undefined)));
    },
  };
  return new Proxy(store, {
    get(target, prop) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof typeof overrides];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as TrackedSecretStore;
}
