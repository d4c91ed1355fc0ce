/**
 * The Memory view end to end: the real renderer in Chromium against FROK's real services
 * (the encrypted memory store behind `services.memories`) and a fake OpenAI. Memories
 * seeded through the store show who saved them and where they came from (a link to the
 * kept conversation, words for one no longer kept); search finds one; an edit shows at
 * once and is what `memory:list` returns after a reload; main's objection to an edit is
 * shown next to it; Escape cancels; Delete asks first and the memory stays gone after a
 * reload; an empty Memory says how to fill it, and "Load more" pages through the rest.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MemoryView } from '@shared/history';
import type { ModelRequest } from '../fakes/openai/server';
import type { Harness } from '../harness';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };

const frok = frokFixture();

const BERLIN = 'Tell me about Berlin';
const LIGHT = 'Likes warm light in the evening';
const COFFEE = 'Drinks coffee black, no sugar';
const COFFEE_EDITED = 'Drinks coffee with oat milk, no sugar';
const SISTER = 'Their sister Anna lives in Hamburg';

function answer(request: ModelRequest) {
  return { text: request.lastUserText.includes('Berlin') ? 'Berlin is known for the Brandenburg Gate.' : 'Noted.' };
}

async function start(): Promise<{ page: Page; harness: Harness }> {
  const { page, harness } = await frok.start({ openai: { script: answer }, overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 } } });
  await page.getByTestId('screen-conversation').waitFor(UI);
  return { page, harness };
}

async function showMemory(page: Page): Promise<void> {
  await page.getByTestId('nav-memory').click();
  await page.getByTestId('screen-memory').waitFor(UI);
}

const facts = async (page: Page) => (await page.getByTestId('memory-fact').allTextContents()).map((t) => t.trim());
const memoryItem = (page: Page, fact: string) => page.getByTestId('memory-item').filter({ has: page.getByTestId('memory-fact').getByText(fact, { exact: true }) });
const focused = (page: Page) => page.evaluate(() => ({ testId: document.activeElement?.getAttribute('data-testid') ?? null, label: document.activeElement?.getAttribute('aria-label') ?? null }));
/** What main's memory:list answers the page, straight over the bridge. */
const listFromMain = (page: Page) =>
  page.evaluate(async () => {
    const result = (await window.frok.invoke('memory:list', {})) as { ok: boolean; data?: { items: MemoryView[]; total: number } };
    return result.data ?? null;
  });

describe('Memory', () => {
  it('shows where each memory came from, finds one, edits it (kept after a reload), refuses a clash, cancels with Escape, deletes after asking', async () => {
    const { page, harness } = await start();

    // A kept conversation for a memory to come from.
    await page.getByTestId('ask-input').fill(BERLIN);
    await page.getByTestId('ask-input').press('Enter');
    await page.getByTestId('answer').first().waitFor(UI);
    const kept = (await harness.services.history.list()).items[0]!;

    const store = harness.services.memory;
    store.remember({ fact: LIGHT, tags: ['home', 'lighting'], source: 'agent', origin: { conversationId: kept.id, savedBy: 'memory', voiceSessionId: null } });
    store.remember({ fact: COFFEE, tags: ['drinks'], source: 'user', origin: { conversationId: kept.id, savedBy: 'memory', voiceSessionId: null } });
    store.remember({ fact: SISTER, tags: ['family'], source: 'agent', origin: { conversationId: 'conversation-long-gone', savedBy: 'voice', voiceSessionId: 'voice-1' } });

    await showMemory(page);
    await expect.poll(async () => (await facts(page)).sort(), UI).toEqual([COFFEE, LIGHT, SISTER].sort());
    expect(await page.getByTestId('memory-intro').textContent()).toContain('stored encrypted on this computer');
    expect(await page.getByTestId('memory-count').textContent()).toBe('3 memories.');
    expect(await page.getByRole('list', { name: 'Memories' }).getByRole('listitem').filter({ has: page.getByTestId('memory-fact') }).count()).toBe(3);

    // Who saved each, in plain words, and where it came from.
    const light = memoryItem(page, LIGHT);
    expect(await light.getByTestId('memory-saved-by').textContent()).toBe('Saved by the memory specialist');
    expect(await light.getByTestId('memory-tag').allTextContents()).toEqual(['home', 'lighting']);
    expect(await light.getByTestId('memory-origin-link').textContent()).toBe(`From: ${kept.title}`);
    expect(await memoryItem(page, COFFEE).getByTestId('memory-saved-by').textContent()).toBe('You asked FROK to remember this');
    const sister = memoryItem(page, SISTER);
    expect(await sister.getByTestId('memory-saved-by').textContent()).toBe('Saved in a voice session');
    expect(await sister.getByTestId('memory-origin-gone').textContent()).toBe('From a conversation that is no longer kept');
    expect(await sister.getByTestId('memory-origin-link').count()).toBe(0);
    // When, in the page's locale.
    const lightCreated = (await listFromMain(page))!.items.find((m) => m.fact === LIGHT)!.createdAt;
    const expectedWhen = await page.evaluate((iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)), lightCreated);
    expect(await light.getByTestId('memory-when').textContent()).toBe(`Saved ${expectedWhen}`);
    await screenshot(page, 'memory-list');

    // Search: the labelled search box finds the one about coffee.
    const search = page.getByRole('search', { name: 'Search memories' }).getByRole('searchbox', { name: 'Search memories' });
    await search.fill('coffee');
    await expect.poll(() => facts(page), UI).toEqual([COFFEE]);
    expect(await page.getByTestId('memory-count').textContent()).toBe('1 memory matches.');

    // Edit it in place: the new wording shows at once; focus back on its Edit button.
    await page.getByRole('button', { name: `Edit the memory “${COFFEE}”` }).click();
    const textarea = page.getByTestId('memory-edit-fact');
    await textarea.waitFor(UI);
    expect(await focused(page)).toMatchObject({ testId: 'memory-edit-fact' });
    await textarea.fill(COFFEE_EDITED);
    await page.getByTestId('memory-edit-save').click();
    await expect.poll(() => facts(page), UI).toEqual([COFFEE_EDITED]);
    await expect.poll(() => focused(page), UI).toEqual({ testId: 'memory-edit', label: `Edit the memory “${COFFEE_EDITED}”` });
    expect(await page.getByTestId('memory-status').textContent()).toBe(`Saved the memory “${COFFEE_EDITED}”.`);
    await screenshot(page, 'memory-search-edited');

    // Clear the search: every memory again.
    await search.fill('');
    await expect.poll(async () => (await facts(page)).sort(), UI).toEqual([COFFEE_EDITED, LIGHT, SISTER].sort());

    // Main refuses wording another memory already has; its words show next to the editor.
    await page.getByRole('button', { name: `Edit the memory “${SISTER}”` }).click();
    await textarea.fill(LIGHT.toUpperCase());
    await textarea.press('Control+Enter');
    const editError = page.getByTestId('memory-edit-error');
    await editError.waitFor(UI);
    expect(await editError.textContent()).toContain('Another memory already says that');
    expect(await editError.getAttribute('role')).toBe('alert');
    expect(await textarea.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'memory-edit-error');
    // An empty memory is refused before it reaches main.
    await textarea.fill('   ');
    await page.getByTestId('memory-edit-save').click();
    await expect.poll(() => editError.textContent(), UI).toContain('can’t be empty');
    // Escape leaves it as it was, focus on its Edit button.
    await textarea.press('Escape');
    await page.getByTestId('memory-editor').waitFor({ state: 'detached', ...UI });
    expect(await facts(page)).toContain(SISTER);
    await expect.poll(() => focused(page), UI).toEqual({ testId: 'memory-edit', label: `Edit the memory “${SISTER}”` });

    // Delete asks first; "Keep it" keeps it.
    await page.getByRole('button', { name: `Delete the memory “${LIGHT}”` }).click();
    await page.getByTestId('memory-confirm').waitFor(UI);
    expect(await focused(page)).toMatchObject({ testId: 'memory-confirm-keep' });
    await page.getByTestId('memory-confirm-keep').click();
    await page.getByTestId('memory-confirm').waitFor({ state: 'detached', ...UI });
    expect(await facts(page)).toContain(LIGHT);
    await page.getByRole('button', { name: `Delete the memory “${LIGHT}”` }).click();
    await page.getByRole('button', { name: `Yes, delete the memory “${LIGHT}”` }).click();
    await expect.poll(async () => (await facts(page)).sort(), UI).toEqual([COFFEE_EDITED, SISTER].sort());
    expect(await page.getByTestId('memory-count').textContent()).toBe('2 memories.');
    // Focus on a neighbour's Edit button, not lost.
    await expect.poll(async () => (await focused(page)).testId, UI).toBe('memory-edit');

    // After a reload: main kept the edit and the delete.
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('app-shell').waitFor(UI);
    const fromMain = (await listFromMain(page))!;
    expect(fromMain.total).toBe(2);
    expect(fromMain.items.map((m) => m.fact).sort()).toEqual([COFFEE_EDITED, SISTER].sort());
    const edited = fromMain.items.find((m) => m.fact === COFFEE_EDITED)!;
    expect(edited.tags).toEqual(['drinks']);
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(edited.createdAt));
    expect((await harness.services.memories.list()).items.map((m) => m.fact)).not.toContain(LIGHT);
    await showMemory(page);
    await expect.poll(async () => (await facts(page)).sort(), UI).toEqual([COFFEE_EDITED, SISTER].sort());
    expect(await memoryItem(page, COFFEE_EDITED).getByTestId('memory-when').textContent()).toContain(', updated ');

    // "From: …" opens that conversation.
    await memoryItem(page, COFFEE_EDITED).getByTestId('memory-origin-link').click();
    await page.getByTestId('screen-conversation').waitFor(UI);
    await page.getByText('Berlin is known for the Brandenburg Gate.').first().waitFor(UI);
  });

  it('says how to fill an empty Memory, then pages through many with "Load more"', async () => {
    const { page, harness } = await start();
    await showMemory(page);
    const empty = page.getByTestId('memory-empty');
    await empty.waitFor(UI);
    expect(await empty.textContent()).toBe('FROK hasn\'t remembered anything yet. Tell it “remember that …”.');
    await screenshot(page, 'memory-empty');

    for (let i = 1; i <= 23; i += 1) harness.services.memory.remember({ fact: `Fact number ${i}`, tags: [], source: 'agent', origin: null });
    // Leave and come back: the screen asks again.
    await page.getByTestId('nav-conversation').click();
    await showMemory(page);
    await expect.poll(async () => (await facts(page)).length, UI).toBe(20);
    expect(await page.getByTestId('memory-count').textContent()).toBe('23 memories — showing 20.');
    await page.getByTestId('memory-load-more').click();
    await expect.poll(async () => (await facts(page)).length, UI).toBe(23);
    expect(new Set(await facts(page)).size).toBe(23);
    expect(await page.getByTestId('memory-load-more').count()).toBe(0);
    expect(await page.getByTestId('memory-count').textContent()).toBe('23 memories.');
    // No origin known: neither a link nor "no longer kept".
    expect(await page.getByTestId('memory-origin-link').count()).toBe(0);
    expect(await page.getByTestId('memory-origin-gone').count()).toBe(0);
    expect(await page.getByTestId('memory-saved-by').first().textContent()).toBe('Saved by FROK');

    // A search with no match says so.
    await page.getByTestId('memory-search').fill('zebra');
    await page.getByTestId('memory-no-match').waitFor(UI);
  });
});
