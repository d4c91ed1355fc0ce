/**
 * The quick-ask window end to end: its own page (quick-ask.html) and its own IPC
 * connection next to the main window's, the real services and Agents SDK, a fake OpenAI.
 * A question streams in with the specialists who helped, lands in the recent list, and
 * "Open in FROK" shows that conversation in the main window.
 *
 * The harness has no Electron window manager, so the desktop shell is a stand-in that
 * does what electron/main/desktop/desktop-shell.ts does for these calls: openMain sends
 * `window:openConversation` (as main sends it to the main window), closeWindow is recorded.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 * Set FROK_SCREENSHOTS=/some/dir to keep screenshots of the window, light and dark.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/main/caller';
import type { DesktopShellPort } from '../../electron/main/desktop/desktop-shell-port';
import type { Services } from '../../electron/main/compose';
import { scriptByRoute, type FakeOpenAI } from '../fakes/openai/server';
import type { Harness } from '../harness';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };

const frok = frokFixture();
let openai: FakeOpenAI | null = null;
let harness: Harness | null = null;

interface ShellCalls {
  openMain: { conversationId: string | null; caller: Caller }[];
  closeWindow: Caller[];
}

/** The desktop shell as main wires it, minus Electron: records calls and sends the main window its event. */
function standInShell(calls: ShellCalls, services: () => Services | null): DesktopShellPort {
  return {
    hotkeyStatus: () => [],
    windowReady: () => {},
    closeWindow: (caller) => void calls.closeWindow.push(caller),
    openMain: (conversationId, caller) => {
      calls.openMain.push({ conversationId, caller });
      if (conversationId) services()?.events.emit('window:openConversation', { conversationId });
    },
  };
}

/** FROK set up with a key; the main window on the Conversation screen and the quick-ask page open beside it. */
async function open(): Promise<{ main: Page; qa: Page; calls: ShellCalls }> {
  const calls: ShellCalls = { openMain: [], closeWindow: [] };
  let services: Services | null = null;
  ({ openai, harness } = await frok.start({
    overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 }, desktop: { shell: standInShell(calls, () => services) } },
    beforeLoad(s) {
      services = s;
    },
  }));
  const main = harness.page;
  await main.getByTestId('screen-conversation').waitFor(UI);
  const qa = await harness.app.context.newPage();
  // The window's real size (popup-options.ts QUICK_ASK_SIZE).
  await qa.setViewportSize({ width: 560, height: 420 });
  await qa.goto(`${harness.origin}/quick-ask.html`, { waitUntil: 'load' });
  await qa.getByTestId('quick-ask').waitFor(UI);
  return { main, qa, calls };
}

const ANSWER = 'You like **warm light** in the evening.';

/** The hybrid orchestrator asks the memory specialist, then streams one answer slowly. */
function memoryScript() {
  return scriptByRoute([
    {
      name: 'orchestrator delegates',
      when: { offersTool: 'memory_specialist', hasToolOutputs: false },
      reply: { toolCalls: [{ name: 'memory_specialist', arguments: { input: 'What light does the person like in the evening?' } }], usage: { inputTokens: 80, outputTokens: 12 } },
    },
    { name: 'memory', when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: 'They like warm light in the evening.', delayMs: 300, usage: { inputTokens: 40, outputTokens: 9 } } },
    { name: 'orchestrator answers', when: { hasToolOutputFrom: 'memory_specialist' }, reply: { text: ANSWER, chunkDelayMs: 120, usage: { inputTokens: 150, outputTokens: 20 } } },
  ]);
}

async function texts(page: Page, testId: string): Promise<string[]> {
  return (await page.getByTestId(testId).allTextContents()).map((t) => t.trim());
}

/** What the page sent on a channel, in order (the harness records every frame). */
function sent(channel: string): Record<string, unknown>[] {
  return harness!.traffic
    .filter((t) => t.direction === 'in' && (t.message as { channel?: unknown } | undefined)?.channel === channel)
    .map((t) => (t.message as { payload: Record<string, unknown> }).payload);
}

describe('quick ask', () => {
  it('streams an answer with its specialists, lists it in recents, and opens it in the main window', async () => {
    const { main, qa, calls } = await open();
    openai!.setScript(memoryScript());

    // The box has the keyboard from the start.
    expect(await qa.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('qa-input');
    const question = 'Warm or cool light tonight?';
    await qa.keyboard.type(question);
    await qa.keyboard.press('Enter');

    // Asked as a quick ask, with the hybrid pattern and a run id of its own.
    await qa.getByTestId('qa-stop').waitFor(UI);
    const ask = sent('agent:ask').at(-1)!;
    expect(ask).toMatchObject({ query: question, pattern: 'hybrid', source: 'quick-ask', runId: expect.any(String) });

    // The specialist shows while it works; the answer streams in before it is complete.
    await qa.getByTestId('qa-specialist-progress').first().waitFor(UI);
    expect(await texts(qa, 'qa-specialist-progress')).toEqual([expect.stringContaining('Memory specialist')]);
    const streaming = qa.getByTestId('qa-streaming');
    await streaming.getByText('You like', { exact: false }).waitFor(UI);
    expect(await streaming.textContent()).not.toContain('evening.');
    await screenshot(qa, 'quick-ask-streaming');

    // Done: Markdown, who helped, how long, what it cost.
    const answer = qa.getByTestId('qa-answer');
    await answer.getByTestId('qa-finished').waitFor(UI);
    expect(await answer.locator('.markdown').textContent()).toBe('You like warm light in the evening.');
    expect(await answer.locator('strong').allTextContents()).toEqual(['warm light']);
    expect(await texts(qa, 'qa-specialist')).toEqual(['Memory specialist']);
    expect(await qa.getByTestId('qa-duration').textContent()).toMatch(/^\d+(\.\d)? (ms|s)$/);
    expect(await qa.getByTestId('qa-cost').textContent()).toMatch(/^\$0\.\d{4}$/);
    expect(await qa.getByTestId('qa-question').textContent()).toBe(question);
    // The box is free for the next question.
    expect(await qa.getByTestId('qa-input').inputValue()).toBe('');

    // It is the newest recent quick ask (from main's list, read again after the ask).
    await qa.getByTestId('qa-recent').first().waitFor(UI);
    expect(await qa.getByTestId('qa-recent').count()).toBe(1);
    expect(await qa.getByTestId('qa-recent').first().textContent()).toContain(question);

    // A second one; then choosing the first in the list shows it again.
    openai!.setScript(() => ({ text: 'It is **12**.' }));
    await qa.getByTestId('qa-input').fill('What is 15% of 80?');
    await qa.getByTestId('qa-input').press('Enter');
    await qa.getByTestId('qa-finished').getByText('It is 12.').waitFor(UI);
    await expect.poll(() => qa.getByTestId('qa-recent').count(), UI).toBe(2);
    expect(await qa.getByTestId('qa-recent').first().textContent()).toContain('What is 15% of 80?');
    await screenshot(qa, 'quick-ask-answer');
    await qa.getByTestId('qa-recent').nth(1).click();
    expect(await qa.getByTestId('qa-question').textContent()).toBe(question);
    expect(await qa.getByTestId('qa-answer').locator('.markdown').textContent()).toBe('You like warm light in the evening.');
    expect(await texts(qa, 'qa-specialist')).toEqual(['Memory specialist']);

    // Open in FROK: main is asked to show that conversation, and the main window shows it.
    const conversationId = (await harness!.services.desktop.quickAsks.list()).find((e) => e.query === question)!.conversationId;
    await qa.getByTestId('qa-open-main').click();
    await expect.poll(() => calls.openMain.length, UI).toBe(1);
    expect(calls.openMain[0]!.conversationId).toBe(conversationId);
    await main.getByTestId('question').first().waitFor(UI);
    expect(await texts(main, 'question')).toEqual([question]);
    expect(await main.getByTestId('answer').locator('.markdown').textContent()).toBe('You like warm light in the evening.');
    // The main window saw the run happen, so it knows who helped.
    expect(await texts(main, 'answer-specialist')).toEqual(['Memory']);
    await screenshot(main, 'quick-ask-opened-in-main');

    // A follow-up from the main window continues that conversation.
    openai!.setScript(() => ({ text: 'Noted.' }));
    await main.getByTestId('ask-input').fill('And in the morning?');
    await main.getByTestId('ask-input').press('Enter');
    await main.getByTestId('answer').nth(1).waitFor(UI);
    expect(JSON.stringify(openai!.modelRequests.at(-1)!.input)).toContain(question);
  });

  it('starts with example questions; choosing one asks it, and screen readers hear the finished answer once', async () => {
    const { qa } = await open();
    openai!.setScript(() => ({ text: 'It is **43.2**.', chunkDelayMs: 60 }));
    const examples = qa.getByTestId('qa-example');
    expect(await texts(qa, 'qa-example')).toEqual(['Will I need an umbrella tomorrow?', 'What is 18% of 240?', 'What do you remember about me?']);
    const announce = qa.getByTestId('qa-announce');
    expect(await announce.getAttribute('aria-live')).toBe('polite');
    expect((await announce.textContent())?.trim()).toBe('');

    // Record what the live region held: nothing while the answer streams, the answer once.
    await announce.evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { __announced: string[] }).__announced = seen;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, subtree: true, characterData: true });
    });
    await examples.nth(1).click();
    expect(sent('agent:ask').at(-1)).toMatchObject({ query: 'What is 18% of 240?', pattern: 'hybrid', source: 'quick-ask' });
    expect(await qa.getByTestId('qa-question').textContent()).toBe('What is 18% of 240?');
    await qa.getByTestId('qa-finished').getByText('It is 43.2.').waitFor(UI);
    await announce.filter({ hasText: 'FROK answered: It is 43.2.' }).waitFor(UI);
    expect(await qa.evaluate(() => (window as unknown as { __announced: string[] }).__announced)).toEqual(['FROK answered: It is 43.2.']);
    // The examples make way for the answer.
    expect(await examples.count()).toBe(0);
  });

  it('a long answer scrolls inside the window, with the question box always in view', async () => {
    const { qa } = await open();
    const long = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of the long answer.`).join('\n\n');
    openai!.setScript(() => ({ text: long }));
    await qa.getByTestId('qa-input').fill('Give me a long list');
    await qa.getByTestId('qa-input').press('Enter');
    await qa.getByTestId('qa-finished').getByText('Line 40 of the long answer.').waitFor(UI);
    const body = qa.getByTestId('qa-body');
    expect(await body.getAttribute('tabindex')).toBe('0');
    expect(await body.getAttribute('aria-label')).toBe('Answer');
    const layout = await qa.evaluate(() => {
      const area = document.querySelector<HTMLElement>('[data-testid="qa-body"]')!;
      const input = document.querySelector<HTMLElement>('[data-testid="qa-input"]')!.getBoundingClientRect();
      return {
        areaScrolls: area.scrollHeight > area.clientHeight,
        pageScrolls: document.scrollingElement!.scrollHeight > window.innerHeight,
        inputInView: input.top >= 0 && input.bottom <= window.innerHeight,
      };
    });
    expect(layout).toEqual({ areaScrolls: true, pageScrolls: false, inputInView: true });
    // Scrolled to the end by the keyboard, the box is still there.
    await body.focus();
    await qa.keyboard.press('End');
    await expect.poll(() => body.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2), UI).toBe(true);
    expect(await qa.getByTestId('qa-input').isVisible()).toBe(true);
    const box = await qa.getByTestId('qa-input').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
  });

  it('a failed ask offers Retry, which asks the same question again', async () => {
    const { qa } = await open();
    openai!.setScript(() => ({ error: { status: 500, message: 'The server had an error' } }));
    await qa.getByTestId('qa-input').fill('Is the garage door closed?');
    await qa.getByTestId('qa-input').press('Enter');
    await qa.getByTestId('qa-error').waitFor(UI);
    // Someone may have started typing something else meanwhile; Retry asks the question that failed.
    await qa.getByTestId('qa-input').fill('something else');
    openai!.setScript(() => ({ text: 'Yes, it is closed.' }));
    const retry = qa.getByTestId('qa-retry');
    expect(await retry.textContent()).toBe('Try again');
    await retry.click();
    await qa.getByTestId('qa-finished').getByText('Yes, it is closed.').waitFor(UI);
    expect(sent('agent:ask').map((a) => a.query)).toEqual(['Is the garage door closed?', 'Is the garage door closed?']);
    expect(await qa.getByTestId('qa-question').textContent()).toBe('Is the garage door closed?');
    expect(await qa.getByTestId('qa-error').count()).toBe(0);
    expect(await qa.getByTestId('qa-input').inputValue()).toBe('something else');
    expect(await qa.getByTestId('qa-announce').textContent()).toBe('FROK answered: Yes, it is closed.');
  });

  it('closes on Esc without losing the typed question', async () => {
    const { qa, calls } = await open();
    await qa.getByTestId('qa-input').fill('half-typed question');
    await qa.keyboard.press('Escape');
    await expect.poll(() => calls.closeWindow.length, UI).toBe(1);
    expect(await qa.getByTestId('qa-input').inputValue()).toBe('half-typed question');
  });

  it('shows a failed ask inline and keeps the question; Stop cancels and keeps it too', async () => {
    const { qa } = await open();
    openai!.setScript(() => ({ error: { status: 500, message: 'The server had an error' } }));
    await qa.getByTestId('qa-input').fill('What should I cook tonight?');
    await qa.getByTestId('qa-input').press('Enter');
    const error = qa.getByTestId('qa-error');
    await error.waitFor(UI);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(/server error \(500\)/);
    expect(await qa.getByTestId('qa-input').inputValue()).toBe('What should I cook tonight?');
    await screenshot(qa, 'quick-ask-error');

    openai!.setScript(() => ({ text: 'Too late.', delayMs: 5_000 }));
    await qa.getByTestId('qa-input').press('Enter');
    await qa.getByTestId('qa-stop').click();
    await qa.getByTestId('qa-cancelled').waitFor(UI);
    expect(await qa.getByTestId('qa-input').inputValue()).toBe('What should I cook tonight?');
  });
});
