/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance) in client mode,
 * every client scenario (auth included), against FROK's MCP client path:
 * scripts/mcp-conformance-client.ts (@openai/agents MCPServerStreamableHttp + FROK's OAuth).
 * The suite starts its own servers on loopback, one per scenario, in parallel.
 *
 * Known failures live in test/fixtures/mcp-conformance-baseline.json with a plain reason
 * each. This fails when a scenario outside the baseline fails, and when a baseline scenario
 * passes (drop its entry), so the baseline stays honest.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const baseline = JSON.parse(readFileSync(resolve(root, 'test/fixtures/mcp-conformance-baseline.json'), 'utf8')) as {
  scenario: string;
  reason: string;
}[];

/** The suite splits the command on spaces, so these paths must not contain any. */
const clientCommand = [
  process.execPath,
  '--experimental-transform-types',
  '--no-warnings',
  '--import',
  resolve(root, 'scripts/register-ts-resolver.mjs'),
  resolve(root, 'scripts/mcp-conformance-client.ts'),
].join(' ');

const runSuite = (): Promise<string> =>
  new Promise((done, fail) => {
    execFile(
      process.execPath,
      [resolve(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'), 'client', '--command', clientCommand, '--suite', 'all', '--timeout', '30000'],
      { cwd: root, timeout: 110_000, maxBuffer: 64 * 1024 * 1024 },
      // The suite exits 1 when any scenario fails; its summary is what counts here.
      (err, stdout, stderr) => (stdout.includes('SUITE SUMMARY') ? done(stdout) : fail(err ?? new Error(stderr))),
    );
  });

describe('MCP conformance suite, client mode', () => {
  it('FROK passes every scenario outside the baseline, and no baseline scenario passes', { timeout: 120_000 }, async () => {
    expect(clientCommand).not.toMatch(/ {2}/);
    const summary = (await runSuite()).split('=== SUITE SUMMARY ===')[1] ?? '';
    const results = new Map<string, boolean>();
    for (const m of summary.matchAll(/^([✓✗]) (\S+):/gmu)) results.set(m[2]!, m[1] === '✓');
    expect(results.size).toBeGreaterThan(20);

    const known = new Set(baseline.map((b) => b.scenario));
    const unexpectedFailures = [...results].filter(([s, ok]) => !ok && !known.has(s)).map(([s]) => s);
    const staleBaseline = baseline.filter((b) => results.get(b.scenario) === true).map((b) => b.scenario);
    const missing = baseline.filter((b) => !results.has(b.scenario)).map((b) => b.scenario);
    expect({ unexpectedFailures, staleBaseline, missing }).toEqual({ unexpectedFailures: [], staleBaseline: [], missing: [] });
  });
});
