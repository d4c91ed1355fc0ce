/**
 * How a finished answer looks and behaves, end to end in Chromium: the real renderer, the
 * real services and Agents SDK, a fake OpenAI. The answer's Markdown becomes a table, a
 * highlighted code block with its own Copy button and a link that opens in the system's
 * browser (through main's shell:openExternal, never by navigating FROK's page); the
 * footer names who helped in plain words and marks a specialist that failed, with why;
 * hostile HTML in the answer stays text and runs nothing.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HEADLESS_SHELL } from '../../electron/main/desktop/desktop-shell-port';
import { scriptByRoute } from '../fakes/openai/server';
import { clearKeychain, readKeychain, uniqueKeychainService } from '../harness';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };

const frok = frokFixture();
let keychainService: string | null = null;

afterEach(async () => {
  const service = keychainService;
  keychainService = null;
  if (!service) return;
  await clearKeychain(service);
  expect(await readKeychain(service)).toEqual([]);
});

/** Wraps the page's clipboard writes so the test can read what was copied (the real write still happens). */
const RECORD_CLIPBOARD = `(() => {
  const clip = navigator.clipboard;
  const write = clip.writeText.bind(clip);
  window.__frokCopied = [];
  clip.writeText = (text) => { window.__frokCopied.push(text); return write(text); };
})();`;

const CODE = 'def greet(name):\n    return f"Hello, {name}"';

const ANSWER = [
  'Here is what I found.',
  '',
  '| Room | Temp |',
  '|:--|--:|',
  '| Kitchen | 21 °C |',
  '| Hall | 19 °C |',
  '',
  '```python',
  CODE,
  '```',
  '',
  'Read [the docs](https://example.com/docs?topic=greet) for more.',
  '',
  '<img src=x onerror="window.__pwned = 1"> <script>window.__pwned = 2</script> [sneaky](javascript:window.__pwned=3) ![pixel](https://tracker.example/p.png)',
].join('\n');

/** The manager asks General and Research at once; Research's model fails; the answer streams in. */
function script() {
  return scriptByRoute([
    {
      name: 'manager delegates',
      when: { offersTool: 'general_specialist', hasToolOutputs: false },
      reply: {
        toolCalls: [
          { name: 'general_specialist', arguments: { input: 'Which rooms are warm?' } },
          { name: 'research_specialist', arguments: { input: 'How do I greet in Python?' } },
        ],
      },
    },
    { name: 'general', when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: 'Kitchen 21, hall 19.' } },
    { name: 'research fails', when: { instructionsStartWith: 'You are the Research specialist' }, reply: { error: { status: 500, message: 'The server had an error' } } },
    { name: 'manager answers', when: { hasToolOutputFrom: ['general_specialist', 'research_specialist'] }, reply: { text: ANSWER, chunkDelayMs: 20 } },
  ]);
}

describe('a finished answer', () => {
  it('draws a table, highlighted code with a Copy button and a link that opens in the browser; the footer says who helped and who failed', async () => {
    const opened: string[] = [];
    keychainService = uniqueKeychainService();
    const { openai, harness, page } = await frok.start({
      keychainService,
      initScripts: [RECORD_CLIPBOARD],
      overrides: {
        modelClient: { maxRetries: 0, timeoutMs: 20_000 },
        desktop: {
          shell: {
            ...HEADLESS_SHELL,
            openExternal: async (url) => {
              opened.push(url);
            },
          },
        },
      },
    });
    await harness.app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    await page.getByTestId('screen-conversation').waitFor(UI);
    openai.setScript(script());
    // How FROK uses its team is under Advanced: "Ask several and combine" is the manager.
    await page.getByTestId('ask-advanced').click();
    await page.getByTestId('ask-pattern-manager').check();
    await page.getByTestId('ask-input').fill('Which rooms are warm, and how do I greet in Python?');
    await page.getByTestId('ask-input').press('Enter');

    const answer = page.getByTestId('answer');
    await answer.waitFor(UI);

    // The table, cell by cell.
    const table = answer.locator('table');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Room', 'Temp']);
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)))).toEqual([
      ['Kitchen', '21 °C'],
      ['Hall', '19 °C'],
    ]);
    // Right-aligned by a class: the CSP allows no inline styles, and nothing in the answer was refused for one.
    expect(await table.locator('tbody td').nth(1).evaluate((td) => getComputedStyle(td).textAlign)).toBe('right');

    // The code block: coloured, exact, with its own Copy button that copies just the code.
    const code = answer.getByTestId('markdown-code');
    expect(await code.locator('pre code').textContent()).toBe(`${CODE}\n`);
    expect(await code.locator('.hljs-keyword').first().textContent()).toBe('def');
    await code.getByRole('button', { name: 'Copy code' }).click();
    await code.getByRole('button', { name: 'Code copied' }).waitFor(UI);
    expect(await code.getByRole('status').textContent()).toBe('Copied to the clipboard.');
    expect(await page.evaluate(() => (window as unknown as { __frokCopied: string[] }).__frokCopied)).toEqual([CODE]);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODE);

    // The whole answer's Copy button copies the Markdown as written.
    await page.getByTestId('answer-copy').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __frokCopied: string[] }).__frokCopied.length), UI).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { __frokCopied: string[] }).__frokCopied[1])).toBe(ANSWER);

    // The link goes to main's openExternal; FROK's page stays where it is, and no window opens.
    const before = page.url();
    const pages = harness.app.context.pages().length;
    const link = answer.getByRole('link', { name: 'the docs' });
    expect(await link.getAttribute('href')).toBe('https://example.com/docs?topic=greet');
    await link.click();
    await expect.poll(() => opened, UI).toEqual(['https://example.com/docs?topic=greet']);
    expect(page.url()).toBe(before);
    expect(harness.app.context.pages().length).toBe(pages);
    await page.getByTestId('screen-conversation').waitFor(UI);

    // Hostile HTML is text; the javascript: link is words, not a link; the image is not loaded.
    expect(await answer.textContent()).toContain('<script>window.__pwned = 2</script>');
    expect(await answer.locator('script, img, iframe').count()).toBe(0);
    expect(await answer.getByRole('link', { name: 'sneaky' }).count()).toBe(0);
    await answer.getByText('sneaky', { exact: true }).click();
    expect(await answer.getByTestId('markdown-image').textContent()).toBe('Image: pixel');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(opened).toEqual(['https://example.com/docs?topic=greet']);
    expect(page.url()).toBe(before);

    // The footer: who helped in people's words, and who could not, with why.
    expect(await page.getByTestId('answer-helpers').textContent()).toBe('With help from General');
    expect(await answer.textContent()).not.toContain('orchestrator');
    const failed = page.getByTestId('answer-specialist-failed');
    expect(await failed.count()).toBe(1);
    expect(await failed.getAttribute('data-specialist')).toBe('research');
    expect(await failed.textContent()).toMatch(/^!Research couldn't help: .*server error \(500\)/);
    if (process.env.FROK_SCREENSHOTS) {
      // Tall enough for the whole answer above the composer.
      await page.setViewportSize({ width: 1280, height: 1900 });
      await screenshot(page, 'answer-rich', { part: answer });
    }
  });

  it('says so when main refuses a link, without leaving the page', async () => {
    keychainService = uniqueKeychainService();
    const opened: string[] = [];
    const { openai, page } = await frok.start({
      keychainService,
      overrides: { desktop: { shell: { ...HEADLESS_SHELL, openExternal: async (url) => void opened.push(url) } } },
    });
    await page.getByTestId('screen-conversation').waitFor(UI);
    openai.setScript(() => ({ text: 'Mail [us](mailto:help@example.com).' }));
    await page.getByTestId('ask-input').fill('How do I reach you?');
    await page.getByTestId('ask-input').press('Enter');
    const answer = page.getByTestId('answer');
    await answer.waitFor(UI);
    expect(await page.getByTestId('answer-helpers').textContent()).toBe('FROK answered on its own');

    await answer.getByRole('link', { name: 'us' }).click();
    await expect.poll(() => opened, UI).toEqual(['mailto:help@example.com']);

    // A page that asks main directly for something other than a web or mail link is refused, typed.
    const refused = await page.evaluate(() => window.frok.invoke('shell:openExternal', { url: 'file:///etc/passwd' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'link_refused' } });
    expect(opened).toEqual(['mailto:help@example.com']);
  });
});
