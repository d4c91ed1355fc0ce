import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetAlert } from '@shared/desktop';
import { EMPTY_BUDGET_FILE, openBudgetFile, type BudgetFile, type BudgetFileStorage } from '../../electron/main/desktop/budget/budget-file';
import { BudgetTracker, budgetAlertMessage, budgetLevel, monthKey } from '../../electron/main/desktop/budget/budget-tracker';
import { createMemoryLogger } from '../../electron/main/logger';

function memoryStorage(initial: BudgetFile = structuredClone(EMPTY_BUDGET_FILE)): BudgetFileStorage & { data: BudgetFile; writes: number } {
  return {
    data: initial,
    writes: 0,
    read() {
      return structuredClone(this.data);
    },
    write(data) {
      this.writes++;
      this.data = structuredClone(data);
    },
  };
}

function tracker(o: { cap: number | null; at: Date; storage?: ReturnType<typeof memoryStorage> }) {
  const storage = o.storage ?? memoryStorage();
  const alerts: BudgetAlert[] = [];
  let now = o.at.getTime();
  let cap = o.cap;
  const t = new BudgetTracker({ storage, capUsd: () => cap, onAlert: (a) => alerts.push(a), now: () => now, log: createMemoryLogger() });
  return {
    t,
    storage,
    alerts,
    setNow: (d: Date) => void (now = d.getTime()),
    setCap: (c: number | null) => void (cap = c),
  };
}

describe('budget levels', () => {
  it('is ok below 80 %, warning from 80 %, exceeded from 100 %; no cap is always ok', () => {
    expect(budgetLevel(7.99, 10)).toBe('ok');
    expect(budgetLevel(8, 10)).toBe('warning');
    expect(budgetLevel(10, 10)).toBe('exceeded');
    expect(budgetLevel(1000, null)).toBe('ok');
    expect(budgetLevel(0, 0)).toBe('ok');
    expect(budgetLevel(0.01, 0)).toBe('exceeded');
  });

  it('names months by the local calendar', () => {
    expect(monthKey(new Date(2026, 0, 31, 23, 59))).toBe('2026-01');
    expect(monthKey(new Date(2026, 1, 1, 0, 0))).toBe('2026-02');
    expect(budgetAlertMessage('warning', 8.5, 10)).toBe('FROK has used $8.50 of your $10.00 monthly budget (85 %). You can change the cap in Settings → Budget.');
  });
});

describe('BudgetTracker', () => {
  it('sums the month’s costs and ignores unknown ones', () => {
    const { t, storage } = tracker({ cap: null, at: new Date(2026, 2, 10) });
    t.add(0.25);
    t.add(null);
    t.add(0);
    t.add(Number.NaN);
    t.add(0.5);
    expect(t.status()).toEqual({ month: '2026-03', spentUsd: 0.75, capUsd: null, level: 'ok' });
    expect(storage.writes).toBe(2);
  });

  it('alerts once at 80 % and once at 100 % in a month', () => {
    const { t, alerts } = tracker({ cap: 10, at: new Date(2026, 2, 10) });
    t.add(7);
    expect(alerts).toEqual([]);
    t.add(1.5);
    expect(alerts).toEqual([{ level: 'warning', message: expect.stringContaining('85 %') }]);
    t.add(0.5);
    expect(alerts).toHaveLength(1);
    t.add(1);
    expect(alerts.map((a) => a.level)).toEqual(['warning', 'exceeded']);
    expect(alerts[1]!.message).toContain('over your $10.00 monthly budget');
    t.add(5);
    expect(alerts).toHaveLength(2);
    expect(t.status().level).toBe('exceeded');
  });

  it('jumping straight past 100 % gives one exceeded alert, not a late warning', () => {
    const { t, alerts } = tracker({ cap: 1, at: new Date(2026, 2, 10) });
    t.add(3);
    t.add(1);
    expect(alerts.map((a) => a.level)).toEqual(['exceeded']);
  });

  it('starts from zero in a new month, alerting again there', () => {
    const { t, alerts, setNow } = tracker({ cap: 10, at: new Date(2026, 0, 31, 23, 50) });
    t.add(9);
    expect(alerts.map((a) => a.level)).toEqual(['warning']);
    setNow(new Date(2026, 1, 1, 0, 5));
    expect(t.status()).toEqual({ month: '2026-02', spentUsd: 0, capUsd: 10, level: 'ok' });
    t.add(8);
    expect(alerts.map((a) => a.level)).toEqual(['warning', 'warning']);
    // The year turns over too.
    setNow(new Date(2026, 11, 31, 23, 59));
    t.add(1);
    setNow(new Date(2027, 0, 1, 0, 1));
    expect(t.status()).toMatchObject({ month: '2027-01', spentUsd: 0 });
  });

  it('checks again when the cap is lowered below what was spent', () => {
    const { t, alerts, setCap } = tracker({ cap: 100, at: new Date(2026, 2, 10) });
    t.add(9);
    setCap(10);
    t.recheck();
    expect(alerts.map((a) => a.level)).toEqual(['warning']);
    t.recheck();
    expect(alerts).toHaveLength(1);
    setCap(null);
    t.recheck();
    expect(t.status().level).toBe('ok');
  });

  it('remembers the month and its alerts across restarts', () => {
    const storage = memoryStorage();
    const first = tracker({ cap: 10, at: new Date(2026, 2, 10), storage });
    first.t.add(8.5);
    const second = tracker({ cap: 10, at: new Date(2026, 2, 11), storage });
    expect(second.t.status().spentUsd).toBe(8.5);
    second.t.add(0.1);
    expect(second.alerts).toEqual([]);
  });

  it('keeps about a year of months in the file', () => {
    const { t, storage, setNow } = tracker({ cap: null, at: new Date(2024, 0, 1) });
    for (let m = 0; m < 30; m++) {
      setNow(new Date(2024, m, 15));
      t.add(1);
    }
    expect(Object.keys(storage.data.months)).toHaveLength(13);
    expect(Object.keys(storage.data.months).sort()[0]).toBe('2025-06');
  });
});

describe('the budget file', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('round-trips, and a damaged file is moved aside and counting starts again', () => {
    dir = mkdtempSync(join(tmpdir(), 'frok-budget-'));
    const path = join(dir, 'budget.json');
    const log = createMemoryLogger();
    const file = openBudgetFile(path, log);
    expect(file.read()).toEqual(EMPTY_BUDGET_FILE);
    file.write({ version: 1, months: { '2026-03': { spentUsd: 1.5, alerted: ['warning'] } } });
    expect(openBudgetFile(path, log).read().months['2026-03']).toEqual({ spentUsd: 1.5, alerted: ['warning'] });
    expect(existsSync(`${path}.tmp`)).toBe(false);

    writeFileSync(path, '{"version":1,"months":{"2026-03":{"spentUsd":-4,"alerted":[]}}}');
    expect(openBudgetFile(path, log).read()).toEqual(EMPTY_BUDGET_FILE);
    expect(readdirSync(dir).some((n) => n.startsWith('budget.json.unreadable-'))).toBe(true);
    writeFileSync(path, 'not json');
    expect(openBudgetFile(path, log).read()).toEqual(EMPTY_BUDGET_FILE);
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('a tracker whose file cannot be written keeps counting in memory', () => {
    const storage = memoryStorage();
    storage.write = () => {
      throw new Error('ENOSPC');
    };
    const { t } = tracker({ cap: null, at: new Date(2026, 2, 10), storage });
    t.add(2);
    expect(t.status().spentUsd).toBe(2);
  });
});
