/**
 * The composition root of the services, shared by Electron's main process and the test
 * harness: everything Electron-specific comes in through ServiceDeps, so the same
 * wiring runs in plain Node.
 */
import { join } from 'node:path';
import type { Tool } from '@openai/agents';
import { OPENAI_API_BASE_URL, providerKeyName } from '@shared/domain';
import type { AppInfo } from '@shared/ipc/contract';
import { AgentService } from '../agents/agent-service';
import type { SpecialistToolbox } from '../agents/specialists';
import { createEventBus, type EventBus } from '../events';
import { UserFacingError } from '../ipc/errors';
import type { Logger } from '../logger';
import { calculatorTool } from '../tools/calculator';
import { createCurrentTimeTool } from '../tools/clock';
import { createFetchPageTool, PageFetcher } from '../tools/fetch-page';
import { createWeatherTool, WeatherService } from '../tools/weather';
import { RealtimeService, type RealtimeLimits } from '../realtime/realtime-service';
import { VoiceToolRunner } from '../realtime/voice-tools';
import { HomeAssistantService } from './home/home-assistant';
import { createMemoryTools } from './memory/memory-tools';
import { MemoryStore } from './memory/memory-store';
import { createMcpOAuth } from './mcp/mcp-oauth';
import { McpServerManager, type McpServerManagerDeps } from './mcp/mcp-server-manager';
import type { SecretName } from '@shared/domain';
import type { SecretStore } from './secrets/secret-store';
import { SecretsService } from './secrets/secrets-service';
import type { SettingsStorage } from './settings/settings-storage';
import { SettingsService, type AppNotice } from './settings/settings-service';
import { createDesktopServices, type DesktopDeps, type DesktopServices } from '../desktop/desktop-services';
import { createDiagnosticsService, setUpLogging, type DiagnosticsService, type LoggingDeps } from '../diagnostics/diagnostics-service';

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
}

export interface Services {
  events: EventBus;
  settings: SettingsService;
  secrets: SecretsService;
  agents: AgentService;
  realtime: RealtimeService;
  home: HomeAssistantService;
  memory: MemoryStore;
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
 * Opens the memory database. A damaged file is moved aside by the store (and reported);
 * a file that cannot be opened at all must not stop FROK from starting, so memory then
 * lives in RAM until quit and the person is told.
 */
function openMemory(filePath: string, log: Logger): { memory: MemoryStore; memoryNotices: AppNotice[] } {
  try {
    const memory = MemoryStore.open(filePath);
    const notices: AppNotice[] = memory.notice ? [{ id: 'memory-moved-aside', level: 'warning', message: memory.notice.message }] : [];
    return { memory, memoryNotices: notices };
  } catch (err) {
    log.error('memory database unavailable', err);
    const reason = err instanceof UserFacingError ? err.message : String(err);
    return {
      memory: MemoryStore.open(':memory:'),
      memoryNotices: [{ id: 'memory-unavailable', level: 'error', message: `${reason} Until this is fixed, FROK remembers things only until it quits.` }],
    };
  }
}

export function composeServices(deps: ServiceDeps): Services {
  const logging = setUpLogging(deps);
  const { log } = logging;
  const events = createEventBus();
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
  const stopForwardingSettings = settings.onChange((next) => events.emit('settings:changed', next));

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

  const { memory, memoryNotices } = openMemory(join(deps.dataDir, 'memory.db'), log);
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
    memory: createMemoryTools(memory),
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
    conversationsFile: join(deps.dataDir, 'conversations.json'),
    describeApproval: (toolName, args) => (home.hasTool(toolName) ? home.approvalPrompt(toolName, args) : null),
    ...(deps.modelClient ? { client: deps.modelClient } : {}),
  });

  const realtime = new RealtimeService({
    settings,
    getApiKey: providerKey,
    fetch: deps.fetch,
    events,
    tools: new VoiceToolRunner({ weather, memory, home, agents, log }),
    log,
    ...(deps.realtimeLimits ? { limits: deps.realtimeLimits } : {}),
  });

  const desktop = createDesktopServices({ events, settings, secrets, home, realtime, dataDir: deps.dataDir, log, ...(deps.desktop ? { deps: deps.desktop } : {}) });
  const appInfo = (): AppInfo => ({ ...deps.app, notices: [...settings.notices, ...memoryNotices, ...mcp.notices] });
  const diagnostics = createDiagnosticsService({ logging, app: deps.app, notices: () => appInfo().notices, settings, secrets, shell: desktop.shell });

  return {
    events,
    settings,
    secrets,
    agents,
    realtime,
    home,
    memory,
    weather,
    desktop,
    diagnostics,
    mcp,
    appInfo,
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
      memory.close();
    },
  };
}
