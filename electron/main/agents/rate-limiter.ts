/** A sliding one-minute window: at most `limit()` asks in any 60 seconds. */
export class SlidingWindowRateLimiter {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limit: () => number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {}

  /** Records an attempt; returns 0 when allowed, else how many ms until one is. */
  tryAcquire(): number {
    const t = this.now();
    while (this.stamps.length && this.stamps[0]! <= t - this.windowMs) this.stamps.shift();
    if (this.stamps.length >= this.limit()) return this.stamps[0]! + this.windowMs - t;
    this.stamps.push(t);
    return 0;
  }
}
