/**
 * Accessibility and layout of every window FROK shows, end to end: the real renderer in
 * Chromium against FROK's real services and a fake OpenAI, with something on each screen
 * (an answered and a failed question, their Activity runs, kept conversations, memories,
 * registered hotkeys).
 *
 * - axe (WCAG 2.1 A and AA) finds nothing on any main-window screen, onboarding, the quick
 *   ask window or the voice HUD, in light and in dark, at 1280×800;
 * - at 800×600 no button's words wrap, no select or label is cut off, nothing scrolls
 *   sideways, and the sidebar shows only icons, each still named for assistive tech;
 * - at 1280×800 every screen is one centred column of the same width.
 *
 * Screenshots of each screen, scheme and size go to test-results/screenshots/ (git-ignored).
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MAIN_SCREENS, type HotkeyStatus } from '../../shared/desktop';
import type { DesktopShellPort } from '../../electron/main/desktop/desktop-shell-port';
import { scriptByRoute } from '../fakes/openai/server';
import { frokFixture } from './support/frok-fixture';
import { finishAnimations } from './support/screenshot';

const UI = { timeout: 15_000 };
const WIDE = { width: 1280, height: 800 };
const SMALL = { width: 800, height: 600 };
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

const frok = frokFixture();

const QUESTION = 'What light do I like in the evening, and what is 15% of 80?';
const ANSWER = 'You like **warm light** in the evening, and 15% of 80 is **12**.';
const FAILING = 'Please fail this one';

/** The manager asks memory and general, then answers; the question meant to fail gets a 400. */
function script() {
  return scriptByRoute([
    { name: 'fails', when: { userText: FAILING }, reply: { error: { status: 400, message: 'The model refused this request.', type: 'invalid_request_error' } } },
    {
      name: 'manager delegates',
      when: { offersTool: 'memory_specialist', hasToolOutputs: false },
      reply: {
        toolCalls: [
          { name: 'memory_specialist', arguments: { input: 'What light does the person like in the evening?' } },
          { name: 'general_specialist', arguments: { input: 'What is 15% of 80?' } },
        ],
        usage: { inputTokens: 100, outputTokens: 20 },
      },
    },
    { name: 'memory', when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: 'They like warm light in the evening.', usage: { inputTokens: 50, outputTokens: 10 } } },
    { name: 'general', when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: '15% of 80 is 12.', usage: { inputTokens: 40, outputTokens: 8 } } },
    { name: 'manager answers', when: { hasToolOutputFrom: ['memory_specialist', 'general_specialist'] }, reply: { text: ANSWER, usage: { inputTokens: 200, outputTokens: 30 } } },
  ]);
}

/** Both hotkeys registered, so Settings shows its "Registered" status. */
const HOTKEYS: HotkeyStatus[] = [
  { action: 'voice', accelerator: 'CommandOrControl+Shift+Space', registered: true, reason: null },
  { action: 'quickAsk', accelerator: 'CommandOrControl+Shift+K', registered: true, reason: null },
];
const shell: DesktopShellPort = { hotkeyStatus: () => HOTKEYS, windowReady: () => {}, closeWindow: () => {}, openMain: () => {} };

/** FROK with a key, one answered and one failed question, and three memories. */
async function startWithContent(): Promise<Page> {
  const { page, harness } = await frok.start({
    openai: { script: script() },
    overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 }, desktop: { shell } },
  });
  await page.getByTestId('screen-conversation').waitFor(UI);
  for (const question of [QUESTION, FAILING]) {
    await page.getByTestId('ask-input').fill(question);
    await page.getByTestId('ask-input').press('Enter');
    await expect.poll(() => page.getByTestId('ask-input').isEnabled(), UI).toBe(true);
    await expect.poll(() => page.locator('.bubble.answer:not(.streaming)').count(), UI).toBeGreaterThanOrEqual(question === QUESTION ? 1 : 2);
  }
  const kept = (await harness.services.history.list()).items[0];
  const origin = kept ? { conversationId: kept.id, savedBy: 'memory' as const, voiceSessionId: null } : null;
  harness.services.memory.remember({ fact: 'Likes warm light in the evening', tags: ['home', 'lighting'], source: 'agent', origin });
  harness.services.memory.remember({ fact: 'Drinks coffee black, no sugar', tags: ['drinks'], source: 'user', origin });
  return page;
}

/** Shows a screen with every disclosure open, so what hides inside one (Voice options…) is checked too. */
async function showScreen(page: Page, screen: string, options: { expand?: boolean } = {}): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click();
  await page.getByTestId(`screen-${screen}`).waitFor(UI);
  await settle(page);
  if (options.expand === false) return;
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    // Disclosure buttons (the composer's "Advanced"), not menus.
    for (const toggle of document.querySelectorAll<HTMLButtonElement>('main button[aria-expanded="false"][aria-controls]:not([aria-haspopup])')) toggle.click();
  });
  await settle(page);
}

/** Lets fades and loading finish: the finite animations end, and nothing says it is loading. */
async function settle(page: Page): Promise<void> {
  await finishAnimations(page);
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), UI).toBe(0);
}

async function shoot(page: Page, name: string, scheme: Scheme, size: { width: number; height: number }): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}-${scheme}-${size.width}x${size.height}.png`) });
}

/** axe with the WCAG 2.1 A/AA rules; each problem as one line a person can act on. */
async function axeProblems(page: Page, where: string): Promise<string[]> {
  const { violations, passes, incomplete } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  // A scan that checked nothing would pass too: contrast and names must have been looked at.
  const checked = new Set([...passes, ...violations, ...incomplete].map((r) => r.id));
  for (const rule of ['color-contrast', 'document-title', 'html-has-lang']) if (!checked.has(rule)) throw new Error(`${where}: axe did not check ${rule}`);
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${where}: ${v.id} (${v.impact ?? 'n/a'}) at ${n.target.join(' ')} — ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`),
  );
}

/** Runs axe on the page as it is now, in light and dark, with a screenshot of each. */
async function scan(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await settle(page);
    problems.push(...(await axeProblems(page, `${name} (${scheme})`)));
    await shoot(page, name, scheme, page.viewportSize() ?? WIDE);
  }
  await page.emulateMedia({ colorScheme: null });
  return problems;
}

/**
 * Buttons whose words are the person's own content rather than a label (a conversation's
 * title in History): those wrap, so the whole title shows, instead of being cut off.
 */
const CONTENT_BUTTONS = ['history-item-open'];

/**
 * What a narrow window must not do: button words on two lines ("Ret/ry"), a select or label
 * cut off ("WebRTC (recommenc"), or anything wider than the window.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((contentButtons) => {
    const problems: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) && el.getBoundingClientRect().width > 1;

    // Each text in a button on one line: a wrapped text node has rects on two lines.
    for (const button of document.querySelectorAll('button')) {
      if (!shown(button) || contentButtons.includes(button.getAttribute('data-testid') ?? '')) continue;
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1).map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push(`button text wraps onto ${lines.size} lines: ${name(button)}`);
      }
    }

    // A select shows its whole choice: the chosen option's text fits beside the arrow.
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const select of document.querySelectorAll('select')) {
      if (!shown(select)) continue;
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.textContent ?? '';
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
      if (canvas.measureText(text).width > room + 0.5) problems.push(`select cuts off “${text}”: ${name(select)}`);
    }

    // Labels, legends and headings are never clipped.
    for (const el of document.querySelectorAll('label, legend, h1, h2, h3, .chip, .status-badge')) {
      if (!shown(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') problems.push(`text cut off: ${name(el)}`);
    }

    // Nothing scrolls sideways: not the page, not the content area.
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    for (const area of document.querySelectorAll('main, .content, .transcript')) {
      if (area.scrollWidth > area.clientWidth + 1) problems.push(`${name(area).slice(0, 60)} scrolls sideways (${area.scrollWidth}px in ${area.clientWidth}px)`);
    }
    return problems;
  }, CONTENT_BUTTONS);
}

const failWith = (problems: string[]) => expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);

describe('accessibility and layout', () => {
  it('every main-window screen passes axe (WCAG 2.1 AA) in light and dark at 1280×800', async () => {
    const page = await startWithContent();
    const problems: string[] = [];
    for (const screen of MAIN_SCREENS) {
      await showScreen(page, screen);
      problems.push(...(await scan(page, screen)));
    }

    // The quick-ask window and the voice HUD, at their real sizes (popup-options.ts).
    const harness = frok.current()!.harness;
    const qa = await harness.app.context.newPage();
    frok.onTeardown(() => qa.close());
    await qa.setViewportSize({ width: 560, height: 420 });
    await qa.goto(`${harness.origin}/quick-ask.html`, { waitUntil: 'load' });
    await qa.getByTestId('quick-ask').waitFor(UI);
    problems.push(...(await scan(qa, 'quick-ask')));

    const hud = await harness.app.context.newPage();
    frok.onTeardown(() => hud.close());
    await hud.setViewportSize({ width: 380, height: 132 });
    await hud.goto(`${harness.origin}/hud.html`, { waitUntil: 'load' });
    await hud.getByTestId('hud-root').waitFor(UI);
    problems.push(...(await scan(hud, 'hud')));

    failWith(problems);
  }, 240_000);

  it('onboarding passes axe in light and dark, and fits an 800×600 window', async () => {
    const { page } = await frok.start({ noKey: true });
    await page.getByTestId('onboarding').waitFor(UI);
    const problems = await scan(page, 'onboarding');
    await page.setViewportSize(SMALL);
    await settle(page);
    problems.push(...(await layoutProblems(page)).map((p) => `onboarding 800×600: ${p}`));
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      await shoot(page, 'onboarding', scheme, SMALL);
    }
    failWith(problems);
  });

  it('at 800×600 the sidebar shows named icons, buttons keep to one line and nothing is cut off or scrolls sideways', async () => {
    const page = await startWithContent();
    await page.setViewportSize(SMALL);
    const nav = page.getByRole('navigation', { name: 'FROK' });
    const problems: string[] = [];
    for (const screen of MAIN_SCREENS) {
      await showScreen(page, screen);
      problems.push(...(await layoutProblems(page)).map((p) => `${screen} 800×600: ${p}`));
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await settle(page);
        await shoot(page, screen, scheme, SMALL);
      }
      await page.emulateMedia({ colorScheme: null });
    }
    failWith(problems);

    // Icons only, but each button keeps its name, and the current one says it is current.
    const items = nav.getByRole('button');
    expect(await items.count()).toBe(MAIN_SCREENS.length);
    for (const screen of MAIN_SCREENS) {
      const item = page.getByTestId(`nav-${screen}`);
      expect(await item.locator('svg').isVisible()).toBe(true);
      const label = item.getByTestId('nav-label');
      const box = await label.boundingBox();
      expect(box === null || (box.width <= 1 && box.height <= 1), `${screen}'s label is hidden beside its icon`).toBe(true);
      const accessibleName = (await label.textContent())!.trim();
      expect(accessibleName.length).toBeGreaterThan(0);
      await expect.poll(() => nav.getByRole('button', { name: accessibleName, exact: true }).count()).toBe(1);
    }
    const last = MAIN_SCREENS.at(-1)!;
    expect(await page.getByTestId(`nav-${last}`).getAttribute('aria-current')).toBe('page');
    expect(await nav.locator('[aria-current="page"]').count()).toBe(1);
    const navWidth = (await nav.boundingBox())!.width;
    expect(navWidth).toBeLessThan(100);

    // Wide again: the names are back beside the icons.
    await page.setViewportSize(WIDE);
    expect(await page.getByTestId(`nav-${MAIN_SCREENS[0]}`).getByTestId('nav-label').isVisible()).toBe(true);
    expect((await nav.boundingBox())!.width).toBeGreaterThan(150);
  }, 180_000);

  it('at 1280×800 every screen is one centred column of the same width', async () => {
    const page = await startWithContent();
    const columns: { screen: string; width: number; offCentre: number }[] = [];
    for (const screen of MAIN_SCREENS) {
      await showScreen(page, screen, { expand: false });
      columns.push(
        await page.evaluate((id) => {
          const main = document.querySelector('main')!;
          const box = main.getBoundingClientRect();
          const column = document.querySelector(`[data-testid="screen-${id}"]`)!.getBoundingClientRect();
          // The centre of main's client area (inside its border, beside the scroll bar's gutter).
          const centre = box.left + main.clientLeft + main.clientWidth / 2;
          return { screen: id, width: Math.round(column.width), offCentre: Math.round((column.left + column.width / 2 - centre) * 10) / 10 };
        }, screen),
      );
    }
    for (const c of columns) expect(Math.abs(c.offCentre), `${c.screen} is ${c.offCentre}px off centre`).toBeLessThanOrEqual(2);
    const widths = new Set(columns.map((c) => c.width));
    expect(widths.size, `column widths: ${columns.map((c) => `${c.screen} ${c.width}px`).join(', ')}`).toBe(1);
    // A column, not the whole area: there is room on both sides at this size.
    const mainWidth = await page.evaluate(() => document.querySelector('main')!.clientWidth);
    expect(columns[0]!.width).toBeLessThan(mainWidth - 40);
  });
});
