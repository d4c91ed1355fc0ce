/**
 * The History screen end to end: the real renderer in Chromium against FROK's real
 * services (the encrypted history store, search, export) and a fake OpenAI. Two typed
 * conversations show up by title, search finds a phrase from an answer and marks it,
 * the older one opens and continues (the model gets its earlier turns), rename survives
 * a reload, delete hides at once and Undo brings it back, export writes the file the
 * (stand-in) save dialog chose, and after a restart History and the Conversation screen
 * are as they were. A spoken conversation shows as Voice, with its tool call in one line.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FakeOpenAI, ModelRequest } from '../fakes/openai/server';
import type { Harness } from '../harness';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };

const frok = frokFixture();

const BERLIN = 'Tell me about Berlin';
const BERLIN_ANSWER = 'Berlin is known for the Brandenburg Gate and its museums.';
const PASTA = 'How do I cook pasta?';
const PASTA_ANSWER = 'Boil it al dente in well salted water.';

/** Answers by what was asked, so every model call (router, specialists) gets a fitting reply. */
function answerByQuestion(request: ModelRequest) {
  const q = request.lastUserText;
  if (q.includes('Berlin')) return { text: BERLIN_ANSWER };
  if (q.includes('pasta')) return { text: PASTA_ANSWER };
  if (q.includes('population')) return { text: 'About 3.8 million people live there.' };
  return { text: 'Noted.' };
}

interface SaveDialog {
  dir: string;
  asked: { suggestedName: string; extension: string }[];
  /** The next answer: save (default) or cancel. */
  cancelNext: boolean;
}

async function start(options: { seed?: (h: Harness['services']) => Promise<void> } = {}): Promise<{ page: Page; openai: FakeOpenAI; harness: Harness; dialog: SaveDialog }> {
  const dialog: SaveDialog = { dir: await mkdtemp(join(tmpdir(), 'frok-history-export-')), asked: [], cancelNext: false };
  frok.onTeardown(() => rm(dialog.dir, { recursive: true, force: true }));
  const { page, openai, harness } = await frok.start({
    openai: { script: answerByQuestion },
    overrides: {
      modelClient: { maxRetries: 0, timeoutMs: 20_000 },
      chooseSavePath: async ({ suggestedName, extension }) => {
        dialog.asked.push({ suggestedName, extension });
        if (dialog.cancelNext) {
          dialog.cancelNext = false;
          return null;
        }
        return join(dialog.dir, suggestedName);
      },
    },
    async beforeLoad(services) {
      await options.seed?.(services);
    },
  });
  await page.getByTestId('screen-conversation').waitFor(UI);
  return { page, openai, harness, dialog };
}

async function ask(page: Page, question: string, answers: number): Promise<void> {
  await page.getByTestId('ask-input').fill(question);
  await page.getByTestId('ask-input').press('Enter');
  await page.getByTestId('answer').nth(answers - 1).waitFor(UI);
}

async function showHistory(page: Page): Promise<void> {
  await page.getByTestId('nav-history').click();
  await page.getByTestId('screen-history').waitFor(UI);
}

const titles = async (page: Page) => (await page.getByTestId('history-item-title').allTextContents()).map((t) => t.trim());
const item = (page: Page, title: string) => page.getByTestId('history-item').filter({ has: page.getByTestId('history-item-title').getByText(title, { exact: true }) });
const focused = (page: Page) => page.evaluate(() => ({ testId: document.activeElement?.getAttribute('data-testid') ?? null, text: document.activeElement?.textContent?.trim() ?? '' }));

describe('History', () => {
  it('lists conversations by title, finds a phrase, opens the older one and continues it; rename, delete + Undo, export; all still there after a restart', async () => {
    const { page, openai, harness, dialog } = await start();
    await showHistory(page);
    await page.getByTestId('history-empty').waitFor(UI);
    expect(await page.getByTestId('history-empty').textContent()).toBe('No conversations yet — ask something and it appears here.');

    // Two conversations, one after the other.
    await page.getByTestId('nav-conversation').click();
    await ask(page, BERLIN, 1);
    await page.getByTestId('conversation-new').click();
    await page.getByTestId('conversation-empty').waitFor(UI);
    await ask(page, PASTA, 1);

    // Both in History, newest first, under Today, marked as typed.
    await showHistory(page);
    await expect.poll(() => titles(page), UI).toEqual([PASTA, BERLIN]);
    expect(await page.getByTestId('history-day-title').allTextContents()).toEqual(['Today']);
    expect(await page.getByTestId('history-kind').allTextContents()).toEqual(['Typed', 'Typed']);
    await screenshot(page, 'history-list');

    // Search a phrase from an answer: the hit names its conversation and marks the words.
    await page.getByRole('search').getByRole('searchbox', { name: 'Search conversations' }).fill('Brandenburg Gate');
    const hit = page.getByTestId('history-hit');
    await hit.first().waitFor(UI);
    expect(await page.getByTestId('history-list').count()).toBe(0);
    expect(await hit.count()).toBe(1);
    expect(await hit.getByTestId('history-hit-title').textContent()).toBe(BERLIN);
    expect(await hit.getByTestId('history-kind').textContent()).toBe('Typed');
    expect((await hit.locator('mark').allTextContents()).map((m) => m.toLowerCase())).toEqual(['brandenburg', 'gate']);
    expect(await hit.getByTestId('history-hit-snippet').textContent()).toContain('Brandenburg Gate and its museums');
    await screenshot(page, 'history-search');

    // Open the older one from the hit: all its turns, and the next question continues it.
    await hit.getByTestId('history-hit-open').click();
    await page.getByTestId('screen-conversation').waitFor(UI);
    await expect.poll(async () => page.getByTestId('question').allTextContents(), UI).toEqual([BERLIN]);
    expect(await page.getByTestId('answer').textContent()).toContain(BERLIN_ANSWER);
    await ask(page, 'And its population?', 2);
    const sent = JSON.stringify(openai.modelRequests.at(-1)!.input);
    expect(sent).toContain(BERLIN);
    expect(sent).toContain('Brandenburg Gate');
    expect(sent).not.toContain(PASTA);

    // Continued, so now the newest.
    await showHistory(page);
    await expect.poll(() => titles(page), UI).toEqual([BERLIN, PASTA]);

    // Rename in place: Escape cancels, Enter saves; focus goes back to the row's Rename button.
    await item(page, PASTA).getByTestId('history-item-rename').click();
    const input = page.getByTestId('history-rename-input');
    expect(await focused(page)).toMatchObject({ testId: 'history-rename-input' });
    await input.fill('Not this');
    await input.press('Escape');
    await expect.poll(() => titles(page), UI).toEqual([BERLIN, PASTA]);
    expect(await focused(page)).toMatchObject({ testId: 'history-item-rename' });
    await item(page, PASTA).getByTestId('history-item-rename').click();
    await input.fill('Pasta night');
    await input.press('Enter');
    await expect.poll(() => titles(page), UI).toEqual([BERLIN, 'Pasta night']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Rename “Pasta night”');

    // The new name is kept by main, not just this page.
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('app-shell').waitFor(UI);
    await showHistory(page);
    await expect.poll(() => titles(page), UI).toEqual([BERLIN, 'Pasta night']);

    // Delete: gone from the list at once (focus on the row before it) and from search; Undo brings it back.
    await item(page, 'Pasta night').getByTestId('history-item-delete').click();
    await page.getByTestId('history-undo').waitFor(UI);
    await expect.poll(() => titles(page), UI).toEqual([BERLIN]);
    expect(await focused(page)).toMatchObject({ testId: 'history-item-open', text: BERLIN });
    expect(await page.getByTestId('history-undo').textContent()).toContain('Deleted “Pasta night”.');
    await screenshot(page, 'history-deleted');
    const searchBox = page.getByTestId('history-search');
    await searchBox.fill('salted');
    await page.getByTestId('history-search-empty').waitFor(UI);
    expect(await page.getByTestId('history-hit').count()).toBe(0);
    await searchBox.fill('');
    await page.getByTestId('history-list').waitFor(UI);
    await page.getByTestId('history-undo-button').click();
    await expect.poll(() => titles(page), UI).toEqual([BERLIN, 'Pasta night']);
    await page.getByTestId('history-undo').waitFor({ state: 'detached', ...UI });
    expect(await focused(page)).toMatchObject({ testId: 'history-item-open', text: 'Pasta night' });
    await searchBox.fill('salted');
    await expect.poll(async () => page.getByTestId('history-hit-title').allTextContents(), UI).toEqual(['Pasta night']);
    await searchBox.fill('');

    // Export one as Markdown: saved where the dialog said, and the page says where.
    await item(page, BERLIN).getByTestId('history-item-export').click();
    await item(page, BERLIN).getByRole('button', { name: `Export “${BERLIN}” as Markdown` }).click();
    const saved = page.getByTestId('history-export-saved');
    await saved.waitFor(UI);
    expect(dialog.asked.at(-1)).toMatchObject({ extension: 'md' });
    const mdPath = join(dialog.dir, dialog.asked.at(-1)!.suggestedName);
    expect(await saved.textContent()).toContain(mdPath);
    const markdown = await readFile(mdPath, 'utf8');
    expect(markdown).toContain(BERLIN);
    expect(markdown).toContain('And its population?');
    expect(markdown).not.toContain(PASTA_ANSWER);

    // Export all as JSON: both conversations in one file.
    await page.getByTestId('history-export-all').click();
    await page.getByTestId('history-export-all-json').click();
    await expect.poll(() => dialog.asked.length, UI).toBe(2);
    expect(dialog.asked[1]).toMatchObject({ extension: 'json' });
    await expect.poll(() => saved.textContent(), UI).toContain(join(dialog.dir, dialog.asked[1]!.suggestedName));
    const json = await readFile(join(dialog.dir, dialog.asked[1]!.suggestedName), 'utf8');
    expect(json).toContain(BERLIN_ANSWER);
    expect(json).toContain(PASTA_ANSWER);

    // Cancelled in the dialog: nothing saved, nothing said, no error.
    dialog.cancelNext = true;
    await page.getByTestId('history-export-all').click();
    await page.getByTestId('history-export-all-markdown').click();
    await expect.poll(() => dialog.asked.length, UI).toBe(3);
    await saved.waitFor({ state: 'detached', ...UI });
    expect(await page.getByTestId('history-error').count()).toBe(0);

    // FROK restarts: History still lists both, and the Conversation screen is back in the one the person was in.
    await harness.restart();
    await page.getByTestId('screen-conversation').waitFor(UI);
    await expect.poll(async () => page.getByTestId('question').allTextContents(), UI).toEqual([BERLIN, 'And its population?']);
    await showHistory(page);
    await expect.poll(() => titles(page), UI).toEqual([BERLIN, 'Pasta night']);

    // "New conversation" loses nothing: the old one stays in History; the next question starts afresh.
    await page.getByTestId('nav-conversation').click();
    await page.getByTestId('conversation-new').click();
    await ask(page, 'Anything new?', 1);
    expect(JSON.stringify(openai.modelRequests.at(-1)!.input)).not.toContain(BERLIN);
    await showHistory(page);
    await expect.poll(() => titles(page), UI).toEqual(['Anything new?', BERLIN, 'Pasta night']);
  });

  it('opens a spoken conversation with its tool call in one line; a conversation deleted meanwhile reopens as an empty screen, without an error', async () => {
    const { page } = await start({
      async seed(services) {
        // As a voice session reports it: the question, a tool call, the answer.
        services.history.voiceToolCall('voice-1', { name: 'get_weather', arguments: '{"city":"Berlin"}', output: '12 °C and sunny' });
        await services.history.voiceTranscript('voice-1', [
          { itemId: 'i1', role: 'user', text: 'What is the weather in Berlin?', interrupted: false },
          { itemId: 'i2', role: 'assistant', text: 'It is 12 degrees and sunny in Berlin.', interrupted: false },
        ]);
        await services.history.voiceSessionEnded('voice-1');
      },
    });
    await showHistory(page);
    await expect.poll(() => titles(page), UI).toEqual(['What is the weather in Berlin?']);
    expect(await page.getByTestId('history-kind').textContent()).toBe('Voice');

    await page.getByTestId('history-item-open').click();
    await page.getByTestId('screen-conversation').waitFor(UI);
    await page.getByTestId('answer-tool').waitFor(UI);
    expect(await page.getByTestId('question').allTextContents()).toEqual(['What is the weather in Berlin?']);
    expect(await page.getByTestId('answer-tool').textContent()).toBe('Tool get_weather(city: "Berlin") → 12 °C and sunny');
    expect(await page.getByTestId('answer').textContent()).toContain('It is 12 degrees and sunny in Berlin.');
    await screenshot(page, 'conversation-voice-restored');

    // Deleted in History while it was the current one: after a reload the screen simply starts empty.
    await showHistory(page);
    await page.getByTestId('history-item-delete').click();
    await page.getByTestId('history-empty').waitFor(UI);
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('conversation-empty').waitFor(UI);
    // The window tried to reopen it, found it gone, and forgot it.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('frok.currentConversation')), UI).toBeNull();
    expect(await page.getByTestId('conversation-empty').count()).toBe(1);
    expect(await page.getByTestId('open-conversation-error').count()).toBe(0);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
  });
});
