/**
 * The composition root of the services, shared by Electron's main process and the test
 * harness: everything Electron-specific comes in through ServiceDeps, so the same
 * wiring runs in plain Node. It stands above every folder it builds (agents, realtime,
 * desktop, services, tools); only index.ts and ipc/ stand above it.
 */
import { join } from 'node:path';
import type { Tool } from '@openai/agents';
import { OPENAI_API_BASE_URL, providerKeyName } from '@shared/domain';
import type { AppInfo } from '@shared/ipc/contract';
import { AgentService } from './agents/agent-service';
import { costUsd, priceFor } from './agents/cost';
import type { SpecialistToolbox } from './agents/specialists';
import { createEventBus, type EventBus } from './events';
import { UserFacingError } from './errors';
import { setMainLanguage, tr } from './i18n';
import { answerLanguage } from './language';
import type { Logger } from './logger';
import { calculatorTool } from './tools/calculator';
import { createCurrentTimeTool } from './tools/clock';
import { createFetchPageTool, PageFetcher } from './tools/fetch-page';
import { createWeatherTool, WeatherService } from './tools/weather';
import { RealtimeService, type RealtimeLimits } from './realtime/realtime-service';
import { VoiceToolRunner } from './realtime/voice-tools';
import { HomeAssistantService } from './services/home/home-assistant';
import { DataService } from './services/data/data-service';
import { HistoryService, type ChooseSavePath } from './services/data/history-service';
import { recordRuns } from './services/data/run-recorder';
import { deleteAllData, exportAllData, type YourDataDeps } from './services/data/your-data';
import type { DataStatus, SavedFile } from '@shared/history';
import { createMemoryTools } from './services/memory/memory-tools';
import { MemoryStore } from './services/memory/memory-store';
import { MemoryBook } from './services/memory/memory-book';
import { MemoryRecords } from './services/data/memory-records';
import { importLegacyMemories } from './services/data/legacy-memory-import';
import { createMcpOAuth } from './services/mcp/mcp-oauth';
import { McpServerManager, type McpServerManagerDeps } from './services/mcp/mcp-server-manager';
import type { SecretName } from '@shared/domain';
import type { SecretStore } from './services/secrets/secret-store';
import { SecretsService } from './services/secrets/secrets-service';
import type { SettingsStorage } from './services/settings/settings-storage';
import { SettingsService, type AppNotice } from './services/settings/settings-service';
import { listProviderModels } from './services/models/provider-models';
import { createDesktopServices, type DesktopDeps, type DesktopServices } from './desktop/desktop-services';
import { createDiagnosticsService, setUpLogging, type DiagnosticsService, type LoggingDeps } from './diagnostics/diagnostics-service';

export interface ServiceDeps {
  settingsStorage: SettingsStorage;
  secretStore: SecretStore;
  /** Where FROK keeps its own data files (the memory database). */
  dataDir: string;
  fetch: typeof globalThis.fetch;
  app: Omit<AppInfo, 'notices'>;
  log: Logger;
  /** Overrides for tests: the weather service's base URLs, reaching local pages, model client retries. */
  endpoints?: { weatherGeocoding?: string; weatherForecast?: string };
  allowPrivatePageFetches?: boolean;
  modelClient?: { maxRetries?: number; timeoutMs?: number };
  realtimeLimits?: Partial<RealtimeLimits>;
  /** The Electron shell's port, the microphone permission check (macOS), a clock for tests. */
  desktop?: DesktopDeps;
  /** Main's log file: its redactor, recent problems and folder. Without it they live in memory (logs under dataDir). */
  logging?: LoggingDeps;
  /** Opens a URL in the system browser (an MCP server's sign-in); Electron's shell.openExternal in the app. */
  openExternal?: (url: string) => Promise<unknown>;
  /** The person's MCP servers: the OAuth provider and sign-in (Electron opens the browser), pauses for tests. */
  mcp?: Pick<McpServerManagerDeps, 'authProviderFor' | 'signIn' | 'backoffMs' | 'sleep' | 'connectTimeoutMs'>;
  /** Asks where to save an export (Electron's save dialog); without it exports are unavailable. */
  chooseSavePath?: ChooseSavePath;
}

export interface Services {
  events: EventBus;
  settings: SettingsService;
  secrets: SecretsService;
  /** Settings' model pickers: the models the provider in use lists. */
  models: { list(): Promise<{ models: string[] }> };
  agents: AgentService;
  realtime: RealtimeService;
  home: HomeAssistantService;
  memory: MemoryStore;
  /** The Memory view: every memory with where it came from, searchable, editable, deletable. */
  memories: MemoryBook;
  /** The encrypted data file: its state, and what can be done when it does not open. */
  data: DataService;
  /** Conversations, typed and spoken: History, search, export. */
  history: HistoryService;
  /** Settings → Privacy: everything in one archive, and everything deleted. */
  exportAllData(): Promise<SavedFile>;
  deleteAllData(): Promise<DataStatus>;
  /** One run's trace as JSON, saved where the person chooses. */
  exportRun(runId: string): Promise<SavedFile>;
  weather: WeatherService;
  /** Tray activity, recent quick asks, the monthly budget, Home Assistant setup, the shell port. */
  desktop: DesktopServices;
  /** Settings → About: the diagnostics text and "Open logs folder". */
  diagnostics: DiagnosticsService;
  /** The person's own MCP servers (Settings → Tools) and their tools for the agents. */
  mcp: McpServerManager;
  appInfo(): AppInfo;
  /** A window (or harness connection) closed or reloaded: what it owned ends with it. */
  callerGone(callerId: string, reason: string): void;
  /** Releases timers, connections and files; the app calls it on quit, tests after each run. */
  dispose(): Promise<void>;
}

/** How long a failed Home Assistant connection is remembered, so other asks do not each wait for it. */
const HOME_FAILURE_MEMORY_MS = 30_000;

/**
 * Memory's working copy lives in RAM, loaded from (and written through to) sealed records
 * in the encrypted data file each time one is attached; the first real one also takes in
 * an earlier version's plain memory.db. What went wrong on the way becomes a notice.
 */
function attachMemory(memory: MemoryStore, data: DataService, dataDir: string, log: Logger): { notices: () => AppNotice[] } {
  let notices: AppNotice[] = [];
  data.onAttach((vault) => {
    const next: AppNotice[] = [];
    let unreadable = 0;
    const records = new MemoryRecords(vault, { onUnreadable: () => void unreadable++ });
    try {
      memory.attach(records);
    } catch (err) {
      log.error('memories could not be loaded from the data file', err);
      const reason = err instanceof UserFacingError ? err.message : String(err);
      next.push({ id: 'memory-unavailable', level: 'error', message: tr('errors:notices.memoryUnavailable', { reason }) });
    }
    if (unreadable > 0) {
      log.warn('some memories in the data file did not open and were skipped', { unreadable });
      next.push({ id: 'memory-unreadable', level: 'warning', message: tr('errors:notices.memoryUnreadable', { count: unreadable }) });
    }
    if (!records.transient) {
      const outcome = importLegacyMemories(dataDir, memory, records, log);
      if (outcome.kind === 'kept') {
        next.push({ id: 'memory-import-kept', level: 'warning', message: tr('errors:notices.memoryImportKept', { why: outcome.why, file: outcome.file }) });
      }
    }
    notices = next;
  });
  return { notices: () => notices };
}

/** What the person should know about their data file, as a start-up notice. */
function dataNotices(data: DataService): AppNotice[] {
  const status = data.status();
  if (status.state === 'locked' || status.state === 'memory-only') return [{ id: `data-${status.state}`, level: 'error', message: status.message }];
  if (status.state === 'open' && status.keyStorage === 'plaintext-file') {
    return [{ id: 'data-key-unprotected', level: 'warning', message: tr('errors:notices.dataKeyUnprotected') }];
  }
  if (status.state === 'open' && status.movedAside) {
    return [{ id: 'data-moved-aside', level: 'warning', message: tr('errors:notices.dataMovedAside', { file: status.movedAside }) }];
  }
  return [];
}

export function composeServices(deps: ServiceDeps): Services {
  const logging = setUpLogging(deps);
  const { log } = logging;
  const events = createEventBus();
  // A settings file that cannot be read leaves the defaults (the system's language), and the
  // notice saying so is written while the file is read: so speak the system's language first.
  setMainLanguage(answerLanguage('system'));
  const settings = new SettingsService(deps.settingsStorage, log);
  const secrets = new SecretsService({ store: logging.secretStore, settings, fetch: deps.fetch, log, originsFile: join(deps.dataDir, 'secret-origins.json') });
  // Each provider has its own key, and it goes only to the origin it was checked with. A
  // compatible server whose key was not checked there gets none (many local servers need none).
  const providerKey = async (): Promise<string | null> => {
    const { provider } = settings.get();
    try {
      return await secrets.secretFor(providerKeyName(provider.kind), provider.baseUrl ?? OPENAI_API_BASE_URL);
    } catch (err) {
      if (provider.kind === 'openai-compatible') return null;
      throw err;
    }
  };
  // The one place main's words follow the person's language: set before anything can speak, and
  // before the change is forwarded, so whatever listens (the menus) already rebuilds in it.
  setMainLanguage(answerLanguage(settings.get().language));
  const stopForwardingSettings = settings.onChange((next) => {
    setMainLanguage(answerLanguage(next.language));
    events.emit('settings:changed', next);
  });

  // The person's data: one encrypted file, its key in the keychain (the tracked store, so the
  // key is known to the log redactor too).
  const data = new DataService({
    dataDir: deps.dataDir,
    secretStore: logging.secretStore,
    events,
    log,
    costOf: (usage) => costUsd({ ...usage, totalTokens: usage.inputTokens + usage.outputTokens }, priceFor(settings.get().pricing, settings.get().models.text)),
  });
  const history = new HistoryService({
    data,
    events,
    keepHistory: () => settings.get().privacy.keepHistory,
    historyDays: () => settings.get().privacy.historyDays,
    ...(deps.chooseSavePath ? { chooseSavePath: deps.chooseSavePath } : {}),
  });
  const stopRecordingRuns = recordRuns({ events, runs: () => data.runs, ready: data.ready, log });

  // Given the tracked store, so a server's secret values are known to the log redactor once read.
  // OAuth for remote servers: tokens in the keychain, sign-in in the system browser (Electron's shell).
  const oauth = createMcpOAuth({
    storage: {
      get: (key) => logging.secretStore.get(key as SecretName),
      set: (key, value) => logging.secretStore.set(key as SecretName, value),
      delete: (key) => logging.secretStore.delete(key as SecretName),
    },
    openExternal: async (url) => {
      if (!deps.openExternal) throw new Error('no browser to sign in with');
      await deps.openExternal(url);
    },
    fetch: deps.fetch,
  });
  const mcp = new McpServerManager({
    dataDir: deps.dataDir,
    secretStore: logging.secretStore,
    events,
    log,
    authProviderFor: (id, url, clientId, opts) => oauth.authProviderFor(id, url, clientId, opts),
    signIn: (id, url, clientId) => oauth.signIn(id, url, clientId),
    ...deps.mcp,
  });
  mcp.startAtLaunch();

  // Never a plain file: the working copy is in memory, persisted sealed in the data file.
  const memory = MemoryStore.open(':memory:');
  const memoryAttachment = attachMemory(memory, data, deps.dataDir, log);
  /** A kept conversation's title, for where a memory came from; null once it is gone. */
  const conversationTitle = (conversationId: string): string | null => data.history.get(conversationId)?.title ?? null;
  const memories = new MemoryBook({ store: memory, ready: data.ready, conversationTitle });
  const weather = new WeatherService({
    fetch: deps.fetch,
    ...(deps.endpoints?.weatherGeocoding ? { geocodingBaseUrl: deps.endpoints.weatherGeocoding } : {}),
    ...(deps.endpoints?.weatherForecast ? { forecastBaseUrl: deps.endpoints.weatherForecast } : {}),
  });
  // No fetch passed on purpose: the fetcher's own transport checks each address inside the
  // connection, which closes the DNS-rebinding gap a plain fetch would leave.
  const pageFetcher = new PageFetcher({ allowPrivateAddresses: deps.allowPrivatePageFetches ?? false });
  const home = new HomeAssistantService({
    getConfig: async () => {
      const { url } = settings.get().homeAssistant;
      return { url, token: url ? await secrets.secretFor('homeAssistantToken', url) : null };
    },
    fetch: deps.fetch,
    log,
  });

  let homeFailure: { at: number; reason: string; config: string } | null = null;
  const toolbox: SpecialistToolbox = {
    calculate: calculatorTool as Tool,
    currentTime: createCurrentTimeTool({}) as Tool,
    weather: createWeatherTool(weather) as Tool,
    memory: createMemoryTools(memory, { conversationTitle }),
    fetchPage: createFetchPageTool(pageFetcher) as Tool,
    mcp,
    home: async () => {
      const config = `${settings.get().homeAssistant.url ?? ''}`;
      if (homeFailure && homeFailure.config === config && Date.now() - homeFailure.at < HOME_FAILURE_MEMORY_MS) {
        return { unavailable: homeFailure.reason };
      }
      try {
        const tools = await home.getTools();
        homeFailure = null;
        return { tools: tools as Tool[] };
      } catch (err) {
        const reason = err instanceof UserFacingError ? err.message : 'Home Assistant could not be reached.';
        // "Not configured" is instant to detect again, so only real failures are remembered.
        if (!(err instanceof UserFacingError && err.code === 'home_not_configured')) homeFailure = { at: Date.now(), reason, config };
        return { unavailable: reason };
      }
    },
  };

  const agents = new AgentService({
    settings,
    getApiKey: providerKey,
    toolbox,
    events,
    log,
    fetch: deps.fetch,
    history,
    describeApproval: (toolName, args) => (home.hasTool(toolName) ? home.approvalPrompt(toolName, args) : null),
    ...(deps.modelClient ? { client: deps.modelClient } : {}),
  });

  const realtime = new RealtimeService({
    settings,
    getApiKey: providerKey,
    fetch: deps.fetch,
    events,
    tools: new VoiceToolRunner({ weather, memory, home, agents, log }),
    history,
    log,
    ...(deps.realtimeLimits ? { limits: deps.realtimeLimits } : {}),
  });

  const desktop = createDesktopServices({ events, settings, secrets, home, realtime, dataDir: deps.dataDir, log, ...(deps.desktop ? { deps: deps.desktop } : {}) });
  const appInfo = (): AppInfo => ({ ...deps.app, notices: [...settings.notices, ...memoryAttachment.notices(), ...dataNotices(data), ...mcp.notices] });
  const yourData: YourDataDeps = {
    dataDir: deps.dataDir,
    data,
    history,
    memories: () => memory.all(),
    settings: () => settings.get(),
    // After an open file is deleted, the new empty one is attached and memory reloads from it
    // (already empty). With a locked file nothing is reattached, so the working copy (and the
    // throwaway file behind it) is cleared here.
    stopEverything: () => {
      agents.cancelAll();
      return realtime.endAll('Your data was deleted, so this voice session ended.');
    },
    forgetMemories: () => memory.clear(),
  };
  const diagnostics = createDiagnosticsService({ logging, app: deps.app, notices: () => appInfo().notices, settings, secrets, shell: desktop.shell });

  return {
    events,
    settings,
    secrets,
    models: { list: () => listProviderModels({ settings, getApiKey: providerKey, fetch: deps.fetch }) },
    agents,
    realtime,
    home,
    memory,
    memories,
    data,
    history,
    weather,
    desktop,
    diagnostics,
    mcp,
    appInfo,
    exportAllData: () => exportAllData(yourData),
    deleteAllData: () => deleteAllData(yourData),
    exportRun: async (runId) => {
      await data.ready;
      const run = data.runs.get(runId);
      if (!run) throw new UserFacingError('run_not_found', tr('errors:runs.notFound'));
      return history.saveAs(`FROK run ${new Date(run.startedAt).toISOString().slice(0, 19).replaceAll(':', '-')}.json`, 'json', `${JSON.stringify(run, null, 2)}\n`);
    },
    callerGone: (callerId, reason) => {
      realtime.endAllFor(callerId, reason);
      agents.cancelAllFor(callerId);
      desktop.voice.ownerGone(callerId);
    },
    async dispose() {
      stopForwardingSettings();
      desktop.dispose();
      realtime.dispose();
      await agents.dispose();
      await mcp.dispose().catch((err: unknown) => log.warn('closing tool servers failed', err));
      await home.close().catch((err: unknown) => log.warn('closing Home Assistant failed', err));
      stopRecordingRuns();
      history.close();
      memory.close();
      data.close();
    },
  };
}
