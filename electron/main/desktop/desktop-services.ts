/**
 * The desktop's plain services, composed with the others in electron/main/compose.ts: runs and
 * voice sessions followed for the tray, recent quick asks, the monthly budget and the
 * Home Assistant setup. Nothing here imports Electron; the shell comes in as a port.
 */
import { join } from 'node:path';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { RealtimeService } from '../realtime/realtime-service';
import type { HomeAssistantService } from '../services/home/home-assistant';
import { SecretStorageError } from '../services/secrets/secret-store';
import { UserFacingError } from '../errors';
import type { SecretsService } from '../services/secrets/secrets-service';
import type { SettingsService } from '../services/settings/settings-service';
import { openBudgetFile } from './budget/budget-file';
import { BudgetTracker } from './budget/budget-tracker';
import { HEADLESS_SHELL, type DesktopShellPort } from './desktop-shell-port';
import { HomeSetup } from './home/home-setup';
import { openLink } from './open-link';
import { QuickAskHistory } from './runs/quick-ask-history';
import { RunWatcher, type FinishedRun } from './runs/run-watcher';
import { trayStateFrom, type TrayState } from './tray/tray-state';
import { VoiceSessions } from './voice/voice-sessions';

export interface DesktopDeps {
  shell?: DesktopShellPort;
  /** Resolves false when the system refuses FROK the microphone (macOS). */
  microphoneAccess?: () => Promise<boolean>;
  now?: () => number;
}

export interface DesktopActivity {
  state: TrayState;
  activeRuns: number;
  /** A voice session started from the voice HUD is running. */
  hudVoiceRunning: boolean;
}

export interface DesktopServices {
  shell: DesktopShellPort;
  runs: RunWatcher;
  quickAsks: QuickAskHistory;
  voice: VoiceSessions;
  budget: BudgetTracker;
  homeSetup: HomeSetup;
  /** Opens a link from an answer in the system's browser, once it passes shared/external-link.ts. */
  openLink(url: string): Promise<{ ok: true }>;
  activity(): DesktopActivity;
  /** Runs and voice sessions changed what the tray should show. */
  onActivityChange(listener: () => void): () => void;
  onRunFinished(listener: (run: FinishedRun) => void): () => void;
  dispose(): void;
}

export function createDesktopServices(o: {
  events: EventBus;
  settings: SettingsService;
  secrets: SecretsService;
  home: HomeAssistantService;
  realtime: RealtimeService;
  dataDir: string;
  log: Logger;
  deps?: DesktopDeps;
}): DesktopServices {
  const { events, settings, log } = o;
  const activityListeners = new Set<() => void>();
  const finishedListeners = new Set<(run: FinishedRun) => void>();
  const changed = () => {
    for (const listener of [...activityListeners]) listener();
  };

  const quickAsks = new QuickAskHistory();
  const budget = new BudgetTracker({
    storage: openBudgetFile(join(o.dataDir, 'budget.json'), log),
    capUsd: () => settings.get().budget.monthlyCapUsd,
    onAlert: (alert) => events.emit('budget:alert', alert),
    log,
    ...(o.deps?.now ? { now: o.deps.now } : {}),
  });
  const runs = new RunWatcher({
    onActiveChange: changed,
    onFinished: (run) => {
      quickAsks.record(run);
      budget.add(run.result.costUsd);
      for (const listener of [...finishedListeners]) listener(run);
    },
  });
  const voice = new VoiceSessions({
    start: (request, caller) => o.realtime.start(request, caller),
    report: (request, caller) => o.realtime.report(request, caller),
    ...(o.deps?.microphoneAccess ? { microphoneAccess: o.deps.microphoneAccess } : {}),
    pricing: () => settings.get().pricing,
    onCost: (cost) => budget.add(cost),
    onChange: changed,
    log,
  });
  const homeSetup = new HomeSetup({
    testConnection: (override) => o.home.testConnection(override),
    storedToken: (url) =>
      o.secrets.secretFor('homeAssistantToken', url).catch((err: unknown) => {
        throw err instanceof SecretStorageError || err instanceof UserFacingError ? err : new Error(`FROK could not read the stored Home Assistant token (${err instanceof Error ? err.message : String(err)}). Paste the token again.`);
      }),
    saveToken: (token, url) => o.secrets.setHomeAssistantToken(token, url),
    clearToken: async () => void (await o.secrets.clear('homeAssistantToken')),
    saveUrl: (url) => void settings.update({ homeAssistant: { url } }),
  });

  const stopListening = events.subscribe(({ name, payload }) => {
    if (name === 'agent:activity') runs.handle(payload as Parameters<RunWatcher['handle']>[0]);
    else if (name === 'realtime:ended') voice.ended((payload as { sessionId: string }).sessionId);
    else if (name === 'settings:changed') budget.recheck();
  });

  return {
    shell: o.deps?.shell ?? HEADLESS_SHELL,
    openLink: (url) => openLink(o.deps?.shell ?? HEADLESS_SHELL, url, o.log),
    runs,
    quickAsks,
    voice,
    budget,
    homeSetup,
    activity: () => ({
      state: trayStateFrom({ activeRuns: runs.activeRuns, voice: voice.activities() }),
      activeRuns: runs.activeRuns,
      hudVoiceRunning: voice.runningIn('hud'),
    }),
    onActivityChange(listener) {
      activityListeners.add(listener);
      return () => void activityListeners.delete(listener);
    },
    onRunFinished(listener) {
      finishedListeners.add(listener);
      return () => void finishedListeners.delete(listener);
    },
    dispose() {
      stopListening();
      voice.dispose();
      activityListeners.clear();
      finishedListeners.clear();
    },
  };
}
