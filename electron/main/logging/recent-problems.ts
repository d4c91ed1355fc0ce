/** The last warnings and errors FROK logged, kept in memory for Settings → About → Copy diagnostics. */

export interface Problem {
  /** ISO time it was logged. */
  at: string;
  level: 'warn' | 'error';
  /** The log line, already redacted. */
  text: string;
}

export const RECENT_PROBLEMS_CAPACITY = 50;
/** One runaway line (a huge stack, a response body) must not crowd out the rest. */
export const MAX_PROBLEM_LENGTH = 2000;

/** A fixed-size ring: adding to a full one drops the oldest. */
export class RecentProblems {
  private readonly items: (Problem | undefined)[];
  private next = 0;
  private count = 0;
  private readonly capacity: number;

  constructor(capacity: number = RECENT_PROBLEMS_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    this.items = new Array<Problem | undefined>(capacity);
  }

  add(problem: Problem): void {
    const text = problem.text.length > MAX_PROBLEM_LENGTH ? `${problem.text.slice(0, MAX_PROBLEM_LENGTH)}… (cut)` : problem.text;
    this.items[this.next] = { ...problem, text };
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Oldest first. */
  list(): Problem[] {
    const start = (this.next - this.count + this.capacity) % this.capacity;
    const out: Problem[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const item = this.items[(start + i) % this.capacity];
      if (item) out.push(item);
    }
    return out;
  }

  get size(): number {
    return this.count;
  }
}
