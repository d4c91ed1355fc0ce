/**
 * How fast fetch_page turns a big page into text (npm run bench): htmlToText on a 2 MiB
 * page of links, entities and inline markup, and on 100 000 nested elements; medians of
 * several runs after a warm-up, against the 3000 ms budget the tool allows a page.
 * Prints figures and ratios; it asserts nothing (the tests check the text, not the time).
 */
import { htmlToText } from '../electron/main/tools/fetch-page/html-to-text.ts';

const RUNS = 7;
const WARMUP = 2;
const BUDGET_MS = 3000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function time(html: string): { wall: number[]; cpu: number[]; chars: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let chars = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    chars = htmlToText(html).text.length;
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    if (i >= WARMUP) {
      wall.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall, cpu, chars };
}

const paragraph = '<p>Lorem <a href="#">ipsum</a> dolor &amp; sit <b>amet</b>, consectetur.</p>\n';
const cases = [
  ['2 MiB of paragraphs', `<main>${paragraph.repeat(Math.ceil((2 * 1024 * 1024) / paragraph.length))}</main>`],
  ['100 000 nested elements', '<div>'.repeat(100_000) + 'deep' + '</div>'.repeat(100_000)],
] as const;

console.log(`\nfetch_page htmlToText benchmark — Node ${process.version}; ${RUNS} runs after ${WARMUP} warm-up`);
console.log('page                          input KiB  text chars  median ms  cpu ms  budget ratio');
for (const [name, html] of cases) {
  const { wall, cpu, chars } = time(html);
  const ratio = median(wall) / BUDGET_MS;
  console.log(
    `${name.padEnd(29)} ${(html.length / 1024).toFixed(0).padStart(9)} ${String(chars).padStart(11)} ${median(wall).toFixed(1).padStart(10)} ` +
      `${median(cpu).toFixed(1).padStart(7)} ${ratio.toFixed(3).padStart(8)}  (target < 1, i.e. under ${BUDGET_MS} ms) ${ratio < 1 ? 'met' : 'MISSED'}`,
  );
}
