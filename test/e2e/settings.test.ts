/**
 * Settings end to end, in the real renderer against the real services: recording a global
 * shortcut (and refusing a bare key or a clash), the computer's audio devices with a live
 * microphone level (Chromium's fake devices), and setting up Home Assistant against the
 * fake — a good token, a wrong one, an address nobody answers — until the home specialist
 * is available.
 *
 * Hotkey registration happens in Electron's main process, which the harness does not run:
 * a stand-in desktop shell reports registration from the saved settings the way
 * hotkey-manager.ts does (quick ask "taken by another app") and sends `hotkeys:changed`.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 * Set FROK_SCREENSHOTS=/some/dir to keep screenshots, light and dark.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HotkeyStatus } from '../../shared/desktop';
import { HEADLESS_SHELL } from '../../electron/main/desktop/desktop-shell-port';
import type { Services } from '../../electron/main/compose';
import { startFakeHomeAssistant } from '../fakes/home-assistant/server';
import { DEFAULT_VALID_KEY, type FakeOpenAI } from '../fakes/openai/server';
import type { Harness } from '../harness';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';
import { REFUSED_PORT } from '../support/refused-port';

const UI = { timeout: 15_000 };
const TAKEN = 'Another app already uses this shortcut. Choose a different one in Settings → Hotkeys.';

const frok = frokFixture();
let openai: FakeOpenAI | null = null;
let harness: Harness | null = null;

/** What main's hotkey manager would report: voice registered, quick ask taken by another app. */
function statusesFor(services: Services): HotkeyStatus[] {
  const { voice, quickAsk, paused } = services.settings.get().hotkeys;
  const reason = paused ? 'Paused' : null;
  return [
    { action: 'voice', accelerator: voice, registered: !paused, reason },
    { action: 'quickAsk', accelerator: quickAsk, registered: false, reason: reason ?? TAKEN },
  ];
}

/** FROK set up with a key, on the Settings screen. */
async function openSettings(options: { chromiumArgs?: string[] } = {}): Promise<Page> {
  let services: Services | null = null;
  ({ openai, harness } = await frok.start({
    ...(options.chromiumArgs ? { chromiumArgs: options.chromiumArgs } : {}),
    overrides: { desktop: { shell: { ...HEADLESS_SHELL, hotkeyStatus: () => (services ? statusesFor(services) : []) } } },
    beforeLoad(s) {
      services = s;
      // As main does: settings change → hotkeys re-applied → hotkeys:changed.
      s.settings.onChange(() => s.events.emit('hotkeys:changed', statusesFor(s)));
    },
  }));
  const page = harness.page;
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('screen-settings').waitFor(UI);
  return page;
}

describe('Settings → Hotkeys', () => {
  it('records a shortcut from the keyboard and saves it; a bare key or a clash is refused with a reason', async () => {
    const page = await openSettings();
    const section = page.getByTestId('settings-hotkeys');
    await section.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('settings-hotkey-current-voice').textContent()).toBe('Ctrl+Shift+Space');
    expect(await page.getByTestId('settings-hotkey-status-voice').textContent()).toBe('Registered');
    expect(await page.getByTestId('settings-hotkey-status-quickAsk').textContent()).toBe(`Not registered: ${TAKEN}`);

    // Record, then press Ctrl+Alt+V: saved in Electron's spelling, shown the way the keyboard reads.
    await page.getByTestId('settings-hotkey-record-voice').click();
    expect(await page.getByTestId('settings-hotkey-record-voice').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+Alt+KeyV');
    await expect.poll(() => harness!.services.settings.get().hotkeys.voice, UI).toBe('CommandOrControl+Alt+V');
    await expect.poll(() => page.getByTestId('settings-hotkey-current-voice').textContent(), UI).toBe('Ctrl+Alt+V');
    expect(await page.getByTestId('settings-hotkey-message-voice').textContent()).toBe('Saved: Ctrl+Alt+V.');
    expect(await page.getByTestId('settings-hotkey-record-voice').getAttribute('aria-pressed')).toBe('false');
    // Main re-registered it and said so.
    expect(await page.getByTestId('settings-hotkey-status-voice').textContent()).toBe('Registered');
    const viaIpc = await (await harness!.connect()).invoke('settings:get');
    expect(viaIpc).toMatchObject({ ok: true, data: { hotkeys: { voice: 'CommandOrControl+Alt+V', quickAsk: 'CommandOrControl+Shift+K' } } });

    // A bare key would fire in every app: refused, nothing saved, still listening.
    await page.getByTestId('settings-hotkey-record-quickAsk').click();
    await page.keyboard.press('KeyK');
    const message = page.getByTestId('settings-hotkey-message-quickAsk');
    await message.waitFor(UI);
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.textContent()).toMatch(/needs a modifier such as Ctrl, Alt or Cmd .*Nothing was saved/);
    expect(await page.getByTestId('settings-hotkey-record-quickAsk').getAttribute('aria-pressed')).toBe('true');

    // The voice shortcut's keys: refused as a clash.
    await page.keyboard.press('Control+Alt+KeyV');
    await expect.poll(() => message.textContent(), UI).toMatch(/Ctrl\+Alt\+V is already the voice shortcut; choose a different one for quick-ask\./);
    await screenshot(page, 'settings-hotkeys-refused', { part: section });

    // Esc stops listening and keeps what was there.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('settings-hotkey-record-quickAsk').getAttribute('aria-pressed')).toBe('false');
    expect(harness!.services.settings.get().hotkeys.quickAsk).toBe('CommandOrControl+Shift+K');
    expect(await page.getByTestId('settings-hotkey-current-quickAsk').textContent()).toBe('Ctrl+Shift+K');

    // Pause: saved, and the status says so.
    await page.getByTestId('settings-hotkeys-paused').check();
    await expect.poll(() => harness!.services.settings.get().hotkeys.paused, UI).toBe(true);
    await expect.poll(() => page.getByTestId('settings-hotkey-status-voice').textContent(), UI).toBe('Paused');
    await screenshot(page, 'settings-hotkeys', { part: section });
  });
});

describe('Settings → Voice', () => {
  it("lists the computer's microphones and speakers, and the level meter moves on the chosen one", async () => {
    const page = await openSettings({ chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
    const section = page.getByTestId('settings-voice');
    await section.scrollIntoViewIfNeeded();
    const meter = page.getByTestId('settings-input-level');
    expect(await meter.getAttribute('role')).toBe('meter');
    expect(await meter.getAttribute('aria-valuenow')).toBe('0');

    // Testing the microphone asks for it, which is also what makes the names show.
    await page.getByTestId('settings-input-test').click();
    const inputs = page.getByTestId('settings-input-device').locator('option');
    await expect.poll(async () => (await inputs.allTextContents()).some((t) => /^Fake Audio Input \d$/.test(t)), UI).toBe(true);
    expect((await inputs.allTextContents())[0]).toBe('System default');
    await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow')), UI).toBeGreaterThan(0);

    // Choosing a microphone saves it; the meter follows the new one.
    const second = (await inputs.evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? '' })))).find(
      (o) => o.label === 'Fake Audio Input 2',
    )!;
    await page.getByTestId('settings-input-device').selectOption(second.value);
    await expect.poll(() => harness!.services.settings.get().voice.inputDeviceId, UI).toBe(second.value);
    await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow')), UI).toBeGreaterThan(0);

    // Speakers are listed too; choosing one is tried on the device, then saved.
    const outputs = page.getByTestId('settings-output-device').locator('option');
    const speakers = await outputs.evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? '' })));
    expect(speakers[0]!.label).toBe('System default');
    const speaker = speakers.find((o) => o.label === 'Fake Audio Output 1')!;
    expect(speaker).toBeDefined();
    await page.getByTestId('settings-output-device').selectOption(speaker.value);
    await expect.poll(() => harness!.services.settings.get().voice.outputDeviceId, UI).toBe(speaker.value);
    await screenshot(page, 'settings-voice', { part: section });

    // Stop test lets go of the microphone.
    await page.getByTestId('settings-input-test').click();
    await expect.poll(() => meter.getAttribute('aria-valuenow'), UI).toBe('0');

    // The Advanced numbers are checked when their field is left; a mistake is shown beside it and kept as typed.
    await page.getByTestId('settings-voice-advanced').locator('summary').click();
    await page.getByTestId('settings-vad-threshold').fill('1.5');
    await page.getByTestId('settings-vad-silence').focus();
    await page.getByTestId('settings-vad-silence').fill('50');
    await page.getByTestId('settings-vad-silence').press('Enter');
    expect(await page.getByTestId('settings-vad-threshold').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('settings-vad-silence').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('settings-vad-threshold-status-error').textContent()).toMatch(/from 0 .* to 1 /);
    expect(await page.getByTestId('settings-vad-threshold').inputValue()).toBe('1.5');
    expect(harness!.services.settings.get().voice.serverVad).toEqual({ threshold: 0.5, silenceDurationMs: 500 });
    await page.getByTestId('settings-vad-threshold').fill('0.7');
    await page.getByTestId('settings-vad-threshold').press('Tab');
    await page.getByTestId('settings-vad-silence').fill('800');
    await page.getByTestId('settings-vad-silence').press('Enter');
    await expect.poll(() => harness!.services.settings.get().voice.serverVad, UI).toEqual({ threshold: 0.7, silenceDurationMs: 800 });
    await expect.poll(() => page.getByTestId('settings-vad-silence-status').textContent(), UI).toBe('Saved');
    expect(await page.getByTestId('settings-vad-threshold').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('Settings → Voice → Preview', () => {
  it('plays a sample of the chosen voice fetched by main, and says plainly when there is none', async () => {
    const page = await openSettings({ chromiumArgs: ['--autoplay-policy=no-user-gesture-required'] });
    await page.getByTestId('settings-voice').scrollIntoViewIfNeeded();
    const status = page.getByTestId('settings-voice-preview-status');
    await page.getByTestId('settings-voice-preview').click();
    await status.filter({ hasText: 'Playing a sample of marin' }).waitFor(UI);
    const asked = openai!.requests.filter((r) => r.path === '/v1/audio/speech');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toMatchObject({ voice: 'marin', model: 'gpt-4o-mini-tts' });
    // The key went from main to OpenAI, never through the page.
    expect(asked[0]!.headers['authorization']).toBe(`Bearer ${DEFAULT_VALID_KEY}`);

    await page.getByTestId('settings-voice-voice').selectOption('cedar');
    await expect.poll(() => harness!.services.settings.get().voice.voice, UI).toBe('cedar');
    await page.getByTestId('settings-voice-preview').click();
    await status.filter({ hasText: 'OpenAI has no sample of the "cedar" voice; start a voice session to hear it.' }).waitFor(UI);
  });
});

describe('Settings → Home Assistant', () => {
  it('tests a connection (devices counted; a wrong token and a closed port explained), then saves it and the home specialist becomes available', async () => {
    const ha = await startFakeHomeAssistant();
    frok.onTeardown(() => ha.close());
    const page = await openSettings();
    const home = page.getByTestId('settings-home');
    await home.scrollIntoViewIfNeeded();
    await page.getByTestId('settings-specialist-home-unavailable').waitFor(UI);

    // Nothing typed: the fields say what is missing, nothing is sent.
    await page.getByTestId('settings-home-test').click();
    expect(await page.getByTestId('settings-home-url').getAttribute('aria-invalid')).toBe('true');

    // A good address and token: connected, with the devices counted.
    await page.getByTestId('settings-home-url').fill(ha.url);
    await page.getByTestId('settings-home-token').fill(ha.token);
    await page.getByTestId('settings-home-test').click();
    const result = page.getByTestId('settings-home-result');
    await result.waitFor(UI);
    expect(await result.getAttribute('data-ok')).toBe('true');
    const count = Number(await result.getAttribute('data-entity-count'));
    expect(count).toBeGreaterThan(0);
    expect(await result.textContent()).toContain(`${count} devices exposed to Assist`);

    // A wrong token: the message is about the token.
    await page.getByTestId('settings-home-token').fill('not-the-token');
    await page.getByTestId('settings-home-test').click();
    await expect.poll(() => result.getAttribute('data-ok'), UI).toBe('false');
    expect(await result.getAttribute('role')).toBe('alert');
    expect(await result.textContent()).toMatch(/refused the token/);

    // Nobody listening at the address: unreachable.
    await page.getByTestId('settings-home-url').fill(`http://127.0.0.1:${REFUSED_PORT}`);
    await page.getByTestId('settings-home-token').fill(ha.token);
    await page.getByTestId('settings-home-test').click();
    await expect.poll(async () => (await result.textContent()) ?? '', UI).toMatch(/is not answering/);
    // Saving it is refused too, and nothing was stored.
    await page.getByTestId('settings-home-save').click();
    await expect.poll(async () => (await page.getByTestId('settings-home-message').textContent()) ?? '', UI).toMatch(/^Not saved: .*is not answering/);
    expect(harness!.services.settings.get().homeAssistant.url).toBeNull();
    expect(await page.getByTestId('settings-home-url').inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The right address: saved, the token kept in the keychain, the home specialist available.
    await page.getByTestId('settings-home-url').fill(ha.url);
    await page.getByTestId('settings-home-save').click();
    await expect.poll(async () => (await page.getByTestId('settings-home-message').textContent()) ?? '', UI).toMatch(/Saved\.$/);
    expect(harness!.services.settings.get().homeAssistant.url).toBe(ha.url);
    expect(await page.getByTestId('settings-home-token').inputValue()).toBe('');
    await expect.poll(async () => (await page.getByTestId('settings-home-token').getAttribute('placeholder')) ?? '', UI).toMatch(/^Saved \(ends in/);
    await page.getByTestId('settings-specialist-home-unavailable').waitFor({ state: 'detached', ...UI });
    const config = await (await harness!.connect()).invoke('agent:config');
    expect(config.ok).toBe(true);
    const homeSpecialist = (config as { data: { specialists: { id: string; available: boolean }[] } }).data.specialists.find((s) => s.id === 'home');
    expect(homeSpecialist?.available).toBe(true);
    await screenshot(page, 'settings-home', { part: home });

    // Test again with the stored token (the field left empty).
    await page.getByTestId('settings-home-test').click();
    await expect.poll(() => result.getAttribute('data-ok'), UI).toBe('true');

    // Disconnect removes both.
    await page.getByTestId('settings-home-disconnect').click();
    await expect.poll(() => harness!.services.settings.get().homeAssistant.url, UI).toBeNull();
    await page.getByTestId('settings-specialist-home-unavailable').waitFor(UI);
  });
});

describe('Settings → Budget, Privacy, Startup', () => {
  it('checks and saves the monthly cap, history days and launch at login', async () => {
    const page = await openSettings();
    const budget = page.getByTestId('settings-budget');
    await budget.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await page.getByTestId('settings-budget-spent').textContent()) ?? '', UI).toMatch(/^\$0\.00 spent in .+\. No monthly cap\.$/);

    // No Save button: the cap is checked and saved when the field is left (or Enter pressed).
    expect(await budget.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await page.getByTestId('settings-budget-cap').fill('twenty');
    await page.getByTestId('settings-budget-cap').press('Tab');
    await expect.poll(() => page.getByTestId('settings-budget-cap').getAttribute('aria-invalid'), UI).toBe('true');
    expect(await page.getByTestId('settings-budget-cap-status-error').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('settings-budget-cap').inputValue()).toBe('twenty');
    expect(harness!.services.settings.get().budget.monthlyCapUsd).toBeNull();
    await page.getByTestId('settings-budget-cap').fill('$20');
    await page.getByTestId('settings-budget-cap').press('Enter');
    await expect.poll(() => harness!.services.settings.get().budget.monthlyCapUsd, UI).toBe(20);
    await expect.poll(() => page.getByTestId('settings-budget-cap-status').textContent(), UI).toBe('Saved');
    await expect.poll(async () => (await page.getByTestId('settings-budget-spent').textContent()) ?? '', UI).toMatch(/^\$0\.00 of \$20\.00 spent in /);
    expect(await page.getByTestId('settings-budget-bar').getAttribute('aria-valuenow')).toBe('0');

    // A budget alert from main shows as a banner over whichever screen is open.
    harness!.services.events.emit('budget:alert', { level: 'warning', message: 'FROK has used $16.00 of your $20.00 monthly budget (80 %).' });
    await page.getByTestId('budget-alert').waitFor(UI);
    expect(await page.getByTestId('budget-alert').textContent()).toContain('$16.00 of your $20.00');
    expect(await page.getByTestId('budget-alert').getAttribute('role')).toBe('alert');
    await screenshot(page, 'settings-budget-alert', { part: page.locator('main.content') });
    await page.getByTestId('budget-alert-dismiss').click();
    await page.getByTestId('budget-alert').waitFor({ state: 'detached', ...UI });

    // Saved like every setting: on Enter (or leaving the field); a number out of range is refused beside it.
    await page.getByTestId('settings-history-days').fill('0');
    await page.getByTestId('settings-history-days').press('Enter');
    expect(await page.getByTestId('settings-history-days').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('settings-history-days-status-error').waitFor(UI);
    expect(harness!.services.settings.get().privacy.historyDays).toBe(30);
    await page.getByTestId('settings-history-days').fill('90');
    await page.getByTestId('settings-history-days').press('Enter');
    await expect.poll(() => harness!.services.settings.get().privacy.historyDays, UI).toBe(90);
    await expect.poll(() => page.getByTestId('settings-history-days-status').getAttribute('data-phase'), UI).toBe('saved');

    await page.getByTestId('settings-launch-at-login').check();
    await expect.poll(() => harness!.services.settings.get().launchAtLogin, UI).toBe(true);
  });
});

describe('Settings → About', () => {
  /** Wraps the page's clipboard writes so the test can read what was copied (the real write still happens). */
  const RECORD_CLIPBOARD = `(() => {
    const clip = navigator.clipboard;
    const write = clip.writeText.bind(clip);
    window.__frokCopied = [];
    clip.writeText = (text) => { window.__frokCopied.push(text); return write(text); };
  })();`;

  it('shows the version, opens the logs folder through the desktop shell, and copies diagnostics without secrets', async () => {
    const opened: string[] = [];
    ({ openai, harness } = await frok.start({
      initScripts: [RECORD_CLIPBOARD],
      overrides: {
        desktop: {
          shell: {
            ...HEADLESS_SHELL,
            openPath: async (path) => {
              opened.push(path);
              return '';
            },
          },
        },
      },
    }));
    const page = harness.page;
    await harness.app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    await page.getByTestId('nav-settings').click();
    const about = page.getByTestId('settings-about');
    await about.waitFor(UI);
    await about.scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('settings-about-version').textContent(), UI).toBe('FROK 0.1.0');
    expect(await page.getByTestId('settings-about-node').textContent()).toBe(process.versions.node);
    expect(await page.getByTestId('settings-about-platform').textContent()).toBe(process.platform);

    await page.getByTestId('settings-open-logs').click();
    await expect.poll(() => opened.length, UI).toBe(1);
    expect(opened[0]).toMatch(/[/\\]logs$/);

    await page.getByTestId('settings-copy-diagnostics').click();
    await expect.poll(() => page.getByTestId('settings-about-message').textContent(), UI).toBe('Copied');
    const copied = await page.evaluate(() => (window as unknown as { __frokCopied: string[] }).__frokCopied);
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('FROK diagnostics');
    expect(copied[0]).toContain('App version: 0.1.0');
    expect(copied[0]).toContain('OpenAI API key is set');
    expect(copied[0]).not.toContain(DEFAULT_VALID_KEY);
    expect(copied[0]).not.toContain(DEFAULT_VALID_KEY.slice(-4));
    // What the page wrote is what the system clipboard now holds.
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied[0]);
    await screenshot(page, 'settings-about', { part: about });
  });
});

describe('Settings → finding your way, and one way of saving', () => {
  it('lists the sections; choosing one (mouse or keyboard) scrolls to it, marks it and moves the focus there, also at 800×600', async () => {
    const page = await openSettings();
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    const links = nav.getByRole('link');
    expect(await links.allTextContents()).toEqual(
      expect.arrayContaining(['Account', 'Provider and models', 'Language', 'Voice', 'Specialists', 'Home Assistant', 'Tools (MCP)', 'Hotkeys', 'Budget and prices', 'Privacy', 'Startup', 'About']),
    );
    expect(await nav.getByRole('link', { name: 'Account' }).getAttribute('aria-current')).toBe('location');

    // Mouse: the section comes into view, is marked current and holds the focus.
    await nav.getByRole('link', { name: 'Privacy' }).click();
    await expect.poll(() => page.getByTestId('settings-privacy').locator('h2').evaluate((h) => document.activeElement === h), UI).toBe(true);
    await expect.poll(() => nav.getByRole('link', { name: 'Privacy' }).getAttribute('aria-current'), UI).toBe('location');
    expect(await nav.getByRole('link', { name: 'Account' }).getAttribute('aria-current')).toBeNull();
    await expect.poll(() => page.getByTestId('settings-privacy').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight / 2), UI).toBe(true);

    // An 800×600 window: the list is one row above the sections, and the keyboard works the same.
    await page.setViewportSize({ width: 800, height: 600 });
    await nav.getByRole('link', { name: 'Voice' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('settings-voice').locator('h2').evaluate((h) => document.activeElement === h), UI).toBe(true);
    await expect.poll(() => nav.getByRole('link', { name: 'Voice' }).getAttribute('aria-current'), UI).toBe('location');
    // Scrolled to (smoothly, so wait until it is there), and not hidden under the sticky row.
    const navBottom = await nav.evaluate((el) => el.getBoundingClientRect().bottom);
    const voiceTop = () => page.getByTestId('settings-voice').evaluate((el) => el.getBoundingClientRect().top);
    await expect.poll(async () => { const top = await voiceTop(); return top >= navBottom - 1 && top < 300; }, UI).toBe(true);
    // One row above the sections: the list is not beside them.
    const navBox = (await nav.boundingBox())!;
    expect(navBox.height).toBeLessThan(80);
    // Tab goes on from the section's heading into its controls.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="settings-voice"]') !== null)).toBe(true);
    await screenshot(page, 'settings-nav-800x600');

    // Scrolling by hand moves the mark too.
    await page.getByTestId('settings-about').scrollIntoViewIfNeeded();
    await expect.poll(() => nav.getByRole('link', { name: 'About' }).getAttribute('aria-current'), UI).toBe('location');
  });

  it('saves a change without a Save button, says so beside it, and keeps it after a reload', async () => {
    const page = await openSettings();
    const voice = page.getByTestId('settings-voice');
    await voice.scrollIntoViewIfNeeded();
    await page.getByTestId('settings-voice-turn-taking').selectOption('patient');
    await expect.poll(() => page.getByTestId('settings-voice-turn-taking-status').textContent(), UI).toBe('Saved');
    expect(harness!.services.settings.get().voice.turnTaking).toBe('patient');

    // A typed number saves when the field is left.
    const maxTurns = page.getByTestId('settings-max-turns');
    await maxTurns.fill('0');
    await maxTurns.press('Tab');
    await expect.poll(() => page.getByTestId('settings-max-turns-status-error').textContent(), UI).toBe('Enter a number from 1 to 50.');
    expect(await maxTurns.inputValue()).toBe('0');
    await maxTurns.fill('12');
    await maxTurns.press('Tab');
    await expect.poll(() => harness!.services.settings.get().agents.maxTurns, UI).toBe(12);
    await expect.poll(() => page.getByTestId('settings-max-turns-status').textContent(), UI).toBe('Saved');

    // The jargon says what it means, in plain words, on the page.
    expect(await page.getByText('Most steps per question').count()).toBe(1);
    expect(await page.getByTestId('settings-voice-description').textContent()).toMatch(/Natural and clear/);

    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('screen-settings').waitFor(UI);
    expect(await page.getByTestId('settings-voice-turn-taking').inputValue()).toBe('patient');
    expect(await page.getByTestId('settings-max-turns').inputValue()).toBe('12');
  });

  it('asks before removing the key: Cancel keeps it, Remove key removes it', async () => {
    const page = await openSettings();
    await page.getByTestId('settings-remove-key').click();
    const confirm = page.getByTestId('settings-remove-key-confirm');
    await confirm.waitFor(UI);
    expect(await confirm.textContent()).toContain('Remove the API key ending in');
    // The safe answer has the focus.
    expect(await page.getByTestId('settings-remove-key-cancel').evaluate((b) => document.activeElement === b)).toBe(true);
    await screenshot(page, 'settings-remove-key-confirm', { part: page.getByTestId('settings-account') });
    await page.getByTestId('settings-remove-key-cancel').click();
    await confirm.waitFor({ state: 'detached', ...UI });
    expect((await harness!.services.secrets.status()).openaiApiKey.set).toBe(true);
    expect(await page.getByTestId('settings-key-status').textContent()).toContain('ending in');

    await page.getByTestId('settings-remove-key').click();
    await page.getByTestId('settings-remove-key-yes').click();
    await expect.poll(async () => (await harness!.services.secrets.status()).openaiApiKey.set, UI).toBe(false);
  });

  it("offers the provider's models, saves the one chosen, and says why when the list can't be had", async () => {
    const page = await openSettings();
    const text = page.getByTestId('settings-model-text');
    const realtime = page.getByTestId('settings-model-realtime');
    await expect.poll(() => text.getAttribute('data-listed'), UI).not.toBeNull();
    const textOptions = await text.locator('option').allTextContents();
    expect(textOptions).toEqual(['gpt-4.1', 'gpt-4o-mini', 'gpt-5-mini', 'gpt-5.6-luna', 'gpt-5.6-luna-mini']);
    expect(await realtime.locator('option').allTextContents()).toEqual(['gpt-realtime-2.1']);
    // Main asked with the stored key; the page never saw it.
    const asked = openai!.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models');
    expect(asked.at(-1)!.headers['authorization']).toBe(`Bearer ${DEFAULT_VALID_KEY}`);

    await text.selectOption('gpt-4.1');
    await expect.poll(() => harness!.services.settings.get().models.text, UI).toBe('gpt-4.1');
    await expect.poll(() => page.getByTestId('settings-model-text-status').textContent(), UI).toBe('Saved');
    await screenshot(page, 'settings-models', { part: page.getByTestId('settings-provider') });

    // Free text only under Advanced.
    expect(await page.getByTestId('settings-model-text-custom').isVisible()).toBe(false);
    await page.getByTestId('settings-model-text-advanced').locator('summary').click();
    await page.getByTestId('settings-model-text-custom').fill('my-own-model');
    await page.getByTestId('settings-model-text-custom').press('Enter');
    await expect.poll(() => harness!.services.settings.get().models.text, UI).toBe('my-own-model');
    await expect.poll(() => text.inputValue(), UI).toBe('my-own-model');
    expect(await text.locator('option:checked').textContent()).toBe('my-own-model (not listed by your provider)');

    // The provider refuses the key now: the reason is shown and the choice stays.
    openai!.setValidKeys(['sk-someone-else-0000']);
    await page.getByTestId('nav-conversation').click();
    await page.getByTestId('nav-settings').click();
    const problem = page.getByTestId('settings-model-text-list-error');
    await problem.waitFor(UI);
    expect(await problem.textContent()).toMatch(/refused the API key.*my-own-model stays chosen/);
    expect(await text.inputValue()).toBe('my-own-model');
  });

  it('shows the date of the shipped prices', async () => {
    const page = await openSettings();
    const asOf = page.getByTestId('settings-pricing-as-of');
    await asOf.scrollIntoViewIfNeeded();
    expect(await asOf.textContent()).toBe('Prices as of Dec 4, 2026');
    const models = await page.getByTestId('pricing-model').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(models).toEqual(expect.arrayContaining(['gpt-5.6-luna', 'gpt-realtime-2.1']));
    expect(await page.getByTestId('pricing-own').count()).toBe(0);
  });

  it('switches the window to German and back at once', async () => {
    const page = await openSettings();
    const heading = page.locator('#screen-settings-title');
    expect(await heading.textContent()).toBe('Settings');
    await page.getByTestId('settings-language-select').selectOption('de');
    await expect.poll(() => heading.textContent(), UI).toBe('Einstellungen');
    expect(harness!.services.settings.get().language).toBe('de');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.getByRole('navigation', { name: 'Bereiche der Einstellungen' }).getByRole('link', { name: 'Datenschutz' }).count()).toBe(1);
    await screenshot(page, 'settings-german');
    await page.getByTestId('settings-language-select').selectOption('en');
    await expect.poll(() => heading.textContent(), UI).toBe('Settings');
    expect(harness!.services.settings.get().language).toBe('en');
  });
});
