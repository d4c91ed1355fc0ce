/**
 * Finished runs, kept for the Activity view: each run's timeline sealed as one record,
 * and its token use per specialist in plain numbers, which is what the day and month
 * totals sum. Runs older than RUN_DAYS are removed.
 */
import type { StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { ActivityEventSchema, type ActivityEvent, type Usage } from '@shared/agents';
import type { StoredRun, UsagePeriod, UsageTotalsResponse } from '@shared/history';
import type { DataVault } from './data-vault.ts';
import { inTransaction } from './sqlite-transaction.ts';

export const RUN_DAYS = 30;
const DAY_MS = 86_400_000;
/** The usage row for what the top agent itself (not a specialist it called) used. */
export const TOP_AGENT = 'frok';

const SealedRunSchema = z.object({ events: z.array(ActivityEventSchema) }).strict();

export interface UsageShare {
  specialist: string;
  inputTokens: number;
  outputTokens: number;
}

/** Splits a finished run's tokens over the specialists that reported theirs; the rest is the top agent's. */
export function usageShares(events: readonly ActivityEvent[]): UsageShare[] {
  const finished = events.find((e) => e.type === 'run_finished');
  const shares = new Map<string, UsageShare>();
  let input = 0;
  let output = 0;
  for (const e of events) {
    if (e.type !== 'specialist_ended' || !e.usage) continue;
    const share = shares.get(e.specialist) ?? { specialist: e.specialist, inputTokens: 0, outputTokens: 0 };
    share.inputTokens += e.usage.inputTokens;
    share.outputTokens += e.usage.outputTokens;
    input += e.usage.inputTokens;
    output += e.usage.outputTokens;
    shares.set(e.specialist, share);
  }
  if (finished?.type === 'run_finished') {
    const top = { specialist: TOP_AGENT, inputTokens: Math.max(0, finished.result.usage.inputTokens - input), outputTokens: Math.max(0, finished.result.usage.outputTokens - output) };
    if (top.inputTokens + top.outputTokens > 0) shares.set(TOP_AGENT, top);
  }
  return [...shares.values()];
}

export interface RunStoreOptions {
  now?: () => number;
  /** The cost of some tokens at the current prices, or null when the model's price is unknown. */
  costOf?: (usage: Pick<Usage, 'inputTokens' | 'outputTokens'>) => number | null;
}

export class RunStore {
  private readonly s: Record<string, StatementSync>;
  private readonly now: () => number;
  private readonly costOf: NonNullable<RunStoreOptions['costOf']>;
  unreadable = 0;

  constructor(
    private readonly vault: DataVault,
    o: RunStoreOptions = {},
  ) {
    this.now = o.now ?? Date.now;
    this.costOf = o.costOf ?? (() => null);
    const db = vault.db;
    this.s = {
      insert: db.prepare('INSERT OR REPLACE INTO runs (id, started_at, sealed) VALUES (?, ?, ?)'),
      insertUsage: db.prepare('INSERT INTO run_usage (run_id, at, specialist, input_tokens, output_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?)'),
      clearUsage: db.prepare('DELETE FROM run_usage WHERE run_id = ?'),
      since: db.prepare('SELECT id, started_at, sealed FROM runs WHERE started_at >= ? ORDER BY started_at DESC LIMIT ?'),
      bySpecialist: db.prepare(
        'SELECT id, started_at, sealed FROM runs WHERE started_at >= ? AND id IN (SELECT run_id FROM run_usage WHERE specialist = ?) ORDER BY started_at DESC LIMIT ?',
      ),
      one: db.prepare('SELECT id, started_at, sealed FROM runs WHERE id = ?'),
      usageSince: db.prepare('SELECT run_id, at, specialist, input_tokens, output_tokens, cost_usd FROM run_usage WHERE at >= ?'),
      prune: db.prepare('DELETE FROM runs WHERE started_at < ?'),
      deleteAll: db.prepare('DELETE FROM runs'),
    };
    this.prune();
  }

  /** Keeps a run that ended: its events without the streamed deltas (the answer is in run_finished). */
  save(runId: string, startedAt: number, events: readonly ActivityEvent[]): void {
    const kept = events.filter((e) => e.type !== 'text_delta');
    const shares = usageShares(kept);
    inTransaction(this.vault.db, () => {
      this.s.insert!.run(runId, startedAt, this.vault.seal('runs', runId, { events: kept }));
      this.s.clearUsage!.run(runId);
      // A run with no tokens still counts as a run in the totals.
      const rows = shares.length > 0 ? shares : [{ specialist: TOP_AGENT, inputTokens: 0, outputTokens: 0 }];
      for (const share of rows) this.s.insertUsage!.run(runId, startedAt, share.specialist, share.inputTokens, share.outputTokens, this.costOf(share));
    });
  }

  /** Runs of the last `days` days (at most RUN_DAYS), newest first; `specialist` keeps those it took part in. */
  list(o: { days?: number; specialist?: string; limit?: number } = {}): StoredRun[] {
    const days = Math.min(RUN_DAYS, Math.max(1, o.days ?? RUN_DAYS));
    const since = this.now() - days * DAY_MS;
    const limit = Math.min(500, Math.max(1, o.limit ?? 200));
    const rows = (o.specialist ? this.s.bySpecialist!.all(since, o.specialist, limit) : this.s.since!.all(since, limit)) as { id: string; started_at: number; sealed: Uint8Array }[];
    return rows.flatMap((row) => this.open(row));
  }

  get(runId: string): StoredRun | null {
    const row = this.s.one!.get(runId) as { id: string; started_at: number; sealed: Uint8Array } | undefined;
    return row ? (this.open(row)[0] ?? null) : null;
  }

  private open(row: { id: string; started_at: number; sealed: Uint8Array }): StoredRun[] {
    try {
      const parsed = SealedRunSchema.safeParse(this.vault.unseal('runs', row.id, row.sealed));
      if (parsed.success) return [{ runId: row.id, startedAt: row.started_at, events: parsed.data.events }];
    } catch {
      // Counted; the record stays as it is.
    }
    this.unreadable++;
    return [];
  }

  /** Tokens, cost and runs per day and per month of the last RUN_DAYS days, in the person's time zone. */
  totals(utcOffsetMinutes = 0): UsageTotalsResponse {
    const rows = this.s.usageSince!.all(this.now() - RUN_DAYS * DAY_MS) as { run_id: string; at: number; specialist: string; input_tokens: number; output_tokens: number; cost_usd: number | null }[];
    const days = new Map<string, Period>();
    const months = new Map<string, Period>();
    for (const row of rows) {
      const local = new Date(row.at + utcOffsetMinutes * 60_000).toISOString();
      for (const [map, key] of [[days, local.slice(0, 10)], [months, local.slice(0, 7)]] as const) {
        const period = map.get(key) ?? new Period(key);
        period.add(row);
        map.set(key, period);
      }
    }
    const sorted = (m: Map<string, Period>) => [...m.values()].sort((a, b) => b.key.localeCompare(a.key)).map((p) => p.view());
    return { days: sorted(days), months: sorted(months) };
  }

  prune(): void {
    this.s.prune!.run(this.now() - RUN_DAYS * DAY_MS);
  }

  deleteAll(): void {
    this.s.deleteAll!.run();
  }
}

interface Sum {
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  runs: Set<string>;
}

function emptySum(): Sum {
  return { inputTokens: 0, outputTokens: 0, costUsd: null, runs: new Set() };
}

function addTo(sum: Sum, row: { run_id: string; input_tokens: number; output_tokens: number; cost_usd: number | null }): void {
  sum.inputTokens += row.input_tokens;
  sum.outputTokens += row.output_tokens;
  if (row.cost_usd !== null) sum.costUsd = (sum.costUsd ?? 0) + row.cost_usd;
  sum.runs.add(row.run_id);
}

class Period {
  private readonly all = emptySum();
  private readonly bySpecialist = new Map<string, Sum>();
  constructor(readonly key: string) {}

  add(row: { run_id: string; specialist: string; input_tokens: number; output_tokens: number; cost_usd: number | null }): void {
    addTo(this.all, row);
    const sum = this.bySpecialist.get(row.specialist) ?? emptySum();
    addTo(sum, row);
    this.bySpecialist.set(row.specialist, sum);
  }

  view(): UsagePeriod {
    const plain = (s: Sum) => ({ inputTokens: s.inputTokens, outputTokens: s.outputTokens, costUsd: s.costUsd, runs: s.runs.size });
    return {
      period: this.key,
      ...plain(this.all),
      bySpecialist: [...this.bySpecialist.entries()].map(([specialist, s]) => ({ specialist, ...plain(s) })).sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens)),
    };
  }
}
