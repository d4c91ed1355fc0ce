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
    const wait = this.waitMs();
    if (wait === 0) this.stamps.push(this.now());
    return wait;
  }

  /** How long until an attempt would be allowed (0: now), without recording one. */
  waitMs(): number {
    const t = this.now();
    while (this.stamps.length && this.stamps[0]! <= t - this.windowMs) this.stamps.shift();
    return this.stamps.length >= this.limit() ? this.stamps[0]! + this.windowMs - t : 0;
  }
}
