/**
 * Settings → Privacy end to end: where the data lives, Keep history, Export all my data
 * (one zip where the person chose), Delete all my data (only after confirming, and then
 * History and Activity are empty), and a data file whose key is gone: its message, and
 * Start fresh keeping the old file aside.
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importKeytar } from '../../electron/main/services/secrets/keytar-secret-store';
import type { Harness } from '../harness';
import { frokFixture } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };
const QUESTION = 'What is the tallest waterfall in Venezuela?';
const ANSWER = 'Angel Falls, at 979 metres.';

const frok = frokFixture();

async function start(): Promise<{ page: Page; harness: Harness; saveDir: string }> {
  const saveDir = await mkdtemp(join(tmpdir(), 'frok-export-all-'));
  frok.onTeardown(() => rm(saveDir, { recursive: true, force: true }));
  const { page, harness } = await frok.start({
    openai: { script: () => ({ text: ANSWER }) },
    overrides: { modelClient: { maxRetries: 0, timeoutMs: 20_000 }, chooseSavePath: async ({ suggestedName }) => join(saveDir, suggestedName) },
  });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByTestId('screen-conversation').waitFor(UI);
  return { page, harness, saveDir };
}

async function ask(page: Page, harness: Harness, question: string): Promise<void> {
  await page.getByTestId('ask-input').fill(question);
  await page.getByTestId('ask-input').press('Enter');
  await page.getByText(ANSWER).first().waitFor(UI);
  await expect.poll(() => harness.services.data.runs.list().length, UI).toBeGreaterThan(0);
}

async function openPrivacy(page: Page) {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('screen-settings').waitFor(UI);
  const privacy = page.getByTestId('settings-privacy');
  await privacy.scrollIntoViewIfNeeded();
  return privacy;
}

describe('Settings → Privacy', () => {
  it('exports all data as one zip, and deletes all of it only once confirmed: History and Activity are then empty', async () => {
    const { page, harness, saveDir } = await start();
    await ask(page, harness, QUESTION);
    const privacy = await openPrivacy(page);

    // Where it lives, and how it is protected.
    const where = privacy.getByTestId('settings-data-where');
    await where.getByText('frok-data.db', { exact: false }).waitFor(UI);
    expect(await where.textContent()).toContain(join(harness.dataDir, 'frok-data.db'));
    expect(await where.textContent()).toContain('encrypted with a key kept in the system keychain');

    // Keep history: on by default, saved the moment it changes.
    const keep = privacy.getByTestId('settings-keep-history');
    expect(await keep.isChecked()).toBe(true);
    await keep.click();
    await expect.poll(() => harness.services.settings.get().privacy.keepHistory, UI).toBe(false);
    await keep.click();
    await expect.poll(() => harness.services.settings.get().privacy.keepHistory, UI).toBe(true);

    // Export all my data: one zip, where the person chose, holding the conversation.
    await privacy.getByTestId('settings-export-all').click();
    const exported = privacy.getByTestId('settings-export-all-message');
    await exported.waitFor(UI);
    const text = (await exported.textContent()) ?? '';
    expect(text).toMatch(/^Saved to .*\.zip$/);
    const path = text.replace(/^Saved to /, '');
    expect(path.startsWith(saveDir)).toBe(true);
    const entries = unzipSync(new Uint8Array(await readFile(path)));
    const names = Object.keys(entries);
    expect(names.length).toBeGreaterThan(1);
    expect(names.some((n) => n.endsWith('.md'))).toBe(true);
    expect(Object.values(entries).some((bytes) => strFromU8(bytes).includes(QUESTION))).toBe(true);

    // Delete all my data: a confirmation first, naming what goes; Cancel deletes nothing.
    await privacy.getByTestId('settings-delete-all').click();
    const confirm = privacy.getByTestId('settings-delete-all-confirm');
    await confirm.waitFor(UI);
    const says = (await confirm.textContent()) ?? '';
    for (const what of ['conversations', 'memories', 'runs']) expect(says).toContain(what);
    await screenshot(page, 'privacy-delete-confirm');
    await privacy.getByTestId('settings-delete-all-cancel').click();
    await confirm.waitFor({ state: 'detached', ...UI });
    expect((await harness.services.history.list()).total).toBe(1);

    await privacy.getByTestId('settings-delete-all').click();
    await privacy.getByTestId('settings-delete-all-yes').click();
    const done = privacy.getByTestId('settings-delete-all-message');
    await done.waitFor(UI);
    expect(await done.textContent()).toMatch(/^Done: all your conversations, memories and runs are deleted\.$/);
    expect((await harness.services.history.list()).total).toBe(0);
    expect(harness.services.data.runs.list()).toEqual([]);

    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-empty').waitFor(UI);
    await page.getByTestId('nav-activity').click();
    await page.getByTestId('activity-empty').waitFor(UI);
    expect(await page.getByTestId('activity-run').count()).toBe(0);
    expect(await page.getByTestId('activity-totals-today').textContent()).toBe('Today: nothing yet');
  });

  it('a data file whose key is gone: says so, Try again keeps it locked, Start fresh (confirmed) keeps the old file aside', async () => {
    const { page, harness } = await start();
    await ask(page, harness, QUESTION);
    // The keychain entry that opens the file goes missing, then FROK restarts.
    expect(await (await importKeytar()).deletePassword(harness.keychainService, 'dataKey')).toBe(true);
    await harness.restart();
    await page.getByTestId('screen-conversation').waitFor(UI);
    const privacy = await openPrivacy(page);

    const status = privacy.getByTestId('settings-data-status');
    await status.waitFor(UI);
    expect(await status.getAttribute('data-state')).toBe('locked');
    expect(await status.textContent()).toContain('the key that opens it is not in this system');
    await screenshot(page, 'privacy-locked');

    await privacy.getByTestId('settings-data-retry').click();
    await expect.poll(async () => (await privacy.getByTestId('settings-data-retry').textContent())?.trim(), UI).toBe('Try again');
    expect(await status.isVisible()).toBe(true);

    await privacy.getByTestId('settings-data-start-fresh').click();
    const confirm = privacy.getByTestId('settings-data-start-fresh-confirm');
    await confirm.waitFor(UI);
    expect(await confirm.textContent()).toContain('kept aside, not deleted');
    await privacy.getByTestId('settings-data-start-fresh-yes').click();
    const message = privacy.getByTestId('settings-data-status-message');
    await message.waitFor(UI);
    const text = (await message.textContent()) ?? '';
    expect(text).toMatch(/^Started fresh\. The old file is kept at /);
    const aside = text.replace(/^Started fresh\. The old file is kept at /, '').replace(/\.$/, '');
    expect(existsSync(aside)).toBe(true);
    await status.waitFor({ state: 'detached', ...UI });
    expect(harness.services.data.status()).toMatchObject({ state: 'open', file: join(harness.dataDir, 'frok-data.db') });
    expect(aside).not.toBe(join(harness.dataDir, 'frok-data.db'));
  });
});
