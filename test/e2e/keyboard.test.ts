/**
 * The keyboard, end to end: the real renderer in Chromium, the real services, a fake
 * OpenAI. What a person notices: Ctrl+N starts over (the old conversation stays in
 * History), Ctrl+L puts the cursor in the question box with a ring you can see, Esc stops
 * an answer on its way, Ctrl+, opens Settings, which lists every shortcut; after onboarding
 * the cursor waits in the question box. The application menu's items reach the window as
 * `window:shortcut` (main sends it; here the services' event bus does, as main's would).
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../electron/main/compose';
import { DEFAULT_VALID_KEY, type FakeOpenAI } from '../fakes/openai/server';
import { frokFixture } from './support/frok-fixture';

const UI = { timeout: 15_000 };
const frok = frokFixture();

let openai: FakeOpenAI | null = null;
let services: Services | null = null;

async function open(): Promise<Page> {
  const started = await frok.start({
    overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 } },
    beforeLoad(s) {
      services = s;
    },
  });
  openai = started.openai;
  await started.page.getByTestId('screen-conversation').waitFor(UI);
  return started.page;
}

async function ask(page: Page, question: string): Promise<void> {
  await page.getByTestId('ask-input').fill(question);
  await page.getByTestId('ask-input').press('Enter');
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Waits until the question box has focus (focus lands a frame or two after the screen shows). */
async function questionBoxFocused(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'ask-input', undefined, UI);
}

describe('the keyboard', () => {
  it('Ctrl+N starts a new conversation; the old one stays in History', async () => {
    const page = await open();
    openai!.setScript(() => ({ text: 'Basil likes sun.' }));
    await ask(page, 'Does basil like sun?');
    await page.getByTestId('answer').waitFor(UI);

    // From a button elsewhere on the screen, not the question box: the shortcut works wherever focus is.
    await page.getByTestId('screen-conversation').locator('h1').focus();
    await page.keyboard.press('Control+KeyN');
    await page.getByTestId('conversation-empty').waitFor(UI);
    expect(await page.getByTestId('answer').count()).toBe(0);
    await questionBoxFocused(page);

    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-list').waitFor(UI);
    expect(await page.getByTestId('history-list').textContent()).toContain('Does basil like sun?');
  });

  it('Ctrl+L goes to the question box from another screen, and the box shows a clear focus ring', async () => {
    const page = await open();
    await page.getByTestId('nav-memory').click();
    await page.getByTestId('screen-memory').waitFor(UI);
    await page.keyboard.press('Control+KeyL');
    await page.getByTestId('screen-conversation').waitFor(UI);
    await questionBoxFocused(page);

    // Typing goes into the box, and Ctrl+L is not a character there.
    await page.keyboard.type('hello');
    expect(await page.getByTestId('ask-input').inputValue()).toBe('hello');

    const ring = await page.locator('.composer').evaluate((el) => {
      const style = getComputedStyle(el);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    // Without focus the ring goes: Tab moves on to the next control.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).not.toBe('ask-input');
    expect(await page.locator('.composer').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
  });

  it('Esc stops a streaming answer and keeps the question; with nothing running it does nothing', async () => {
    const page = await open();
    await page.getByTestId('ask-input').fill('Just a draft');
    await page.getByTestId('ask-input').press('Escape');
    expect(await page.getByTestId('ask-input').inputValue()).toBe('Just a draft');
    expect(await page.getByTestId('conversation-notice').count()).toBe(0);

    openai!.setScript(() => ({ text: 'This answer takes its time.', delayMs: 5_000 }));
    await ask(page, 'Tell me a long story');
    await page.getByTestId('answer-streaming').waitFor(UI);
    expect(await focusedTestId(page)).toBe('ask-input');
    await page.keyboard.press('Escape');
    await page.getByTestId('answer-cancelled').waitFor(UI);
    expect(await page.getByTestId('ask-input').inputValue()).toBe('Tell me a long story');
    await page.getByTestId('ask-send').waitFor(UI);
  });

  it('Ctrl+, opens Settings, which lists every shortcut with its keys', async () => {
    const page = await open();
    await page.keyboard.press('Control+Comma');
    await page.getByTestId('screen-settings').waitFor(UI);
    const section = page.getByTestId('settings-shortcuts');
    await section.waitFor(UI);
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('Keyboard shortcuts');
    const keys = async (id: string) => ((await page.getByTestId(`shortcut-${id}-keys`).textContent()) ?? '').trim();
    // The harness's FROK runs on Linux: Ctrl, not ⌘.
    expect(await keys('newConversation')).toBe('Ctrl+N');
    expect(await keys('focusQuestion')).toBe('Ctrl+L');
    expect(await keys('stopAnswer')).toBe('Esc');
    expect(await keys('openSettings')).toBe('Ctrl+,');
    expect(await keys('quickAsk')).toBe('Ctrl+Shift+K');
    expect(await keys('voice')).toBe('Ctrl+Shift+Space');
    expect(await page.getByTestId('shortcut-newConversation').getByRole('rowheader').textContent()).toContain('New conversation');

    // A hotkey changed in Settings is the key listed.
    services!.settings.update({ hotkeys: { quickAsk: 'Alt+Shift+Q' } });
    await page.waitForFunction(() => document.querySelector('[data-testid="shortcut-quickAsk-keys"]')?.textContent?.trim() === 'Alt+Shift+Q', undefined, UI);
  });

  it('the application menu’s New Conversation and Go to Question Box reach the window', async () => {
    const page = await open();
    openai!.setScript(() => ({ text: 'Tomatoes too.' }));
    await ask(page, 'And tomatoes?');
    await page.getByTestId('answer').waitFor(UI);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('screen-settings').waitFor(UI);

    services!.events.emit('window:shortcut', { shortcut: 'newConversation' });
    await page.getByTestId('conversation-empty').waitFor(UI);
    await questionBoxFocused(page);

    await page.getByTestId('nav-history').click();
    services!.events.emit('window:shortcut', { shortcut: 'focusQuestion' });
    await questionBoxFocused(page);
  });

  it('after onboarding, the cursor is in the question box', async () => {
    const { page } = await frok.start({ noKey: true });
    await page.getByTestId('onboarding').waitFor(UI);
    await page.getByTestId('onboarding-key').fill(DEFAULT_VALID_KEY);
    await page.getByTestId('onboarding-submit').click();
    await page.getByTestId('app-shell').waitFor(UI);
    await questionBoxFocused(page);
  });
});
