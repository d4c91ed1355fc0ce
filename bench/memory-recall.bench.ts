/**
 * How fast recall answers on a well-used memory, set up as the app runs it: memories sealed
 * (AES-256-GCM) in an encrypted data file on disk, with the searchable working copy in
 * memory. Fills temporary data files with 10,000 and 100,000 varied synthetic memories
 * (seeded, so every run sees the same data; each remember written through, sealed), then
 * starts again as FROK would — opens the file, loads and unseals every memory into a new
 * working copy (timed) — and times 500 recall queries against it, printing p50/p95 against
 * the target.
 *
 *   node --experimental-transform-types bench/memory-recall.bench.ts
 *
 * Transform, not just strip, types: the data vault uses parameter properties. Everything
 * imported uses explicit `.ts` import paths.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

// Imported dynamically to explain the one way this script commonly breaks.
const explain = (err: unknown): never => {
  if ((err as { code?: string }).code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
    console.error(`A module the benchmark imports uses TypeScript that Node can't strip (${(err as Error).message.split('\n')[0]}).`);
    console.error('Run: node --experimental-transform-types bench/memory-recall.bench.ts');
    process.exit(1);
  }
  throw err;
};
const { MemoryStore } = await import('../electron/main/services/memory/memory-store.ts').catch(explain);
const { DataVault } = await import('../electron/main/services/data/data-vault.ts').catch(explain);
const { MemoryRecords } = await import('../electron/main/services/data/memory-records.ts').catch(explain);

/** The keychain, in memory: the benchmark is about the file and the working copy. */
function benchSecretStore() {
  const values = new Map<string, string>();
  return {
    kind: 'keychain' as const,
    get: async (name: string) => values.get(name) ?? null,
    set: async (name: string, value: string) => void values.set(name, value),
    delete: async (name: string) => void values.delete(name),
  };
}

async function openVault(file: string, secrets: ReturnType<typeof benchSecretStore>) {
  const opening = await DataVault.open({ file, secrets });
  if (opening.kind !== 'open') throw new Error(`the data file did not open: ${JSON.stringify(opening.problem)}`);
  return opening.vault;
}

const SIZES = [10_000, 100_000];
const QUERIES = 500;
const WARM_UP_QUERIES = 50;
const TARGET_P95_MS = 10;
const TARGET_SIZE = 100_000;

/** mulberry32: tiny, fast, and the same sequence on every machine for a given seed. */
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

const words = (list: string): string[] => list.trim().split(/\s*,\s*/u);
const W = {
  name: words(`Anna, Ben, Chloé, Dmitri, Elif, Farah, Giulia, Hiro, Ines, Jonas, Kwame, Lena, Mateo, Nadia, Omar, Priya,
    Quentin, Rosa, Sven, Tomás, Uma, Viktor, Wen, Ximena, Yusuf, Zoë, Aiden, Bea, Carlos, Dana, Emre, Fiona, Gustav,
    Hana, Ivan, Jamal, Keiko, Lars, Maya, Nils, Olga, Pablo, Rania, Sofia, Theo, Ugo, Vera, Will, Yara, Zane`),
  relation: words(`sister, brother, mother, father, wife, husband, partner, son, daughter, grandmother, grandfather, aunt,
    uncle, cousin, niece, nephew, best friend, neighbour, boss, colleague, flatmate, godson`),
  food: words(`sushi, ramen, lasagne, falafel, pho, tacos, paella, curry, dumplings, risotto, pierogi, shakshuka, biryani,
    croissants, porridge, kimchi, goulash, tagine, ceviche, pad thai, moussaka, bibimbap, jollof rice, crème brûlée,
    tiramisu, baklava, gnocchi, halloumi, peanuts, shellfish, gluten, lactose, mushrooms, olives, coriander, anchovies`),
  drink: words(`espresso, flat white, green tea, rooibos, oat latte, sparkling water, ginger beer, mint tea, hot chocolate,
    matcha, cold brew, chai, lemonade, kombucha, decaf`),
  colour: words(`teal, crimson, mustard yellow, forest green, navy, lavender, burnt orange, charcoal, coral, sky blue,
    burgundy, ivory, emerald, turquoise, plum, ochre`),
  place: words(`Lisbon, Kyoto, Reykjavík, Marrakech, Oaxaca, Tallinn, Hobart, Bergen, Cusco, Hanoi, Porto, Ljubljana,
    Valparaíso, Zanzibar, Kraków, Québec, Tbilisi, Bruges, Queenstown, Seville, the Dolomites, the Lake District`),
  activity: words(`running, swimming, cycling, climbing, yoga, pilates, rowing, hiking, boxing, tennis, badminton, chess,
    pottery, knitting, baking, gardening, birdwatching, salsa dancing, kayaking, skiing, meditation, woodworking,
    photography, painting, choir practice, piano practice, football, volleyball`),
  weekday: words(`Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday`),
  month: words(`January, February, March, April, May, June, July, August, September, October, November, December`),
  timeOfDay: words(`early morning, morning, lunchtime, afternoon, evening, late evening, night`),
  room: words(`living room, kitchen, bedroom, study, hallway, garage, bathroom, nursery, porch, attic, basement, garden`),
  device: words(`lights, heating, blinds, speaker, fan, air purifier, thermostat, lamp, kettle, robot vacuum, doorbell`),
  lighting: words(`warm, dim, bright, cool white, amber, soft, candle-like, daylight`),
  genre: words(`jazz, lo-fi, classical, drum and bass, folk, bossa nova, k-pop, ambient, blues, reggae, techno, opera,
    sci-fi novels, crime podcasts, nature documentaries, historical dramas, stand-up comedy, anime`),
  pet: words(`dog, cat, rabbit, parrot, tortoise, hamster, goldfish, ferret`),
  petName: words(`Biscuit, Pepper, Miso, Luna, Mochi, Rocky, Noodle, Ziggy, Olive, Bean, Pixel, Waffles`),
  job: words(`nurse, architect, software engineer, teacher, electrician, pharmacist, chef, translator, accountant,
    paramedic, carpenter, data analyst, physiotherapist, journalist, pilot`),
  company: words(`Northwind, Acme, Globex, Initech, Umbrella Health, Stark Logistics, Wayne Foods, Soylent, Hooli, Vandelay`),
  car: words(`Skoda Octavia, Toyota Prius, Volvo XC40, Renault Zoe, Tesla Model 3, VW Golf, Nissan Leaf, Mini Cooper`),
};

type Pick = (list: string[]) => string;

const TEMPLATES: ReadonlyArray<(p: Pick, n: (max: number) => number) => string> = [
  (p) => `My favourite colour is ${p(W.colour)}`,
  (p) => `I prefer ${p(W.lighting)} lighting in the ${p(W.room)} in the ${p(W.timeOfDay)}`,
  (p, n) => `My ${p(W.relation)} ${p(W.name)}'s birthday is on ${n(28) + 1} ${p(W.month)}`,
  (p) => `I'm allergic to ${p(W.food)}`,
  (p) => `I really dislike ${p(W.food)}, please never suggest it`,
  (p) => `I love ${p(W.food)}, especially from the place near ${p(W.name)}'s flat`,
  (p) => `I usually go ${p(W.activity)} on ${p(W.weekday)} ${p(W.timeOfDay)}s`,
  (p) => `${p(W.name)} is my ${p(W.relation)} and lives in ${p(W.place)}`,
  (p) => `I work as a ${p(W.job)} at ${p(W.company)}`,
  (p, n) => `My ${p(W.pet)} is called ${p(W.petName)} and is ${n(15) + 1} years old`,
  (p) => `I drink ${p(W.drink)} in the ${p(W.timeOfDay)}, never after 4pm`,
  (p, n) => `The ${p(W.room)} ${p(W.device)} should be set to ${n(60) + 15} percent when I watch films`,
  (p) => `Turn the ${p(W.device)} off in the ${p(W.room)} when I leave for ${p(W.activity)}`,
  (p) => `I listen to ${p(W.genre)} while working`,
  (p, n) => `We are planning a trip to ${p(W.place)} in ${p(W.month)} ${2025 + n(3)}`,
  (p) => `I've been to ${p(W.place)} with ${p(W.name)} and loved the ${p(W.food)}`,
  (p) => `My ${p(W.relation)} ${p(W.name)} is vegetarian and can't eat ${p(W.food)}`,
  (p) => `I drive a ${p(W.colour)} ${p(W.car)}`,
  (p, n) => `My ${p(W.relation)}'s phone ends in ${1000 + n(9000)}`,
  (p) => `I want to learn ${p(W.activity)} this year with ${p(W.name)}`,
  (p, n) => `The bins go out every ${p(W.weekday)} evening; recycling every ${n(3) + 2} weeks`,
  (p) => `I'm reading about ${p(W.genre)} and want recommendations from ${p(W.place)}`,
  (p) => `Remind me that ${p(W.name)} owes me ${p(W.drink)} after ${p(W.activity)}`,
  (p, n) => `My ${p(W.activity)} class with ${p(W.name)} starts at ${n(12) + 7}:${n(2) ? '30' : '00'} on ${p(W.weekday)}s`,
  (p) => `Call me ${p(W.name)}, not by my full name`,
  (p) => `I sleep better with the ${p(W.device)} on in the ${p(W.room)}`,
  (p) => `Gift idea for ${p(W.name)}: a ${p(W.colour)} scarf and some ${p(W.drink)}`,
  (p) => `I support the ${p(W.place)} ${p(W.activity)} club`,
];

const QUESTIONS: ReadonlyArray<(p: Pick) => string> = [
  () => `what's my favourite colour?`,
  (p) => `When is my ${p(W.relation)}'s birthday?`,
  (p) => `what am I allergic to — ${p(W.food)}?`,
  (p) => `do I like ${p(W.food)}`,
  (p) => `when do I go ${p(W.activity)}`,
  (p) => `where does ${p(W.name)} live`,
  (p) => `${p(W.name)}`,
  (p) => `how do I like the ${p(W.room)} lighting in the ${p(W.timeOfDay)}`,
  (p) => `what's my ${p(W.pet)} called`,
  (p) => `what should the ${p(W.device)} be set to in the ${p(W.room)}`,
  (p) => `trip to ${p(W.place)} in ${p(W.month)}`,
  (p) => `what music do I listen to, ${p(W.genre)}?`,
  (p) => `gift ideas for ${p(W.name)} ${p(W.colour)}`,
  (p) => `which car do I drive? ${p(W.car)}`,
  (p) => `what do I drink in the ${p(W.timeOfDay)}`,
  () => `what do you remember about me?`,
  (p) => `"${p(W.food)}" NEAR(${p(W.place)} * -${p(W.name)}): OR DROP TABLE memories; -- 🎉`,
  (p) => `${p(W.activity)} ${p(W.weekday)} ${p(W.timeOfDay)} ${p(W.name)} ${p(W.place)} ${p(W.food)} ${p(W.colour)} ${p(W.genre)}`,
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

interface Result {
  size: number;
  fillSeconds: number;
  /** Opening the data file and unsealing every memory into a new working copy. */
  loadSeconds: number;
  fileMb: number;
  rememberP95: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpuP95: number;
  meanHits: number;
}

async function run(size: number, dir: string): Promise<Result> {
  const random = seededRandom(size);
  const pick: Pick = (list) => list[Math.floor(random() * list.length)]!;
  const n = (max: number): number => Math.floor(random() * max);
  const file = join(dir, `frok-data-${size}.db`);
  const secrets = benchSecretStore();
  const fillVault = await openVault(file, secrets);
  const filling = MemoryStore.open(':memory:');
  filling.attach(new MemoryRecords(fillVault));
  const rememberTimes: number[] = [];
  const fillStart = performance.now();
  // Identical sentences merge into one memory, so keep going until the store holds `size`.
  while (filling.count() < size) {
    for (let i = filling.count(); i < size; i++) {
      const template = TEMPLATES[n(TEMPLATES.length)]!;
      const tags = [pick(['home', 'food', 'family', 'health', 'travel', 'work', 'hobbies', 'music', 'pets'])];
      const origin = { conversationId: `conv-${n(5000)}`, savedBy: 'memory', voiceSessionId: null };
      const started = performance.now();
      filling.remember({ fact: template(pick, n), tags, source: random() < 0.5 ? 'user' : 'agent', origin });
      rememberTimes.push(performance.now() - started);
    }
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  filling.close();
  fillVault.close();
  const fileMb = statSync(file).size / 1e6;

  // FROK starting again: open the file, unseal every memory into a fresh working copy.
  const loadStart = performance.now();
  const vault = await openVault(file, secrets);
  const store = MemoryStore.open(':memory:');
  const { loaded } = store.attach(new MemoryRecords(vault));
  const loadSeconds = (performance.now() - loadStart) / 1000;
  if (loaded !== size) throw new Error(`loaded ${loaded} memories, expected ${size}`);

  const queries = Array.from({ length: QUERIES + WARM_UP_QUERIES }, () => QUESTIONS[n(QUESTIONS.length)]!(pick));
  const times: number[] = [];
  // CPU time next to wall time: on a busy machine wall time also counts waiting for a core.
  const cpuTimes: number[] = [];
  let hits = 0;
  queries.forEach((query, i) => {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const found = store.recall({ query });
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    if (i >= WARM_UP_QUERIES) {
      times.push(elapsed);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      hits += found.length;
    }
  });
  store.close();
  vault.close();

  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  rememberTimes.sort((a, b) => a - b);
  return {
    size,
    fillSeconds,
    loadSeconds,
    fileMb,
    rememberP95: percentile(rememberTimes, 95),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1]!,
    cpuP95: percentile(cpuTimes, 95),
    meanHits: hits / times.length,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'frok-memory-bench-'));
try {
  console.log(`FROK memory recall benchmark — Node ${process.version}, ${QUERIES} recall queries per size (after ${WARM_UP_QUERIES} warm-up), limit 5`);
  console.log('Memories sealed (AES-256-GCM) in an encrypted data file, working copy in memory; remember writes through to the file.');
  console.log(`Load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} — wall times include waiting for a core on a busy machine.\n`);
  const results: Result[] = [];
  for (const size of SIZES) results.push(await run(size, dir));
  const header = ['memories', 'fill (s)', 'file MB', 'load at start (s)', 'remember p95 ms', 'recall p50 ms', 'recall p95 ms', 'recall p99 ms', 'recall max ms', 'recall p95 CPU ms', 'hits/query'];
  const rows = results.map((r) => [
    r.size.toLocaleString('en-GB'),
    r.fillSeconds.toFixed(1),
    r.fileMb.toFixed(1),
    r.loadSeconds.toFixed(2),
    r.rememberP95.toFixed(3),
    r.p50.toFixed(3),
    r.p95.toFixed(3),
    r.p99.toFixed(3),
    r.max.toFixed(3),
    r.cpuP95.toFixed(3),
    r.meanHits.toFixed(1),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padStart(widths[c]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));

  const atTarget = results.find((r) => r.size === TARGET_SIZE)!;
  const met = atTarget.p95 <= TARGET_P95_MS;
  console.log(
    `\nTarget: recall p95 <= ${TARGET_P95_MS} ms at ${TARGET_SIZE.toLocaleString('en-GB')} memories — measured ${atTarget.p95.toFixed(3)} ms: ${met ? 'MET' : 'MISSED'}`,
  );
  if (!met) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
