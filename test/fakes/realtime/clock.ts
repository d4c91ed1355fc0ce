// Wall-clock helpers shared by the realtime fake (same epoch-ms scale as the fake OpenAI log).

/** Epoch milliseconds with sub-millisecond precision. */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
