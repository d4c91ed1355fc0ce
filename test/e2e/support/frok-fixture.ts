/**
 * The end-to-end tests' one set-up: a fake OpenAI, FROK's harness pointed at it (the real
 * renderer in Chromium, FROK's services in Node) with the API key already saved — checked
 * against the fake as Settings would — and everything released after each test in the
 * right order: what the test added (onTeardown, newest first), then the fake OpenAI, the
 * harness last, so a page error fails the test only once everything else is let go.
 *
 *   const frok = frokFixture();                       // at the top of the file
 *   const { page, openai, harness } = await frok.start({ overrides: … });
 *   frok.onTeardown(() => ha.close());                // anything else the test started
 */
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import type { Services } from '../../../electron/main/compose';
import { DEFAULT_VALID_KEY, startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server';
import { startHarness, type Harness, type StartHarnessOptions } from '../../harness';

type FakeOpenAIOptions = NonNullable<Parameters<typeof startFakeOpenAI>[0]>;

export interface FrokStartOptions extends Omit<StartHarnessOptions, 'openaiBaseUrl'> {
  /** Options for the fake OpenAI the fixture starts. */
  openai?: FakeOpenAIOptions;
  /**
   * Where the saved key's provider points: OpenAI as usual (the harness routes it to the
   * fake), or the harness's own origin (`<origin>/v1`, proxied to the fake: proxyOpenAITo),
   * so the page reaches the fake same-origin under the real CSP (voice).
   */
  provider?: 'openai' | 'harness-origin';
  /** Leave the key unset (onboarding). */
  noKey?: boolean;
  /** Runs once the fake OpenAI listens, before the harness starts (attach the fake Realtime API here). */
  withOpenAI?(openai: FakeOpenAI): void;
}

export interface Frok {
  openai: FakeOpenAI;
  harness: Harness;
  page: Page;
}

export interface FrokFixture {
  start(options?: FrokStartOptions): Promise<Frok>;
  /** Runs after the test, newest first, before the fake OpenAI closes and the harness stops. */
  onTeardown(release: () => Promise<unknown> | unknown): void;
  /** The running FROK, if this test started one. */
  current(): Frok | null;
}

export function frokFixture(): FrokFixture {
  let running: Frok | null = null;
  let releases: (() => Promise<unknown> | unknown)[] = [];

  afterEach(async () => {
    const frok = running;
    const pending = releases.reverse();
    running = null;
    releases = [];
    // Everything runs even when something fails; the first failure is the one reported.
    let failure: unknown = null;
    const attempt = async (release: () => Promise<unknown> | unknown) => {
      try {
        await release();
      } catch (err) {
        failure ??= err;
      }
    };
    for (const release of pending) await attempt(release);
    if (frok) await attempt(() => frok.openai.close());
    // Last: throws if the page logged an error, after everything is released.
    if (frok) await attempt(() => frok.harness.stop());
    if (failure) throw failure;
  });

  return {
    async start(options = {}) {
      if (running) throw new Error('frokFixture: this test already started FROK');
      const { openai: openaiOptions, provider = 'openai', noKey = false, withOpenAI, beforeLoad, ...harnessOptions } = options;
      const openai = await startFakeOpenAI(openaiOptions ?? {});
      let harness: Harness;
      try {
        withOpenAI?.(openai);
        harness = await startHarness({
          ...harnessOptions,
          openaiBaseUrl: openai.url,
          ...(provider === 'harness-origin' ? { proxyOpenAITo: openai.origin } : {}),
          async beforeLoad(services: Services, context: { origin: string }) {
            if (!noKey) {
              const saved = await services.secrets.setOpenAIKey(
                provider === 'harness-origin' ? { key: DEFAULT_VALID_KEY, provider: { kind: 'openai', baseUrl: `${context.origin}/v1` } } : { key: DEFAULT_VALID_KEY },
              );
              if (saved.outcome !== 'saved') throw new Error(`could not set up the key: ${saved.message}`);
            }
            await beforeLoad?.(services, context);
          },
        });
      } catch (err) {
        await openai.close();
        throw err;
      }
      running = { openai, harness, page: harness.page };
      return running;
    },
    onTeardown(release) {
      releases.push(release);
    },
    current: () => running,
  };
}
