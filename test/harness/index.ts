/**
 * The end-to-end harness: FROK's real services and handlers in Node, bound to a WebSocket,
 * the built renderer served from the same origin, driven in Chromium with `window.frok`
 * injected. See DESIGN.md "Testing". Build the renderer first (`npx electron-vite build`).
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Dispatch } from '../../electron/main/ipc/dispatcher';
import { createMemoryLogger } from '../../electron/main/logger';
import type { Services } from '../../electron/main/compose';
import { launchApp, type LaunchedApp } from './browser';
import { startServices, type NodeServices, type ServiceOverrides } from './compose-node';
import { FROK_SHIM_SOURCE } from './frok-shim';
import { startHarnessServer } from './harness-server';
import { connectIpcClient, type IpcClient, type IpcClientOptions } from './ipc-client';
import { clearKeychain, uniqueKeychainService } from './keychain';
import { createWsBinding, type TrafficEntry } from './ws-binding';

type MemoryLogger = ReturnType<typeof createMemoryLogger>;

/**
 * Console errors the app's real pages produce that are not failures. Keep this short and
 * say why for each; anything else a page reports fails the test.
 */
/** Console messages the app is known to produce harmlessly; none today. */
export const KNOWN_PAGE_NOISE: RegExp[] = [];

export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

export interface StartHarnessOptions {
  /** Defaults to a fresh temporary folder, removed on stop. */
  dataDir?: string;
  /** Defaults to a unique `FROK-test-…` service whose entries are deleted on stop. */
  keychainService?: string;
  /** Requests meant for OpenAI go here instead (see openai-route.ts). */
  openaiBaseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Test-only service knobs (see ServiceOverrides). */
  overrides?: ServiceOverrides;
  /** Extra Chromium flags (fake media devices…). */
  chromiumArgs?: string[];
  /** Scripts run in the page before its own, after the `window.frok` shim (test instrumentation). */
  initScripts?: string[];
  /**
   * Serve `/v1/…` (HTTP and WebSocket) from this origin, e.g. a fake OpenAI's
   * `http://127.0.0.1:PORT`: the page then reaches the fake on its own origin under the
   * app's real CSP. Point the provider's base URL at `<origin>/v1` in beforeLoad.
   */
  proxyOpenAITo?: string;
  /** Page errors the test expects (see LaunchAppOptions.allowErrors). */
  allowErrors?: RegExp[];
  /** Runs after the services are composed and before the page loads (seed settings here). */
  beforeLoad?(services: Services, context: { origin: string }): Promise<void> | void;
}

export interface Harness {
  /** The page's URL (the renderer's index.html). */
  url: string;
  /** http://127.0.0.1:PORT — the page's origin (and the proxied `/v1/…` when proxyOpenAITo is set). */
  origin: string;
  ipcUrl: string;
  page: Page;
  app: LaunchedApp;
  dataDir: string;
  settingsPath: string;
  keychainService: string;
  /** The services now running (replaced by restart()). */
  readonly services: Services;
  readonly dispatch: Dispatch;
  /** Every line the services logged (memory logger), for asserting what never gets logged. */
  log: MemoryLogger;
  /** Every frame between main and any connection, both directions. */
  traffic: TrafficEntry[];
  /** Text of every frame main sent to the page(s): what the renderer could ever know. */
  sentToRenderer(): string;
  /** Another window: a Node client on the same IPC socket. Closed on stop. */
  connect(options?: IpcClientOptions): Promise<IpcClient>;
  /** Drops every IPC connection, as if main went away for a moment; the page's next call reconnects. */
  disconnect(): void;
  /** Quits and relaunches the app: new services on the same data folder and keychain, page reloaded. */
  restart(): Promise<void>;
  /** Closes everything; throws if the page reported unexpected errors. */
  stop(): Promise<void>;
}

export async function startHarness(options: StartHarnessOptions = {}): Promise<Harness> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer at ${RENDERER_DIR}. Run \`npx electron-vite build\` first.`);
  }
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'frok-data-')));
  const ownKeychain = options.keychainService === undefined;
  const keychainService = options.keychainService ?? uniqueKeychainService();
  const log = createMemoryLogger();
  // The same options every time: a restart is the same install on the same machine.
  const compose = (): Promise<NodeServices> =>
    startServices({
      dataDir,
      keychainService,
      log,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.overrides ? { overrides: options.overrides } : {}),
      ...(options.openaiBaseUrl ? { openaiBaseUrl: options.openaiBaseUrl } : {}),
    });

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const step of cleanups.reverse()) await step().catch((err: unknown) => failures.push(err));
    cleanups.length = 0;
    if (failures.length) throw failures[0];
  };

  try {
    if (ownDataDir) cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    if (ownKeychain) cleanups.push(() => clearKeychain(keychainService));

    let current = await compose();
    cleanups.push(() => current.services.dispose());

    // A private copy of the build: another build of the shared tree mid-test (which empties
    // out/renderer first) must not change the page under a running test.
    const rendererCopy = await mkdtemp(join(tmpdir(), 'frok-renderer-'));
    cleanups.push(() => rm(rendererCopy, { recursive: true, force: true }));
    await cp(RENDERER_DIR, rendererCopy, { recursive: true });

    const binding = createWsBinding({ dispatch: current.dispatch, events: current.services.events, callerGone: current.services.callerGone }, log);
    const server = await startHarnessServer({
      rootDir: rendererCopy,
      binding,
      ...(options.proxyOpenAITo ? { proxy: { prefix: '/v1/', target: options.proxyOpenAITo } } : {}),
    });
    cleanups.push(() => server.close());
    // After the server is up, so settings may name its origin (a proxied provider base URL).
    await options.beforeLoad?.(current.services, { origin: server.origin });

    const url = `${server.origin}/index.html`;
    const app = await launchApp({
      url,
      initScripts: [FROK_SHIM_SOURCE, ...(options.initScripts ?? [])],
      ...(options.chromiumArgs ? { args: options.chromiumArgs } : {}),
      allowErrors: [...KNOWN_PAGE_NOISE, ...(options.allowErrors ?? [])],
    });
    // Closed first on stop (cleanups run last-in first-out); cleanUp reports its page errors
    // only after everything else is released.
    cleanups.push(() => app.close());
    const clients: IpcClient[] = [];
    cleanups.push(() => Promise.all(clients.map((c) => c.close())));

    return {
      url,
      origin: server.origin,
      ipcUrl: server.ipcUrl,
      page: app.page,
      app,
      dataDir,
      settingsPath: current.settingsPath,
      keychainService,
      get services() {
        return current.services;
      },
      get dispatch() {
        return current.dispatch;
      },
      log,
      traffic: binding.traffic,
      sentToRenderer: () =>
        binding.traffic
          .filter((t) => t.direction === 'out')
          .map((t) => t.raw)
          .join('\n'),
      async connect(options) {
        const client = await connectIpcClient(server.ipcUrl, options);
        clients.push(client);
        return client;
      },
      disconnect: () => binding.closeAll('main went away'),
      async restart() {
        binding.closeAll('FROK is restarting');
        await current.services.dispose();
        current = await compose();
        binding.setBackend({ dispatch: current.dispatch, events: current.services.events, callerGone: current.services.callerGone });
        await app.page.reload({ waitUntil: 'load' });
      },
      stop: cleanUp,
    };
  } catch (err) {
    await cleanUp().catch(() => undefined);
    throw err;
  }
}

export type { IpcClient, IpcClientOptions } from './ipc-client';
export type { TrafficEntry } from './ws-binding';
export { clearKeychain, readKeychain, uniqueKeychainService } from './keychain';
export { TRANSPORT_ERROR_CODE } from './frok-shim';
