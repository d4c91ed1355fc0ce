/**
 * How the encrypted history holds up for someone who has used FROK for years: 10,000
 * conversations with 200,000 messages (seeded synthetic text) in a real data file, then
 *  - opening it at start (decrypting everything into the in-memory search index),
 *  - search p95 over 300 queries typed as people type them (the last word unfinished),
 *  - opening a 500-message conversation,
 *  - saving a turn (sealed and written through to the file, WAL, synchronous=NORMAL).
 * Prints each figure with its target and the ratio.
 *
 *   node --experimental-transform-types --no-warnings --import ./scripts/register-ts-resolver.mjs bench/history.bench.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataVault } from '../electron/main/services/data/data-vault.ts';
import { HistoryStore } from '../electron/main/services/data/history-store.ts';

const CONVERSATIONS = 10_000;
const MESSAGES = 200_000;
const LONG_CONVERSATION = 500;
const TARGETS = { searchP95: 20, openP95: 50, saveP95: 2 };

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(20261204);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const VOCABULARY = `weather kitchen lights thermostat garden recipe lasagne train ticket Lisbon Kyoto meeting budget invoice
  sister birthday present flight hotel museum concert guitar lesson marathon training dentist appointment password router
  printer spreadsheet formula python script error deadline report summary translation German French holiday beach
  mountain hiking boots jacket umbrella coffee espresso tea recipe bread sourdough oven timer alarm morning evening
  battery charger laptop keyboard monitor camera photo album playlist podcast episode novel chapter author library`.split(/\s+/u).filter(Boolean);
const sentence = (words: number) => Array.from({ length: words }, () => pick(VOCABULARY)).join(' ');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sortedTimes = (times: number[]) => [...times].sort((a, b) => a - b);

const memorySecrets = () => {
  const values = new Map<string, string>();
  return { kind: 'keychain' as const, get: async (n: string) => values.get(n) ?? null, set: async (n: string, v: string) => void values.set(n, v), delete: async (n: string) => void values.delete(n) };
};

const dir = mkdtempSync(join(tmpdir(), 'frok-history-bench-'));
const file = join(dir, 'frok-data.db');
const secrets = memorySecrets();
try {
  const first = await DataVault.open({ file, secrets: secrets as never });
  if (first.kind !== 'open') throw new Error(`the vault did not open: ${JSON.stringify(first)}`);
  let store = new HistoryStore(first.vault);
  const t0 = performance.now();
  // One long conversation, the rest sharing what's left.
  const perConversation = Math.floor((MESSAGES - LONG_CONVERSATION) / (CONVERSATIONS - 1));
  for (let m = 0; m < LONG_CONVERSATION; m++) store.append('long', 'typed', { role: m % 2 ? 'assistant' : 'user', text: sentence(25), runId: null });
  for (let c = 1; c < CONVERSATIONS; c++) {
    for (let m = 0; m < perConversation; m++) store.append(`c${c}`, m % 4 === 0 ? 'voice' : 'typed', { role: m % 2 ? 'assistant' : 'user', text: sentence(m % 2 ? 40 : 12), runId: null });
  }
  const seeded = store.list().total;
  console.log(`seeded ${seeded} conversations, ${MESSAGES} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s; file ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  store.close();
  first.vault.close();

  const tOpen = performance.now();
  const again = await DataVault.open({ file, secrets: secrets as never });
  if (again.kind !== 'open') throw new Error('the vault did not open again');
  store = new HistoryStore(again.vault);
  const openMs = performance.now() - tOpen;
  const firstPage = performance.now();
  store.list({ limit: 50 });
  const listMs = performance.now() - firstPage;
  // What a person would feel: the longest the main thread is held while the index builds.
  let longestTurn = 0;
  let last = performance.now();
  const watcher = setInterval(() => {
    const now = performance.now();
    longestTurn = Math.max(longestTurn, now - last);
    last = now;
  }, 1);
  await store.indexed;
  clearInterval(watcher);
  const indexMs = performance.now() - tOpen;
  console.log(`start: the file opens in ${openMs.toFixed(0)} ms; the first page of History lists in ${listMs.toFixed(1)} ms`);
  console.log(`start: the search index of ${MESSAGES} messages builds in the background in ${(indexMs / 1000).toFixed(1)} s, holding the main thread at most ${longestTurn.toFixed(0)} ms at a time (no target)`);

  const searchTimes: number[] = [];
  for (let q = 0; q < 300; q++) {
    const text = `${pick(VOCABULARY)} ${pick(VOCABULARY).slice(0, 3 + Math.floor(random() * 3))}`;
    const s = performance.now();
    await store.search(text, 50);
    searchTimes.push(performance.now() - s);
  }
  const openTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    const c = store.get('long');
    if (c?.messages.length !== LONG_CONVERSATION) throw new Error('the long conversation did not open whole');
    openTimes.push(performance.now() - s);
  }
  const saveTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const s = performance.now();
    store.append(`c${1 + (i % 100)}`, 'typed', { role: 'user', text: sentence(12), runId: null });
    saveTimes.push(performance.now() - s);
  }
  const report = (name: string, times: number[], target: number) => {
    const sorted = sortedTimes(times);
    const p95 = percentile(sorted, 95);
    console.log(`${name}: p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms — target ≤ ${target} ms (${(p95 / target).toFixed(2)} of target) ${p95 <= target ? 'MET' : 'NOT MET'}`);
  };
  report('search (10,000 conversations / 200,000 messages)', searchTimes, TARGETS.searchP95);
  report('open a 500-message conversation', openTimes, TARGETS.openP95);
  report('save a turn (sealed, written through)', saveTimes, TARGETS.saveP95);
  const rss = process.memoryUsage().rss / 1e6;
  console.log(`memory: ${rss.toFixed(0)} MB resident with the whole history indexed`);
  store.close();
  again.vault.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
