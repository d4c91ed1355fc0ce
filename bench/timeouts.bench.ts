/**
 * How promptly FROK gives up on a service that never answers (npm run bench): each case
 * sets a short timeout, points the client at something that stays silent, and times the
 * failure. Prints each give-up time and its ratio to the timeout set (1.0 is exact; the
 * target is < 5, i.e. nothing waits for the silent service itself). The tests check that
 * each one gives up, with the right words; how fast is this file's business.
 *
 *  - fetch_page, through a fetch that ignores the abort signal (timeout 100 ms);
 *  - the weather tool against a server that answers after 2 s (timeout 150 ms);
 *  - Home Assistant's connection test against a fake HA that answers after 5 s (timeout 300 ms).
 * Prints figures and ratios; it asserts nothing.
 */
import { createMemoryLogger } from '../electron/main/logger.ts';
import { HomeAssistantService } from '../electron/main/services/home/home-assistant.ts';
import { PageFetcher } from '../electron/main/tools/fetch-page/page-fetcher.ts';
import { WeatherService } from '../electron/main/tools/weather/index.ts';
import { startFakeHomeAssistant } from '../test/fakes/home-assistant/server.ts';
import { startFakeWeatherServer } from '../test/fakes/weather-server.ts';

const RUNS = 5;
const TARGET_RATIO = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function timeFailure(run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const outcome = await run().then(
      (value) => value,
      (err: unknown) => err,
    );
    const elapsed = performance.now() - started;
    // testConnection reports failure as a value; the others throw.
    const failed = outcome instanceof Error || (typeof outcome === 'object' && outcome !== null && (outcome as { ok?: boolean }).ok === false);
    if (!failed) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
    if (i > 0) times.push(elapsed); // the first is a warm-up
  }
  return times;
}

const rows: [string, number, number[]][] = [];
// The clients' timers are unref'd (they never keep FROK running); this keeps the bench alive.
const keepAlive = setInterval(() => {}, 1000);

{
  const fetcher = new PageFetcher({
    lookup: async () => [{ address: '93.184.216.34', family: 4 }],
    fetch: () => new Promise<Response>(() => {}),
    timeoutMs: 100,
  });
  rows.push(['fetch_page, a fetch that never settles', 100, await timeFailure(() => fetcher.fetchPage('https://slow.example.com/'))]);
}
{
  const server = await startFakeWeatherServer();
  server.setDelay(2_000);
  const weather = new WeatherService({ fetch, geocodingBaseUrl: server.url, forecastBaseUrl: server.url, timeoutMs: 150 });
  rows.push(['weather, a server 2 s late', 150, await timeFailure(() => weather.getWeather({ location: 'Tokyo' }))]);
  await server.close();
}
{
  const ha = await startFakeHomeAssistant();
  ha.setDelay(5_000);
  const service = new HomeAssistantService({ getConfig: async () => ({ url: ha.url, token: ha.token }), log: createMemoryLogger(), timeoutMs: 300 });
  rows.push(['Home Assistant test, an HA 5 s late', 300, await timeFailure(() => service.testConnection())]);
  await service.close();
  await ha.close();
}

clearInterval(keepAlive);

console.log(`\nFROK timeouts benchmark — Node ${process.version}; ${RUNS} runs each after a warm-up`);
console.log('case                                      timeout ms  median ms   max ms   median / timeout');
for (const [name, timeout, times] of rows) {
  const ratio = median(times) / timeout;
  console.log(
    `${name.padEnd(41)} ${String(timeout).padStart(10)} ${median(times).toFixed(1).padStart(10)} ${Math.max(...times).toFixed(1).padStart(8)}   ` +
      `${ratio.toFixed(2).padStart(6)}  (target < ${TARGET_RATIO}) ${ratio < TARGET_RATIO ? 'met' : 'MISSED'}`,
  );
}
