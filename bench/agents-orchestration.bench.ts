/**
 * Orchestration benchmark (npm run bench). With a fake model answering every call in
 * 200 ms, a manager query that needs three specialists:
 *  - wall time over the ideal parallel time (manager turn + one specialist + synthesis
 *    = 3 × 200 ms), target <= 1.15 — the specialists must run at the same time;
 *  - FROK's orchestration (AgentService.ask: activity events, tracking, cost) over a bare
 *    SDK Runner.run of the same agents on the same fake, target <= 1.05.
 * Prints figures and ratios; it asserts nothing.
 */
import { Agent, OpenAIProvider, Runner, setTracingDisabled } from '@openai/agents';
import { scriptByRoute, startFakeOpenAI } from '../test/fakes/openai/server.ts';
import { startTestServices } from '../test/support/node-services.ts';

const MODEL_LATENCY_MS = 200;
const RUNS = 12;
const WARMUP = 2;
const SPECIALISTS = ['memory', 'general', 'code'] as const;

setTracingDisabled(true);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

const fake = await startFakeOpenAI({ latencyMs: MODEL_LATENCY_MS });
fake.setScript(
  scriptByRoute([
    {
      when: { offersTool: 'memory_specialist', hasToolOutputs: false },
      reply: { toolCalls: SPECIALISTS.map((id) => ({ name: `${id}_specialist`, arguments: { input: `Part for ${id}` } })) },
    },
    { when: { instructionsStartWith: 'You are the ' }, reply: (r) => ({ text: `Answer from ${r.instructions.split(' ')[3]}.` }) },
    { when: { hasToolOutputs: true }, reply: (r) => ({ text: r.toolOutputs.map((o) => o.output).join(' ') }) },
  ]),
);

async function time(run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    await run();
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  return times;
}

// FROK: the whole service, as the window's agent:ask uses it.
const env = await startTestServices({ openaiUrl: fake.url, settings: { agents: { asksPerMinute: 1000 } } });
const caller = { id: 'bench', kind: 'main' as const };
const frok = await time(() => env.services.agents.ask({ query: 'Three-part question', pattern: 'manager', enabledSpecialists: [...SPECIALISTS] }, caller));
const peak = fake.maxConcurrentModelRequests;
await env.close();

// Bare SDK: the same shape of agents, no FROK around them.
const provider = new OpenAIProvider({ apiKey: 'sk-test-valid-key-1234', baseURL: fake.url, useResponses: true });
const runner = new Runner({ modelProvider: provider, tracingDisabled: true });
const specialistAgents = SPECIALISTS.map(
  (id) => new Agent({ name: `${id} specialist`, instructions: `You are the ${id[0]!.toUpperCase()}${id.slice(1)} specialist of FROK.`, model: 'gpt-5.6-luna' }),
);
const manager = new Agent({
  name: 'Manager',
  instructions: 'You are FROK, a desktop assistant.',
  model: 'gpt-5.6-luna',
  modelSettings: { parallelToolCalls: true },
  tools: specialistAgents.map((a, i) => a.asTool({ toolName: `${SPECIALISTS[i]}_specialist`, toolDescription: a.name, runConfig: { modelProvider: provider, tracingDisabled: true } })),
});
const bare = await time(async () => {
  const result = await runner.run(manager, 'Three-part question', { stream: true });
  for await (const _event of result) {
    // drain the stream as FROK does
  }
  await result.completed;
});
await fake.close();

const ideal = 3 * MODEL_LATENCY_MS;
const rows = [
  ['FROK agent:ask (manager, 3 specialists)', median(frok), p95(frok)],
  ['bare SDK Runner.run (same agents)', median(bare), p95(bare)],
] as const;
console.log(`\nFROK orchestration benchmark — Node ${process.version}; fake model latency ${MODEL_LATENCY_MS} ms; ${RUNS} runs after ${WARMUP} warm-up`);
console.log('run                                        median ms   p95 ms');
for (const [name, med, high] of rows) console.log(`${name.padEnd(42)} ${med.toFixed(1).padStart(9)} ${high.toFixed(1).padStart(8)}`);
console.log(`\nmost model calls in flight at once: ${peak} (3 means the specialists ran side by side)`);
const parallelRatio = median(frok) / ideal;
const overheadRatio = median(frok) / median(bare);
console.log(`wall time / ideal parallel time (${ideal} ms): ${parallelRatio.toFixed(3)}  (target <= 1.15) ${parallelRatio <= 1.15 ? 'met' : 'MISSED'}`);
console.log(`FROK / bare SDK:                              ${overheadRatio.toFixed(3)}  (target <= 1.05) ${overheadRatio <= 1.05 ? 'met' : 'MISSED'}`);
