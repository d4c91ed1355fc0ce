/** The in-memory ring of recent warnings and errors behind "Copy diagnostics". */
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEM_LENGTH, RECENT_PROBLEMS_CAPACITY, RecentProblems, type Problem } from '../../electron/main/logging/recent-problems';

const problem = (n: number, level: Problem['level'] = 'warn'): Problem => ({ at: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`, level, text: `problem ${n}` });

describe('RecentProblems', () => {
  it('keeps the last 50 by default, oldest first', () => {
    const ring = new RecentProblems();
    expect(RECENT_PROBLEMS_CAPACITY).toBe(50);
    expect(ring.list()).toEqual([]);
    for (let n = 1; n <= 120; n += 1) ring.add(problem(n, n % 2 ? 'warn' : 'error'));
    expect(ring.size).toBe(50);
    expect(ring.list().map((p) => p.text)).toEqual(Array.from({ length: 50 }, (_, i) => `problem ${71 + i}`));
    expect(ring.list()[0]!.level).toBe('warn');
  });

  it('below capacity keeps everything in order; at exactly capacity drops nothing', () => {
    const ring = new RecentProblems(3);
    ring.add(problem(1));
    ring.add(problem(2));
    expect(ring.list().map((p) => p.text)).toEqual(['problem 1', 'problem 2']);
    ring.add(problem(3));
    expect(ring.list().map((p) => p.text)).toEqual(['problem 1', 'problem 2', 'problem 3']);
    ring.add(problem(4));
    expect(ring.list().map((p) => p.text)).toEqual(['problem 2', 'problem 3', 'problem 4']);
  });

  it('cuts a runaway line, and list() hands out copies of its order', () => {
    const ring = new RecentProblems(2);
    ring.add({ ...problem(1), text: 'x'.repeat(MAX_PROBLEM_LENGTH * 3) });
    const [only] = ring.list();
    expect(only!.text.length).toBeLessThan(MAX_PROBLEM_LENGTH + 20);
    expect(only!.text.endsWith('… (cut)')).toBe(true);
    ring.list().pop();
    expect(ring.size).toBe(1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RecentProblems(0)).toThrow(RangeError);
    expect(() => new RecentProblems(2.5)).toThrow(RangeError);
  });
});
