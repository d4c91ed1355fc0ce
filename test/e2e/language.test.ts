/**
 * The window's words follow the language setting end to end: the real renderer in Chromium
 * (en-US) against FROK's real services. Switched to German through `settings:update`, the
 * History, Memory and Conversation screens speak German — headings, the day ("Heute"),
 * kinds and counts (plurals), dates and times formatted for German by Intl, the notice
 * when every specialist is off — and switched back, English again. Needs `npx electron-vite build` and an unlocked keyring.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };

const frok = frokFixture();

const QUESTION = 'What is the weather in Berlin?';
const FACT = 'Likes warm light in the evening';

/** Through the same IPC Settings uses; main tells every window, which follows. */
async function setLanguage(page: Page, language: 'de' | 'en'): Promise<void> {
  const ok = await page.evaluate(async (lang) => ((await window.frok.invoke('settings:update', { language: lang })) as { ok: boolean }).ok, language);
  expect(ok).toBe(true);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), UI).toBe(language);
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

describe('Language', () => {
  it('shows History, Memory and the Conversation screen in German (words, plurals, dates) and back in English', async () => {
    const { page, harness } = await frok.start({
      openai: { script: () => ({ text: 'Noted.' }) },
      async beforeLoad(services) {
        await services.history.voiceTranscript('voice-1', [
          { itemId: 'i1', role: 'user', text: QUESTION, interrupted: false },
          { itemId: 'i2', role: 'assistant', text: 'It is 12 degrees and sunny in Berlin.', interrupted: false },
        ]);
        await services.history.voiceSessionEnded('voice-1');
        services.memory.remember({ fact: FACT, tags: ['home'], source: 'agent', origin: { conversationId: null, savedBy: 'memory', voiceSessionId: null } });
      },
    });
    await page.getByTestId('screen-conversation').waitFor(UI);
    const conversation = (await harness.services.history.list()).items[0]!;
    const memory = (await harness.services.memories.list()).items[0]!;
    const intl = (locale: string, at: number | string, options: Intl.DateTimeFormatOptions) =>
      page.evaluate(([l, a, o]) => new Intl.DateTimeFormat(l as string, o as Intl.DateTimeFormatOptions).format(new Date(a as number | string)), [locale, at, options] as const);

    // English first: what the other tests assert.
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-item').waitFor(UI);
    expect(await text(page, 'history-day-title')).toBe('Today');

    await setLanguage(page, 'de');

    // History: heading, day, kind, plural count, and the time as Germans write it.
    await expect.poll(() => page.locator('#screen-history-title').textContent(), UI).toBe('Verlauf');
    expect(await text(page, 'history-day-title')).toBe('Heute');
    expect(await text(page, 'history-kind')).toBe('Gesprochen');
    const meta = (await page.getByTestId('history-item').locator('.history-meta').textContent()) ?? '';
    expect(meta).toContain('2 Nachrichten');
    expect(meta).toContain(await intl('de', conversation.updatedAt, { hour: 'numeric', minute: '2-digit' }));
    expect(meta).not.toMatch(/AM|PM/u);
    expect(await page.getByRole('searchbox', { name: 'Unterhaltungen durchsuchen' }).count()).toBe(1);
    expect(await page.getByTestId('history-item-rename').textContent()).toBe('Umbenennen');
    expect(await page.getByTestId('history-item-delete').getAttribute('aria-label')).toBe(`„${QUESTION}“ löschen`);
    await screenshot(page, 'history-german');

    // Memory: heading, who saved it, the singular count, the date in German.
    await page.getByTestId('nav-memory').click();
    await page.getByTestId('memory-item').waitFor(UI);
    expect(await page.locator('#screen-memory-title').textContent()).toBe('Gedächtnis');
    expect(await text(page, 'memory-saved-by')).toBe('Vom Gedächtnis-Spezialisten gespeichert');
    expect(await text(page, 'memory-count')).toBe('1 Erinnerung.');
    expect(await text(page, 'memory-when')).toBe(`Gespeichert: ${await intl('de', memory.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}`);
    expect(await page.getByTestId('memory-edit').getAttribute('aria-label')).toBe(`Erinnerung „${FACT}“ bearbeiten`);
    await screenshot(page, 'memory-german');

    // The Conversation screen (the voice conversation was never opened: it starts empty).
    await page.getByTestId('nav-conversation').click();
    await page.getByTestId('screen-conversation').waitFor(UI);
    expect(await page.locator('#screen-conversation-title').textContent()).toBe('Unterhaltung');
    expect(await text(page, 'conversation-new')).toBe('Neue Unterhaltung');
    expect(await page.locator('.conversation-empty-title').textContent()).toBe('Frag FROK, was du willst');
    // Every specialist that can work switched off (in Advanced; Home is not set up): the notice says where to turn one back on.
    await page.getByTestId('ask-advanced').click();
    const on = page.locator('[data-testid^="ask-specialist-"][role="switch"]:checked');
    await on.first().waitFor(UI);
    while ((await on.count()) > 0) await on.first().uncheck();
    await page.getByTestId('ask-input').fill(QUESTION);
    await page.getByTestId('ask-send').click();
    expect(await page.getByTestId('ask-advanced-summary').textContent()).toBe('FROK entscheiden lassen · 0 von 5 Spezialisten');
    expect(await text(page, 'conversation-notice')).toBe('Schalte unter „Erweitert“ mindestens einen Spezialisten ein und sende dann erneut.');

    // And back: English again, without a reload.
    await setLanguage(page, 'en');
    await expect.poll(() => page.locator('#screen-conversation-title').textContent(), UI).toBe('Conversation');
    await page.getByTestId('ask-send').click();
    await expect.poll(() => text(page, 'conversation-notice'), UI).toBe('Turn on at least one specialist under Advanced, then send again.');
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-item').waitFor(UI);
    expect(await page.locator('#screen-history-title').textContent()).toBe('History');
    expect(await text(page, 'history-day-title')).toBe('Today');
    expect(await text(page, 'history-kind')).toBe('Voice');
    await page.getByTestId('nav-memory').click();
    await page.getByTestId('memory-item').waitFor(UI);
    expect(await page.locator('#screen-memory-title').textContent()).toBe('Memory');
    expect(await text(page, 'memory-count')).toBe('1 memory.');
  });
});
