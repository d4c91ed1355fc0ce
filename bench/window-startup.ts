/**
 * The main window's start-up in Chromium, as the voice benchmark prints it: navigation
 * start → first contentful paint, → the question box interactive (the composer's textarea
 * in the page and enabled), and the JavaScript that had arrived before the first paint.
 * No targets: figures for later work to hold.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const RENDERER_DIR = join(import.meta.dirname, '..', 'out', 'renderer');

/** An init script: records FCP and the moment the question box can take words. */
export const STARTUP_SCRIPT = `(() => {
  const s = { fcp: null, interactive: null };
  window.__frokStartup = s;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') s.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const ready = () => {
    const box = document.querySelector('[data-testid="ask-input"]');
    return box && !box.disabled && !box.readOnly;
  };
  const watch = new MutationObserver(() => {
    if (s.interactive === null && ready()) {
      s.interactive = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'readonly'] });
})();`;

export interface StartupFigures {
  fcpMs: number;
  interactiveMs: number;
  /** JavaScript whose response had ended before the first contentful paint. */
  jsBeforeFcpKB: number;
  jsFilesBeforeFcp: number;
  /** All JavaScript of the load so far (including what came after the paint). */
  jsTotalKB: number;
}

interface PageFigures {
  fcp: number | null;
  interactive: number | null;
  scripts: { url: string; responseEnd: number; bytes: number }[];
}

async function readFigures(page: Page): Promise<StartupFigures> {
  await page.waitForFunction(() => {
    const s = (window as unknown as { __frokStartup?: { fcp: number | null; interactive: number | null } }).__frokStartup;
    return s?.fcp !== null && s?.interactive !== null;
  }, undefined, { timeout: 15_000 });
  const figures: PageFigures = await page.evaluate(() => {
    const s = (window as unknown as { __frokStartup: { fcp: number; interactive: number } }).__frokStartup;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ url: e.name, responseEnd: e.responseEnd, bytes: e.encodedBodySize || e.transferSize }));
    return { fcp: s.fcp, interactive: s.interactive, scripts };
  });
  const fcp = figures.fcp!;
  const sizeOf = async (script: PageFigures['scripts'][number]): Promise<number> => {
    if (script.bytes > 0) return script.bytes;
    // Served without sizes (a cache hit): the built file's size.
    const file = join(RENDERER_DIR, decodeURIComponent(new URL(script.url).pathname));
    return stat(file).then(
      (s) => s.size,
      () => readFile(file).then((b) => b.length, () => 0),
    );
  };
  const before = figures.scripts.filter((s) => s.responseEnd <= fcp);
  const kb = async (xs: PageFigures['scripts']) => (await Promise.all(xs.map(sizeOf))).reduce((a, b) => a + b, 0) / 1000;
  return {
    fcpMs: fcp,
    interactiveMs: figures.interactive!,
    jsBeforeFcpKB: await kb(before),
    jsFilesBeforeFcp: before.length,
    jsTotalKB: await kb(figures.scripts),
  };
}

/** The load already done (the harness's first), then `reloads` more. */
export async function measureStartup(page: Page, reloads: number): Promise<{ first: StartupFigures; reloads: StartupFigures[] }> {
  const first = await readFigures(page);
  const again: StartupFigures[] = [];
  for (let i = 0; i < reloads; i++) {
    await page.reload({ waitUntil: 'load' });
    again.push(await readFigures(page));
  }
  return { first, reloads: again };
}

export function printStartup({ first, reloads }: { first: StartupFigures; reloads: StartupFigures[] }): void {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  console.log('\nmain window start-up in Chromium (Conversation screen; no targets, a baseline to hold):');
  console.log('                                   navigation → FCP   → question box interactive   JS before FCP        JS loaded in all');
  const row = (name: string, f: StartupFigures) =>
    console.log(
      `${name.padEnd(34)} ${f.fcpMs.toFixed(1).padStart(10)} ms ${f.interactiveMs.toFixed(1).padStart(18)} ms ${`${f.jsBeforeFcpKB.toFixed(1)} kB (${f.jsFilesBeforeFcp} files)`.padStart(24)} ${f.jsTotalKB.toFixed(1).padStart(14)} kB`,
    );
  row('first load (cold)', first);
  if (reloads.length) {
    row(`reloads (median of ${reloads.length})`, {
      fcpMs: median(reloads.map((r) => r.fcpMs)),
      interactiveMs: median(reloads.map((r) => r.interactiveMs)),
      jsBeforeFcpKB: median(reloads.map((r) => r.jsBeforeFcpKB)),
      jsFilesBeforeFcp: median(reloads.map((r) => r.jsFilesBeforeFcp)),
      jsTotalKB: median(reloads.map((r) => r.jsTotalKB)),
    });
  }
}
