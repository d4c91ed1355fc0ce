/**
 * Debian's Chromium driven by Playwright, with the app's page loaded under its real CSP.
 * Console errors and page errors are collected and fail the run on close: a CSP
 * violation, an unhandled rejection or a React error must not pass silently.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FROK_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet and offline; everything the tests need is on 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchAppOptions {
  url: string;
  /** Extra Chromium flags, e.g. `--use-fake-device-for-media-stream`. */
  args?: string[];
  /** Scripts run in every page before its own (the frok shim goes here). */
  initScripts?: string[];
  /** Console / page errors matching one of these are expected by the test and not failures. */
  allowErrors?: RegExp[];
  headless?: boolean;
}

export interface LaunchedApp {
  context: BrowserContext;
  page: Page;
  /** Every console error and page error so far, as text. */
  readonly errors: string[];
  /** Throws when an unexpected error was seen. */
  assertNoErrors(): void;
  /** Closes the browser, removes its profile, then throws if there were unexpected errors. */
  close(): Promise<void>;
}

export async function launchApp(options: LaunchAppOptions): Promise<LaunchedApp> {
  const profileDir = await mkdtemp(join(tmpdir(), 'frok-chromium-'));
  const errors: string[] = [];
  const allowed = options.allowErrors ?? [];
  let context: BrowserContext;
  try {
    // A persistent context, because some flags (fake media devices) only work there.
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: { width: 1280, height: 800 },
    });
  } catch (err) {
    await rm(profileDir, { recursive: true, force: true });
    throw err;
  }
  for (const script of options.initScripts ?? []) await context.addInitScript(script);

  const watch = (page: Page): void => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location();
      errors.push(`console.error: ${msg.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.stack ?? err.message}`));
    page.on('crash', () => errors.push('page crashed'));
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  const page = context.pages()[0] ?? (await context.newPage());
  const unexpected = (): string[] => errors.filter((e) => !allowed.some((re) => re.test(e)));
  const assertNoErrors = (): void => {
    const bad = unexpected();
    if (bad.length) throw new Error(`The page reported ${bad.length} error(s):\n${bad.join('\n')}`);
  };

  try {
    await page.goto(options.url, { waitUntil: 'load' });
  } catch (err) {
    await context.close().catch(() => undefined);
    await rm(profileDir, { recursive: true, force: true });
    throw err;
  }

  return {
    context,
    page,
    errors,
    assertNoErrors,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profileDir, { recursive: true, force: true });
      assertNoErrors();
    },
  };
}
