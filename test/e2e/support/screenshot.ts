/**
 * With FROK_SCREENSHOTS=/some/dir set, keeps a light and a dark screenshot of a page (or of
 * one part of it), named `<name>-light.png` and `<name>-dark.png`; does nothing otherwise.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Waits for the page's finite animations and transitions to end (endless spinners are left running). */
export async function finishAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

export async function screenshot(page: Page, name: string, options: { part?: Locator; fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.FROK_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Buttons fade between colours: wait for those transitions (not endless spinners) to end.
    await finishAnimations(page);
    const path = join(dir, `${name}-${colorScheme}.png`);
    if (options.part) await options.part.screenshot({ path });
    else await page.screenshot({ path, fullPage: options.fullPage ?? false });
  }
  await page.emulateMedia({ colorScheme: null });
}
