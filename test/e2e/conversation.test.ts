/**
 * Asking the specialist team from the Conversation screen, end to end: the real renderer
 * in Chromium, the real services and Agents SDK, a fake OpenAI streaming over SSE and a
 * fake Home Assistant behind MCP. What a person would notice: the answer streams in, who
 * helped and what it cost, the Activity timeline, the approval prompt before the front
 * door is unlocked, and an error that keeps the question.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 * Set FROK_SCREENSHOTS=/some/dir to keep screenshots of the screens, light and dark.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADLESS_SHELL } from '../../electron/main/desktop/desktop-shell-port';
import { importKeytar } from '../../electron/main/services/secrets/keytar-secret-store';
import { REFUSED_PORT } from '../support/refused-port';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server';
import { scriptByRoute, type FakeOpenAI, type ModelRequest } from '../fakes/openai/server';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { clearKeychain, readKeychain, uniqueKeychainService, type Harness } from '../harness';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };

const frok = frokFixture();
let openai: FakeOpenAI | null = null;
let harness: Harness | null = null;
let keychainService: string | null = null;

// After the fixture's own clean-up (hooks run in reverse order): the harness has stopped,
// and the test's keychain entries are gone.
afterEach(async () => {
  const service = keychainService;
  keychainService = null;
  if (!service) return;
  await clearKeychain(service);
  expect(await readKeychain(service)).toEqual([]);
});

/** FROK set up with a key (and Home Assistant when given), on the Conversation screen. */
async function open(options: { homeAssistant?: FakeHomeAssistant } = {}): Promise<Page> {
  const service = uniqueKeychainService();
  keychainService = service;
  const home = options.homeAssistant;
  if (home) frok.onTeardown(() => home.close());
  ({ openai, harness } = await frok.start({
    keychainService: service,
    // Errors should reach the window at once, not after the client's own retries.
    overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 } },
    async beforeLoad(services) {
      if (home) {
        await (await importKeytar()).setPassword(service, 'homeAssistantToken', home.token);
        services.settings.update({ homeAssistant: { url: home.url } });
        // As if "Test connection" had passed there: the token goes only where it was tested.
        services.secrets.confirmOrigin('homeAssistantToken', home.url);
      }
    },
  }));
  await harness.page.getByTestId('screen-conversation').waitFor(UI);
  return harness.page;
}

async function ask(page: Page, question: string): Promise<void> {
  await page.getByTestId('ask-input').fill(question);
  await page.getByTestId('ask-input').press('Enter');
}

async function texts(page: Page, testId: string): Promise<string[]> {
  return (await page.getByTestId(testId).allTextContents()).map((t) => t.trim());
}

const lastOutput = (request: ModelRequest, tool: string) => request.toolOutputs.filter((o) => o.name === tool).at(-1)?.output ?? '';

const FINAL_ANSWER = 'You like **warm light** in the evening, and 15% of 80 is **12**. Enjoy your evening!';

/** A manager that asks memory and general at once, then streams one answer slowly. */
function managerScript() {
  return scriptByRoute([
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
    { name: 'memory', when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: 'They like warm light in the evening.', delayMs: 300, usage: { inputTokens: 50, outputTokens: 10 } } },
    { name: 'general', when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: '15% of 80 is 12.', delayMs: 400, usage: { inputTokens: 40, outputTokens: 8 } } },
    {
      name: 'manager answers',
      when: { hasToolOutputFrom: ['memory_specialist', 'general_specialist'] },
      reply: { text: FINAL_ANSWER, chunkDelayMs: 120, usage: { inputTokens: 200, outputTokens: 30 } },
    },
  ]);
}

describe('asking the specialist team', () => {
  it('streams the answer, then shows who helped, how long it took, the tokens and the cost; Activity shows the run', async () => {
    const page = await open();
    await page.getByTestId('conversation-empty').waitFor(UI);
    await screenshot(page, 'conversation-empty');
    openai!.setScript(managerScript());
    // How FROK uses its team is under Advanced: "Ask several and combine" is the manager.
    await page.getByTestId('ask-advanced').click();
    await page.getByTestId('ask-pattern-manager').check();
    await ask(page, 'Warm or cool light tonight? And what is 15% of 80?');

    // The question leaves the box at once; the box stays usable while FROK answers.
    expect(await page.getByTestId('ask-input').inputValue()).toBe('');
    await page.getByTestId('ask-cancel').waitFor(UI);
    await page.getByTestId('ask-input').fill('next question, written meanwhile');
    await page.getByTestId('nav-activity-working').waitFor(UI);

    // Specialists show up as they start, then the answer streams in word by word.
    const streaming = page.getByTestId('answer-streaming');
    await streaming.getByTestId('streaming-specialist').nth(1).waitFor(UI);
    expect(await texts(page, 'streaming-specialist')).toEqual([expect.stringContaining('Memory specialist'), expect.stringContaining('General specialist')]);
    await streaming.getByText('You like', { exact: false }).waitFor(UI);
    const partial = (await streaming.textContent()) ?? '';
    expect(partial).toContain('You like');
    expect(partial).not.toContain('Enjoy your evening!');
    await screenshot(page, 'conversation-streaming');

    const answer = page.getByTestId('answer');
    await answer.waitFor(UI);
    expect(await answer.locator('.markdown').textContent()).toBe('You like warm light in the evening, and 15% of 80 is 12. Enjoy your evening!');
    expect(await answer.locator('strong').allTextContents()).toEqual(['warm light', '12']);
    expect(await texts(page, 'answer-specialist')).toEqual(['Memory', 'General']);
    expect(await page.getByTestId('answer-helpers').textContent()).toBe('With help from Memory and General');
    expect(await page.getByTestId('answer-duration').textContent()).toMatch(/^\d+(\.\d)? (ms|s)$/);
    // 100+50+40+200 tokens in, 20+10+8+30 out, at the shipped price of $0.20 / $1.20 per million (shared/prices.ts).
    expect(await page.getByTestId('answer-tokens').textContent()).toBe('458 tokens');
    expect(await page.getByTestId('answer-cost').textContent()).toBe('$0.0002');
    expect(await page.getByTestId('answer-streaming').count()).toBe(0);
    expect(await page.getByTestId('ask-input').inputValue()).toBe('next question, written meanwhile');
    await page.getByTestId('nav-activity-working').waitFor({ state: 'detached', ...UI });
    await screenshot(page, 'conversation-answer');

    // The Activity screen collected the run while it was closed.
    await page.getByTestId('nav-activity').click();
    const run = page.getByTestId('activity-run').first();
    await run.waitFor(UI);
    expect(await run.getByTestId('activity-run-query').textContent()).toBe('Warm or cool light tonight? And what is 15% of 80?');
    expect(await run.getByTestId('activity-run-pattern').textContent()).toBe('Ask several and combine');
    expect(await run.getByTestId('activity-run-status').textContent()).toBe('Done');
    const specialists = run.locator('[data-testid="activity-span"][data-kind="specialist"]');
    expect(await specialists.count()).toBe(2);
    expect(await specialists.evaluateAll((els) => els.map((e) => e.getAttribute('data-specialist')))).toEqual(['memory', 'general']);
    for (const duration of await specialists.getByTestId('activity-span-duration').allTextContents()) {
      expect(duration).toMatch(/^\d+(\.\d)? (ms|s)$/);
    }
    // Side by side: the two bars start at nearly the same place on the timeline.
    const lefts = await specialists.locator('.timeline-bar').evaluateAll((els) => els.map((e) => parseFloat((e as HTMLElement).style.left)));
    expect(Math.abs(lefts[0]! - lefts[1]!)).toBeLessThan(10);
    expect(await run.getByTestId('activity-run-usage').textContent()).toContain('458 tokens');
    await screenshot(page, 'activity');

    // Back in the conversation, nothing was lost, and the next question continues it.
    await page.getByTestId('nav-conversation').click();
    await page.getByTestId('answer').waitFor(UI);
    expect(await page.getByTestId('ask-input').inputValue()).toBe('next question, written meanwhile');
    openai!.setScript(() => ({ text: 'Noted.' }));
    await page.getByTestId('ask-send').click();
    await page.getByTestId('answer').nth(1).waitFor(UI);
    expect(JSON.stringify(openai!.modelRequests.at(-1)!.input)).toContain('Warm or cool light tonight?');

    // A new conversation starts from nothing.
    await page.getByTestId('conversation-new').click();
    await page.getByTestId('conversation-empty').waitFor(UI);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('ask-input');
    await ask(page, 'Fresh start');
    await page.getByTestId('answer').waitFor(UI);
    expect(JSON.stringify(openai!.modelRequests.at(-1)!.input)).not.toContain('Warm or cool light tonight?');
  });

  it('shows a failing model as an error, puts the question back, and Retry asks again', async () => {
    const page = await open();
    openai!.setScript(() => ({ error: { status: 500, message: 'The server had an error' } }));
    const question = 'What should I cook tonight?';
    await ask(page, question);

    const error = page.getByTestId('answer-error');
    await error.waitFor(UI);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(/server error \(500\)/);
    expect(await page.getByTestId('ask-input').inputValue()).toBe(question);
    await screenshot(page, 'conversation-error');

    openai!.setScript(() => ({ text: 'How about a **risotto**?' }));
    await page.getByTestId('answer-retry').click();
    await page.getByTestId('answer').waitFor(UI);
    expect(await page.getByTestId('answer').locator('.markdown').textContent()).toBe('How about a risotto?');
    expect(await page.getByTestId('answer-error').count()).toBe(0);
    expect(await page.getByTestId('ask-input').inputValue()).toBe('');
  });

  it('an answer that breaks off stays on screen marked as cut off, says why in one sentence, and the next question builds on it', async () => {
    const page = await open();
    openai!.setScript(() => ({ text: 'Risotto needs arborio rice, stock and patience, stirred often.', failMidStream: { kind: 'incomplete', reason: 'max_output_tokens', afterDeltas: 4 } }));
    await ask(page, 'How do I make risotto?');

    const error = page.getByTestId('answer-error');
    await error.waitFor(UI);
    expect(await error.getByTestId('answer-cut-off').locator('.markdown').textContent()).toBe('Risotto needs arborio rice,');
    expect(await error.getByTestId('answer-cut-off').textContent()).toContain('The answer stopped here.');
    expect(await error.locator('.answer-error-message').textContent()).toBe('The answer reached its length limit and stopped. Ask for a shorter answer, or split the question into parts.');
    expect(await page.getByTestId('ask-input').inputValue()).toBe('How do I make risotto?');
    await screenshot(page, 'conversation-cut-off');

    // The next question continues the same conversation: the model is given the cut-off answer.
    openai!.setScript(() => ({ text: 'Use arborio or carnaroli.' }));
    await ask(page, 'Which rice again?');
    await page.getByTestId('answer').waitFor(UI);
    expect(JSON.stringify(openai!.modelRequests.at(-1)!.input)).toContain('Risotto needs arborio rice,');
  });

  it('stops a run on Stop and keeps the question', async () => {
    const page = await open();
    openai!.setScript(() => ({ text: 'Too late.', delayMs: 5_000 }));
    await ask(page, 'Tell me a long story');
    await page.getByTestId('answer-streaming').waitFor(UI);
    await page.getByTestId('ask-cancel').click();
    await page.getByTestId('answer-cancelled').waitFor(UI);
    expect(await page.getByTestId('ask-input').inputValue()).toBe('Tell me a long story');
    await page.getByTestId('ask-send').waitFor(UI);
  });
});

/** The orchestrator asks the home specialist, which calls HassTurnOff on the Front Door. */
function unlockScript() {
  return scriptByRoute([
    {
      name: 'orchestrator delegates',
      when: { offersTool: 'home_specialist', hasToolOutputs: false },
      reply: { toolCalls: [{ name: 'home_specialist', arguments: { input: 'Unlock the front door.' } }], delayMs: 600 },
    },
    { name: 'home acts', when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'HassTurnOff', arguments: { name: 'Front Door' } }] } },
    {
      name: 'home reports',
      when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputFrom: 'HassTurnOff' },
      reply: (r) => ({ text: /action_done/.test(lastOutput(r, 'HassTurnOff')) ? 'The Front Door is unlocked.' : 'I did not unlock the Front Door.' }),
    },
    { name: 'orchestrator answers', when: { hasToolOutputFrom: 'home_specialist' }, reply: (r) => ({ text: lastOutput(r, 'home_specialist') }) },
  ]);
}

describe('the composer', () => {
  it('by default shows only the question box and Send; Advanced holds how FROK uses its team and who may help, in words on screen', async () => {
    const page = await open();
    const toggle = page.getByTestId('ask-advanced');
    const panel = page.getByTestId('ask-advanced-panel');
    await page.getByTestId('ask-send').waitFor(UI);
    expect(await panel.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // The choice is named even while the panel is closed. Home Assistant is not set up: four of five can help.
    await expect.poll(() => page.getByTestId('ask-advanced-summary').textContent(), UI).toBe('Let FROK decide · 4 of 5 specialists');

    // From the keyboard: the disclosure opens on Enter and says so.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await panel.waitFor({ state: 'visible', ...UI });
    const how = page.getByRole('group', { name: 'How FROK uses its team' });
    expect(await how.getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.querySelector('.composer-choice-label')?.textContent))).toEqual([
      'Let FROK decide',
      'Ask several and combine',
      'Pass to one expert',
    ]);
    expect(await page.getByRole('radio', { name: 'Let FROK decide' }).isChecked()).toBe(true);
    // Each explanation is visible text, not a tooltip.
    expect(await how.getByText('FROK hands your question to the one specialist best placed to answer it, who replies directly.').isVisible()).toBe(true);
    expect(await page.locator('.composer [title]').count()).toBe(0);

    // Who may help: a switch each, described; the home specialist says why it can't, and reads as off.
    const home = page.getByRole('switch', { name: 'Home' });
    expect(await home.isDisabled()).toBe(true);
    expect(await home.isChecked()).toBe(false);
    expect(await page.getByTestId('ask-specialist-home-reason').textContent()).toMatch(/^Not available: .+/);
    expect(await page.getByTestId('ask-specialist-home-reason').isVisible()).toBe(true);
    expect(await page.getByRole('switch', { name: 'Research' }).isChecked()).toBe(true);
    expect(await page.getByText('Looks things up on the web and says where facts came from.').isVisible()).toBe(true);
    await screenshot(page, 'composer-advanced', { part: page.locator('.composer') });

    // "Pass to one expert" without research: the team is offered as handoffs, research not among them.
    await page.getByRole('radio', { name: 'Pass to one expert' }).check();
    await page.getByRole('switch', { name: 'Research' }).uncheck();
    expect(await page.getByTestId('ask-advanced-summary').textContent()).toBe('Pass to one expert · 3 of 5 specialists');
    openai!.setScript(() => ({ text: 'Hello!' }));
    await ask(page, 'Hi FROK');
    await page.getByTestId('answer').waitFor(UI);
    const offered = openai!.modelRequests.at(-1)!.tools.map((t) => t.name);
    expect(offered).toContain('transfer_to_memory_specialist');
    expect(offered).not.toContain('memory_specialist');
    expect(offered).not.toContain('transfer_to_research_specialist');

    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.isVisible()).toBe(false);
  });
});

describe('errors that lead somewhere', () => {
  it('a key with no credit: says the account has no credit and links to OpenAI billing, which opens in the browser', async () => {
    const opened: string[] = [];
    keychainService = uniqueKeychainService();
    ({ openai, harness } = await frok.start({
      keychainService,
      // The client's own retries on, as in the app: no credit must not wait through them.
      overrides: { modelClient: { maxRetries: 2, timeoutMs: 20_000 }, desktop: { shell: { ...HEADLESS_SHELL, openExternal: async (url) => void opened.push(url) } } },
    }));
    const page = harness.page;
    await page.getByTestId('screen-conversation').waitFor(UI);
    openai.setCredit(false);
    await ask(page, 'Hello?');

    const error = page.getByTestId('answer-error');
    await error.waitFor(UI);
    const message = (await error.locator('.answer-error-message').textContent()) ?? '';
    expect(message).toMatch(/^Your OpenAI account has no credit left/);
    expect(message).not.toMatch(/rate limit|try again in \d/i);
    expect(openai.requests.filter((r) => r.path === '/v1/responses')).toHaveLength(1);
    const billing = error.getByTestId('answer-error-help');
    expect(await billing.textContent()).toContain('Open OpenAI Billing');
    expect(await billing.getAttribute('href')).toBe('https://platform.openai.com/settings/organization/billing');
    await screenshot(page, 'conversation-no-credit');
    const before = page.url();
    await billing.click();
    await expect.poll(() => opened, UI).toEqual(['https://platform.openai.com/settings/organization/billing']);
    expect(page.url()).toBe(before);

    // Activity says the same, with the same way forward.
    await page.getByTestId('nav-activity').click();
    const run = page.getByTestId('activity-run').first();
    await run.waitFor(UI);
    expect(await run.getByTestId('activity-run-error').textContent()).toContain('no credit left');
    expect(await run.getByTestId('activity-run-error-help').getAttribute('href')).toBe('https://platform.openai.com/settings/organization/billing');
  });

  it("can't reach the server: says so and leads to Settings → Provider, where the base URL is", async () => {
    const page = await open();
    harness!.services.settings.update({ provider: { kind: 'openai-compatible', baseUrl: `http://127.0.0.1:${REFUSED_PORT}/v1` } });
    await ask(page, 'Anyone there?');
    const error = page.getByTestId('answer-error');
    await error.waitFor(UI);
    expect(await error.locator('.answer-error-message').textContent()).toMatch(/^Couldn't reach 127\.0\.0\.1.*Settings → Provider/);
    await error.getByTestId('answer-error-help').click();
    await page.getByTestId('screen-settings').waitFor(UI);
    const provider = page.getByTestId('settings-provider');
    // Focus lands in the provider section, so a screen reader says where the person is.
    await expect.poll(() => provider.evaluate((section) => section.contains(document.activeElement)), UI).toBe(true);
  });
});

describe('approving a sensitive action', () => {
  let ha: FakeHomeAssistant | null = null;
  const frontDoor = () => ha!.devices.get('lock.front_door')?.state;

  it('asks before unlocking the front door, and unlocks once approved', async () => {
    ha = await startFakeHomeAssistant();
    const page = await open({ homeAssistant: ha });
    openai!.setScript(unlockScript());
    await ask(page, 'Unlock the front door please');

    const prompt = page.getByTestId('approval-prompt');
    await prompt.waitFor(UI);
    expect(await prompt.getAttribute('role')).toBe('alertdialog');
    expect(await page.getByTestId('approval-action').textContent()).toBe('Unlock Front Door (Hallway)?');
    expect(await prompt.textContent()).toContain('Asked by Home specialist');
    expect(await prompt.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    expect(frontDoor()).toBe('locked');
    await screenshot(page, 'approval');

    await page.getByTestId('approval-approve').click();
    await prompt.waitFor({ state: 'detached', ...UI });
    await page.getByTestId('answer').waitFor(UI);
    expect(await page.getByTestId('answer').locator('.markdown').textContent()).toBe('The Front Door is unlocked.');
    expect(frontDoor()).toBe('unlocked');
    expect(await texts(page, 'answer-specialist')).toEqual(['Home']);
  });

  it('leaves the door locked when denied, even from another screen', async () => {
    ha = await startFakeHomeAssistant();
    const page = await open({ homeAssistant: ha });
    openai!.setScript(unlockScript());
    await ask(page, 'Unlock the front door please');
    // The prompt comes to the person wherever they are.
    await page.getByTestId('nav-activity').click();

    const prompt = page.getByTestId('approval-prompt');
    await prompt.waitFor(UI);
    await page.getByTestId('activity-approval').waitFor(UI);
    await page.getByTestId('approval-deny').click();
    await prompt.waitFor({ state: 'detached', ...UI });
    // The timeline shows the home specialist's own tool call nested under it, and the decision.
    const run = page.getByTestId('activity-run').first();
    await run.getByTestId('activity-run-status').getByText('Done').waitFor(UI);
    expect(await run.getByTestId('activity-approval').locator('.timeline-name').textContent()).toBe('Denied: Unlock Front Door (Hallway)?');
    expect(await run.locator('[data-kind="tool"] .timeline-name').first().textContent()).toBe('HassTurnOff · Front Door');
    await screenshot(page, 'activity-approval');

    await page.getByTestId('nav-conversation').click();
    await page.getByTestId('answer').waitFor(UI);
    expect(await page.getByTestId('answer').locator('.markdown').textContent()).toBe('I did not unlock the Front Door.');
    expect(frontDoor()).toBe('locked');
    expect(ha.calls.filter((c) => c.tool === 'HassTurnOff')).toEqual([]);
  });
});

describe('the team\'s settings', () => {
  it('turns specialists off, sets the default pattern and limits, and edits prices, which the next ask uses', async () => {
    const page = await open();
    const settings = () => harness!.services.settings.get();
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('settings-specialists');
    await section.getByTestId('settings-specialist-home').waitFor(UI);
    // Home Assistant is not set up here: the toggle says why the home specialist cannot act.
    expect(await section.getByTestId('settings-specialist-home-unavailable').textContent()).toMatch(/Unavailable now: .+/);

    await section.getByTestId('settings-specialist-research').uncheck();
    await expect.poll(() => settings().agents.enabledSpecialists, UI).toEqual(['home', 'memory', 'code', 'general']);
    await section.getByTestId('settings-pattern-manager').check();
    await expect.poll(() => settings().agents.defaultPattern, UI).toBe('manager');

    // Typed limits save when the field is left; a mistake stays as typed, with the reason beside it.
    await section.getByTestId('settings-max-turns').fill('0');
    await section.getByTestId('settings-max-turns').press('Tab');
    await section.getByText('Enter a number from 1 to 50.').waitFor(UI);
    expect(await section.getByTestId('settings-max-turns').getAttribute('aria-invalid')).toBe('true');
    expect(await section.getByTestId('settings-max-turns').inputValue()).toBe('0');
    await section.getByTestId('settings-max-turns').fill('12');
    await section.getByTestId('settings-max-turns').press('Tab');
    await section.getByTestId('settings-max-turns-status').getByText('Saved').waitFor(UI);
    expect(settings().agents.maxTurns).toBe(12);
    await screenshot(page, 'settings-specialists', { part: section });

    // Prices: remove the text model's price (saved at once), add another with a mistake, fix it (saved when the row is left).
    const pricing = page.getByTestId('settings-pricing');
    const rows = pricing.getByTestId('pricing-row');
    const shipped = Object.keys(DEFAULT_SETTINGS.pricing);
    expect(await rows.getByTestId('pricing-model').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(shipped);
    await rows.nth(0).getByTestId('pricing-remove').click();
    await expect.poll(() => Object.keys(settings().pricing), UI).toEqual(shipped.slice(1));
    await pricing.getByTestId('pricing-add').click();
    const added = rows.nth(shipped.length - 1);
    await added.getByTestId('pricing-model').fill('gpt-test-mini');
    await added.getByTestId('pricing-input').fill('two dollars');
    await added.getByTestId('pricing-output').fill('8');
    await added.getByTestId('pricing-output').press('Enter');
    expect(await pricing.getByTestId('pricing-row-error').textContent()).toContain('Enter a price in dollars');
    expect(await added.getByTestId('pricing-input').inputValue()).toBe('two dollars');
    expect(await pricing.getByTestId('settings-pricing-status-error').getAttribute('role')).toBe('alert');
    expect(Object.keys(settings().pricing)).not.toContain('gpt-test-mini');
    await screenshot(page, 'settings-pricing-error', { part: pricing });

    await added.getByTestId('pricing-input').fill('2');
    await added.getByTestId('pricing-input').press('Enter');
    await pricing.getByTestId('settings-pricing-status').getByText('Saved').waitFor(UI);
    expect(settings().pricing).toEqual({
      ...Object.fromEntries(shipped.slice(1).map((m) => [m, DEFAULT_SETTINGS.pricing[m]])),
      'gpt-test-mini': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
    });
    await pricing.getByTestId('pricing-missing-text-model').waitFor(UI);

    // The next question asks the manager, without research, and its cost is unknown.
    openai!.setScript(() => ({ text: 'Hello!' }));
    await page.getByTestId('nav-conversation').click();
    await page.getByTestId('ask-advanced').click();
    expect(await page.getByTestId('ask-pattern-manager').isChecked()).toBe(true);
    expect(await page.getByTestId('ask-specialist-research').isChecked()).toBe(false);
    await ask(page, 'Hi FROK');
    await page.getByTestId('answer').waitFor(UI);
    expect(await page.getByTestId('answer-cost').textContent()).toBe('price unknown');
    expect(await page.getByTestId('answer-cost-hint').textContent()).toContain('Settings → Pricing');
    const offered = openai!.modelRequests.at(-1)!.tools.map((t) => t.name);
    expect(offered).toContain('memory_specialist');
    expect(offered).not.toContain('research_specialist');
    expect(offered).not.toContain('transfer_to_memory_specialist');
  });
});
