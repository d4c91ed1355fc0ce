/**
 * The person's data, end to end in Node: what they said, what FROK answered and what it
 * remembered never lies on disk in plain form (data file, its WAL, logs — every file under
 * the data folder); runs and their totals survive a restart; Delete all leaves nothing of
 * it; and a data file whose key is gone is left untouched, with FROK still usable, until
 * the person chooses Start fresh (the old file kept aside).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptByRoute } from '../fakes/openai/server';
import { lastOutput, useAgentsWorld } from '../support/agents-world';

const caller = { id: 'window-1', kind: 'main' as const };
const world = useAgentsWorld();

const QUESTION = 'Where did I park the quokka-zephyr-7731 van?';
const ANSWER = 'You parked it by the heliotrope-obelisk-5519.';
const FACT = 'Keeps the spare key under the marmalade-gazebo-2864';
const PHRASES = ['quokka-zephyr-7731', 'heliotrope-obelisk-5519', 'marmalade-gazebo-2864'];

/** Every file under the folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The files (relative names) whose bytes contain any of the phrases, in UTF-8 or UTF-16. */
function filesHolding(dir: string, phrases: readonly string[]): string[] {
  return filesUnder(dir).filter((path) => {
    const bytes = readFileSync(path);
    return phrases.some((p) => bytes.includes(Buffer.from(p, 'utf8')) || bytes.includes(Buffer.from(p, 'utf16le')));
  });
}

function dataFiles(dir: string): Map<string, Buffer> {
  return new Map(filesUnder(dir).filter((p) => /frok-data\.db/.test(p)).map((p) => [p, readFileSync(p)]));
}

function answerPlainly() {
  world.fake.setScript(scriptByRoute([{ when: {}, reply: { text: ANSWER } }]));
}

/** The manager asks the memory specialist, which saves FACT; the manager repeats what it said. */
function rememberFact() {
  world.fake.setScript(
    scriptByRoute([
      { when: { offersTool: 'memory_specialist', hasToolOutputs: false }, reply: (r) => ({ toolCalls: [{ name: 'memory_specialist', arguments: { input: r.lastUserText } }] }) },
      { when: { instructionsStartWith: 'You are the Memory specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'remember', arguments: { fact: FACT, tags: null } }] } },
      { when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: `Saved: ${FACT}` } },
      { when: { hasToolOutputFrom: 'memory_specialist' }, reply: (r) => ({ text: `${lastOutput(r, 'memory_specialist')}. ${ANSWER}` }) },
    ]),
  );
}

async function keptRuns() {
  await world.env.services.data.ready;
  return world.env.services.data.runs.list();
}

describe('your data on disk', () => {
  it('holds none of what was said, answered or remembered in plain form, before and after a restart', async () => {
    answerPlainly();
    const asked = await world.env.services.agents.ask({ query: QUESTION, pattern: 'manager' }, caller);
    expect(asked.response).toBe(ANSWER);
    rememberFact();
    await world.env.services.agents.ask({ query: `Remember: ${FACT}`, pattern: 'manager' }, caller);
    expect(world.env.services.memory.all().map((m) => m.fact)).toContain(FACT);
    await expect.poll(async () => (await keptRuns()).length).toBe(2);

    expect(filesHolding(world.env.dataDir, PHRASES)).toEqual([]);
    await world.env.restart();
    await world.env.services.data.ready;

    // Everything is still there, read through the key…
    expect((await world.env.services.history.list()).items.map((c) => c.title)).toContain(QUESTION);
    expect(world.env.services.memory.all().map((m) => m.fact)).toContain(FACT);
    // …and none of it readable without it, in any file under the data folder.
    expect(filesUnder(world.env.dataDir).some((p) => p.endsWith('frok-data.db'))).toBe(true);
    expect(filesHolding(world.env.dataDir, PHRASES)).toEqual([]);
  });

  it('after Delete all, no file holds any of it, and the new data file is empty', async () => {
    answerPlainly();
    await world.env.services.agents.ask({ query: QUESTION, pattern: 'manager' }, caller);
    rememberFact();
    await world.env.services.agents.ask({ query: `Remember: ${FACT}`, pattern: 'manager' }, caller);
    await expect.poll(async () => (await keptRuns()).length).toBe(2);
    const keyBefore = world.env.secrets.values.get('dataKey');
    expect(keyBefore).toBeTruthy();

    const status = await world.env.services.deleteAllData();
    expect(status).toMatchObject({ state: 'open', movedAside: null });
    expect((await world.env.services.history.list()).total).toBe(0);
    expect(world.env.services.data.runs.list()).toEqual([]);
    expect(world.env.services.memory.all()).toEqual([]);
    expect(world.env.services.data.runs.totals(0)).toEqual({ days: [], months: [] });
    // A new key for the new file: the old one could open nothing anyway.
    expect(world.env.secrets.values.get('dataKey')).not.toBe(keyBefore);

    const files = filesUnder(world.env.dataDir).map((p) => p.slice(world.env.dataDir.length + 1));
    expect(files.filter((f) => /conversations\.json|memory\.db/.test(f))).toEqual([]);
    expect(filesHolding(world.env.dataDir, PHRASES)).toEqual([]);

    // Still nothing after a restart: the old data did not come back from anywhere.
    await world.env.restart();
    await world.env.services.data.ready;
    expect((await world.env.services.history.list()).total).toBe(0);
    expect(world.env.services.data.runs.list()).toEqual([]);
    expect(world.env.services.memory.all()).toEqual([]);
  });
});

describe('runs for Activity', () => {
  it('survive a restart with their timeline, and their tokens are in the day and month totals', async () => {
    answerPlainly();
    const asked = await world.env.services.agents.ask({ query: QUESTION, pattern: 'manager' }, caller);
    await expect.poll(async () => (await keptRuns()).length).toBe(1);
    await world.env.restart();

    const [run] = await keptRuns();
    expect(run!.runId).toBe(asked.runId);
    const types = run!.events.map((e) => e.type);
    expect(types[0]).toBe('run_started');
    expect(types.at(-1)).toBe('run_finished');
    expect(types).not.toContain('text_delta');
    const finished = run!.events.at(-1)!;
    expect(finished.type === 'run_finished' && finished.result.response).toBe(ANSWER);
    expect(run!.events[0]).toMatchObject({ type: 'run_started', query: QUESTION });

    const offset = -new Date().getTimezoneOffset() || 0;
    const totals = world.env.services.data.runs.totals(offset);
    const today = new Date(Date.now() + offset * 60_000).toISOString().slice(0, 10);
    const day = totals.days.find((d) => d.period === today)!;
    const tokens = asked.usage.inputTokens + asked.usage.outputTokens;
    expect(tokens).toBeGreaterThan(0);
    expect(day).toMatchObject({ inputTokens: asked.usage.inputTokens, outputTokens: asked.usage.outputTokens, runs: 1 });
    expect(day.bySpecialist.reduce((sum, s) => sum + s.inputTokens + s.outputTokens, 0)).toBe(tokens);
    expect(totals.months[0]).toMatchObject({ period: today.slice(0, 7), inputTokens: asked.usage.inputTokens, runs: 1 });
  });
});

describe('a data file whose key is gone', () => {
  it('is left untouched while FROK keeps history in memory; Start fresh sets it aside and opens a new one', async () => {
    answerPlainly();
    await world.env.services.agents.ask({ query: QUESTION, pattern: 'manager' }, caller);
    await expect.poll(async () => (await keptRuns()).length).toBe(1);
    await world.env.services.dispose();
    const before = dataFiles(world.env.dataDir);
    expect(before.size).toBeGreaterThan(0);
    world.env.secrets.values.delete('dataKey');

    await world.env.restart();
    await world.env.services.data.ready;
    const status = world.env.services.data.status();
    expect(status).toMatchObject({ state: 'locked', reason: 'key-missing', file: join(world.env.dataDir, 'frok-data.db') });
    expect(status.state === 'locked' && status.message).toMatch(/keychain/);

    // Still usable: a conversation lives in memory…
    const asked = await world.env.services.agents.ask({ query: 'Is anything kept now?', pattern: 'manager' }, caller);
    const listed = await world.env.services.history.list();
    expect(listed.items.map((c) => c.id)).toEqual([asked.conversationId]);
    // …and the file it cannot open is exactly as it was.
    for (const [path, bytes] of before) expect(readFileSync(path).equals(bytes), path).toBe(true);
    expect(world.env.secrets.values.has('dataKey')).toBe(false);

    const fresh = await world.env.services.data.startFresh();
    expect(fresh).toMatchObject({ state: 'open', file: join(world.env.dataDir, 'frok-data.db') });
    const aside = fresh.state === 'open' ? fresh.movedAside : null;
    expect(aside).toBeTruthy();
    expect(existsSync(aside!)).toBe(true);
    expect(readFileSync(aside!).equals(before.get(join(world.env.dataDir, 'frok-data.db'))!)).toBe(true);
    expect(world.env.secrets.values.get('dataKey')).toBeTruthy();
    expect(world.env.services.data.runs.list()).toEqual([]);

    // The new file is the one kept from now on.
    await world.env.services.agents.ask({ query: 'Kept again?', pattern: 'manager' }, caller);
    await world.env.restart();
    await world.env.services.data.ready;
    expect(world.env.services.data.status()).toMatchObject({ state: 'open' });
    expect((await world.env.services.history.list()).items.map((c) => c.title)).toEqual(['Kept again?']);
  });

  it('refuses Start fresh for a file that opens; Delete all, even while locked, removes the file and every copy set aside', async () => {
    answerPlainly();
    await world.env.services.agents.ask({ query: QUESTION, pattern: 'manager' }, caller);
    await expect.poll(async () => (await keptRuns()).length).toBe(1);
    await expect(world.env.services.data.startFresh()).rejects.toThrow(/nothing to start fresh from/);
    await world.env.services.dispose();
    world.env.secrets.values.delete('dataKey');
    await world.env.restart();
    await world.env.services.data.ready;
    await expect(world.env.services.data.startFresh()).resolves.toMatchObject({ state: 'open' });
    await world.env.services.agents.ask({ query: `After starting fresh: ${PHRASES[1]}`, pattern: 'manager' }, caller);
    await world.env.services.dispose();
    const keptAside = filesUnder(world.env.dataDir).filter((p) => /frok-data\.db\.unreadable-/u.test(p));
    expect(keptAside.length).toBeGreaterThan(0);

    // Locked again: the person gives up on both files and deletes everything.
    world.env.secrets.values.delete('dataKey');
    await world.env.restart();
    await world.env.services.data.ready;
    expect(world.env.services.data.status()).toMatchObject({ state: 'locked', reason: 'key-missing' });
    const status = await world.env.services.deleteAllData();
    expect(status).toMatchObject({ state: 'open', movedAside: null });
    for (const path of keptAside) expect(existsSync(path), path).toBe(false);
    expect(filesUnder(world.env.dataDir).filter((p) => /frok-data\.db\./u.test(p))).toEqual([]);
    await world.env.services.dispose();
    // Nothing readable or unreadable of the old files is left: a keychain restored now finds nothing to open.
    expect(filesHolding(world.env.dataDir, PHRASES)).toEqual([]);
  });
});
