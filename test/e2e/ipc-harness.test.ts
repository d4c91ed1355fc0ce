/**
 * IPC through the page's own `window.frok`, as the renderer uses it: what an undeclared
 * channel or a bad payload gets back, and that events from main reach the page. Also that
 * the page really runs under the app's CSP, so the other end-to-end tests mean something.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../shared/ipc/result';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { startHarness, TRANSPORT_ERROR_CODE, type Harness } from '../harness';

const UI_TIMEOUT = { timeout: 10_000 };

/** What a buggy or hostile page could call, past the typed API. */
type UntypedFrok = { invoke(channel: string, payload?: unknown): Promise<IpcResult<unknown>> };

let fake: FakeOpenAI;
let h: Harness;

beforeEach(async () => {
  fake = await startFakeOpenAI({ requireAuth: false });
  h = await startHarness({
    // A keyless self-hosted server: set up without onboarding, so the page opens on the shell.
    beforeLoad: (services) => {
      services.settings.update({ provider: { kind: 'openai-compatible', baseUrl: fake.url }, onboarded: true });
    },
    // Only the probe of the CSP test below; any other violation still fails.
    allowErrors: [/http:\/\/127\.0\.0\.1:\d+\/csp-probe/],
  });
  await h.page.getByTestId('app-shell').waitFor(UI_TIMEOUT);
  await h.page.getByTestId('nav-settings').click();
  await h.page.getByTestId('screen-settings').waitFor(UI_TIMEOUT);
});

afterEach(async () => {
  await fake.close();
  await h.stop();
});

const textModel = () => h.page.getByTestId('settings-model-text');

describe('IPC from the page', () => {
  it('answers an undeclared channel with unknown_channel', async () => {
    const result = await h.page.evaluate(() => (window.frok as unknown as UntypedFrok).invoke('secrets:reveal'));
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(result.ok === false && result.error.message).toContain('secrets:reveal');
  });

  it('refuses a bad settings update and changes nothing the person sees', async () => {
    expect(await textModel().inputValue()).toBe(DEFAULT_SETTINGS.models.text);
    const fileBefore = readFileSync(h.settingsPath, 'utf8');

    const results = await h.page.evaluate(() =>
      Promise.all([
        window.frok.invoke('settings:update', { models: { text: '   ' } }),
        (window.frok as unknown as UntypedFrok).invoke('settings:update', { privacy: { traceExport: 'yes' } }),
        (window.frok as unknown as UntypedFrok).invoke('settings:update', { colour: 'red' }),
        (window.frok as unknown as UntypedFrok).invoke('settings:update', 'models.text=x'),
      ]),
    );
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    // Nothing moved: the screen, the switch, what main holds and the file on disk.
    expect(await textModel().inputValue()).toBe(DEFAULT_SETTINGS.models.text);
    expect(await h.page.getByTestId('settings-trace-export').isChecked()).toBe(false);
    expect(readFileSync(h.settingsPath, 'utf8')).toBe(fileBefore);
    expect(h.traffic.some((t) => t.direction === 'out' && (t.message as { event?: string }).event === 'settings:changed')).toBe(false);
  });

  it('shows settings changed from another window', async () => {
    // A listener of the page's own, to check unsubscribe too.
    await h.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const stop = window.frok.on('settings:changed', (s) => {
        seen.push(s.models.text);
        stop();
      });
    });

    const other = await h.connect();
    const first = await other.invoke('settings:update', { models: { text: 'gpt-from-another-window' } });
    expect(first.ok).toBe(true);
    await expect.poll(() => textModel().inputValue(), UI_TIMEOUT).toBe('gpt-from-another-window');

    await other.invoke('settings:update', { models: { text: 'gpt-second-change' } });
    await expect.poll(() => textModel().inputValue(), UI_TIMEOUT).toBe('gpt-second-change');
    // The unsubscribed listener heard only the first change.
    expect(await h.page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['gpt-from-another-window']);
  });

  it('answers a call in flight with a transport error when main goes away, then reconnects', async () => {
    // A server that accepts connections and never answers keeps the key check pending.
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
    try {
      await h.page.evaluate((url) => {
        const w = window as unknown as { pendingCheck: Promise<unknown> };
        w.pendingCheck = window.frok.invoke('secrets:setOpenAIKey', { key: 'sk-never-answered-1234', provider: { kind: 'openai-compatible', baseUrl: url } });
      }, baseUrl);
      await expect.poll(() => h.traffic.some((t) => t.raw.includes('secrets:setOpenAIKey'))).toBe(true);

      h.disconnect();
      const answer = await h.page.evaluate(() => (window as unknown as { pendingCheck: Promise<unknown> }).pendingCheck);
      expect(answer).toMatchObject({ ok: false, error: { code: TRANSPORT_ERROR_CODE } });
      expect(await h.page.evaluate(() => window.frok.invoke('settings:get'))).toMatchObject({ ok: true, data: { onboarded: true } });
    } finally {
      silent.closeAllConnections();
      await new Promise((done) => silent.close(done));
    }
  });

  it('runs the page under the app CSP: a connection to another origin is refused and reported', async () => {
    const outcome = await h.page.evaluate((url) => fetch(url).then(() => 'fetched', () => 'refused'), `${fake.origin}/csp-probe`);
    expect(outcome).toBe('refused');
    expect(fake.requests.some((r) => r.path === '/csp-probe')).toBe(false);
    await expect.poll(() => h.app.errors.join('\n')).toMatch(/Connecting to '[^']*csp-probe' violates the following Content Security Policy directive: "connect-src 'self'[^"]*"/);
  });
});
