/**
 * The composition root of the services, shared by Electron's main process and the test
 * harness: everything Electron-specific comes in through ServiceDeps, so the same
 * wiring runs in plain Node.
 */
import type { AppInfo } from '@shared/ipc/contract';
import { createEventBus, type EventBus } from '../events';
import type { Logger } from '../logger';
import type { SecretStore } from './secrets/secret-store';
import { SecretsService } from './secrets/secrets-service';
import type { SettingsStorage } from './settings/settings-storage';
import { SettingsService } from './settings/settings-service';

export interface ServiceDeps {
  settingsStorage: SettingsStorage;
  secretStore: SecretStore;
  fetch: typeof globalThis.fetch;
  app: Omit<AppInfo, 'notices'>;
  log: Logger;
}

export interface Services {
  events: EventBus;
  settings: SettingsService;
  secrets: SecretsService;
  appInfo(): AppInfo;
  /** Releases timers, connections and listeners; the app calls it on quit, tests after each run. */
  dispose(): Promise<void>;
}

export function composeServices(deps: ServiceDeps): Services {
  const events = createEventBus();
  const settings = new SettingsService(deps.settingsStorage, deps.log);
  const secrets = new SecretsService({ store: deps.secretStore, settings, fetch: deps.fetch, log: deps.log });
  const stopForwardingSettings = settings.onChange((next) => events.emit('settings:changed', next));

  return {
    events,
    settings,
    secrets,
    appInfo: () => ({ ...deps.app, notices: [...settings.notices] }),
    async dispose() {
      stopForwardingSettings();
    },
  };
}
