/**
 * The Activity view after a restart, end to end: a question asked, FROK quit and started
 * again (new services on the same data folder and keychain, the page reloaded), and the
 * run is still on the Activity screen with its timeline, its tokens in today's totals,
 * and its trace exportable as JSON — at 800×600 without sideways scrolling.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };
const QUESTION = 'Which moon of Saturn has lakes?';
const ANSWER = 'Titan has lakes of liquid methane.';

const frok = frokFixture();

async function ask(page: Page, question: string): Promise<void> {
  await page.getByTestId('ask-input').fill(question);
  await page.getByTestId('ask-input').press('Enter');
  await page.getByTestId('answer').first().waitFor(UI);
}

describe('Activity after a restart', () => {
  it('still shows the run with its timeline, its tokens in the totals, and exports its trace', async () => {
    const saveDir = await mkdtemp(join(tmpdir(), 'frok-trace-export-'));
    frok.onTeardown(() => rm(saveDir, { recursive: true, force: true }));
    const { page, harness } = await frok.start({
      openai: { script: () => ({ text: ANSWER }) },
      overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 }, chooseSavePath: async ({ suggestedName }) => join(saveDir, suggestedName) },
    });
    await page.setViewportSize({ width: 800, height: 600 });
    await page.getByTestId('screen-conversation').waitFor(UI);
    await ask(page, QUESTION);
    await page.getByText(ANSWER).first().waitFor(UI);
    // Main keeps the run just after it ends.
    await expect.poll(() => harness.services.data.runs.list().length, UI).toBe(1);
    const [kept] = harness.services.data.runs.list();

    await harness.restart();
    await page.getByTestId('screen-conversation').waitFor(UI);
    await page.getByTestId('nav-activity').click();
    await page.getByTestId('screen-activity').waitFor(UI);

    const run = page.getByTestId('activity-run');
    await run.first().waitFor(UI);
    expect(await run.count()).toBe(1);
    expect(await run.getByTestId('activity-run-query').textContent()).toBe(QUESTION);
    expect(await run.getByTestId('activity-run-status').textContent()).toBe('Done');
    // Its timeline: at least the agent that answered, ended.
    expect(await run.getByTestId('activity-span').count()).toBeGreaterThan(0);
    const finished = kept!.events.at(-1)!;
    if (finished.type !== 'run_finished') throw new Error('the kept run did not finish');
    const { usage } = finished.result;
    const tokens = usage.inputTokens + usage.outputTokens;
    expect(tokens).toBeGreaterThan(0);
    const formatted = await page.evaluate((n) => new Intl.NumberFormat().format(n), tokens);
    expect(await run.getByTestId('activity-run-usage').textContent()).toContain(`${usage.totalTokens.toLocaleString('en-US')} tokens`);

    // Today's totals count it.
    const today = page.getByTestId('activity-totals-today');
    await today.getByText(`${formatted} tokens`, { exact: false }).waitFor(UI);
    expect(await today.textContent()).toContain('(1 run)');
    expect(await page.getByTestId('activity-totals-month').textContent()).toContain(`${formatted} tokens`);
    await page.getByTestId('activity-totals-open').click();
    const row = page.getByTestId('activity-totals-row');
    await row.first().waitFor(UI);
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe(formatted);

    // Usable at 800×600: nothing wider than the window.
    const overflow = await page.evaluate(() => {
      const screen = document.querySelector('[data-testid="screen-activity"]')!;
      return { screen: screen.scrollWidth - screen.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
    });
    expect(overflow.screen).toBeLessThanOrEqual(0);
    expect(overflow.page).toBeLessThanOrEqual(0);
    await screenshot(page, 'activity-kept');

    // Export trace (JSON): the kept run, saved where the person chose.
    await run.getByTestId('activity-run-export').click();
    const saved = run.getByTestId('activity-run-export-message');
    await saved.waitFor(UI);
    const text = (await saved.textContent()) ?? '';
    expect(text).toMatch(/^Saved to /);
    const path = text.replace(/^Saved to /, '');
    expect(path.startsWith(saveDir)).toBe(true);
    const trace = JSON.parse(await readFile(path, 'utf8')) as { runId: string; events: { type: string }[] };
    expect(trace.runId).toBe(kept!.runId);
    expect(trace.events.map((e) => e.type)).toContain('run_finished');
  });

  it('reads in German, with money and numbers written the German way, when the language is German', async () => {
    const { page, harness } = await frok.start({
      openai: { script: () => ({ text: ANSWER }) },
      overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 } },
    });
    await page.getByTestId('screen-conversation').waitFor(UI);
    await ask(page, QUESTION);
    await page.getByText(ANSWER).first().waitFor(UI);
    await expect.poll(() => harness.services.data.runs.list().length, UI).toBe(1);

    // What Settings → Language does: main saves it and tells every window.
    const updated = await page.evaluate(() => window.frok.invoke('settings:update', { language: 'de' }));
    expect(updated).toMatchObject({ ok: true });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), UI).toBe('de');

    await page.getByTestId('nav-activity').click();
    await page.getByTestId('screen-activity').waitFor(UI);
    expect(await page.locator('#screen-activity-title').textContent()).toBe('Aktivität');
    const totals = page.getByTestId('activity-totals');
    expect(await totals.getByRole('heading', { level: 2 }).textContent()).toBe('Verbrauch');

    // Today's line: "Heute: 1.234 Tokens, 0,0012 $ (1 Lauf)" — comma decimals, the dollar sign after the amount.
    const today = page.getByTestId('activity-totals-today');
    await today.getByText('(1 Lauf)', { exact: false }).waitFor(UI);
    const line = (await today.textContent()) ?? '';
    expect(line).toMatch(/^Heute: \d[\d.]* Tokens?, <?\d+,\d{2,4}\s\$ \(1 Lauf\)$/u);
    expect(line).not.toContain('$0');
    expect(await page.getByTestId('activity-totals-month').textContent()).toMatch(/^Diesen Monat: /u);

    // The table's period is a German date, its columns German words.
    await page.getByTestId('activity-totals-open').click();
    const headers = await totals.locator('thead th').allTextContents();
    expect(headers).toEqual(['Tag', 'Läufe', 'Tokens', 'Kosten']);
    const cost = await page.getByTestId('activity-totals-row').first().locator('td').nth(2).textContent();
    expect(cost).toMatch(/^<?\d+,\d{2,4}\s\$$/u);
    const [kept] = harness.services.data.runs.list();
    const startedAt = new Date(kept!.startedAt);
    const weekday = new Intl.DateTimeFormat('de', { weekday: 'short' }).format(startedAt);
    expect(await page.getByTestId('activity-totals-row').first().locator('th').textContent()).toContain(weekday);
    expect(await page.getByTestId('activity-run-status').first().textContent()).toBe('Fertig');
    await screenshot(page, 'activity-german');
  });
});
