/**
 * Inline Markdown: **bold**, *italic*, ~~struck~~, `code`, [links](https://…), bare
 * https:// addresses and hard line breaks. Unmatched markers stay as typed, which is what
 * a half-streamed "**impor" should look like. Only http(s) links become links.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'del'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

const MAX_DEPTH = 8;
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
const BARE_URL = /^https?:\/\/[^\s<>]+/i;
const ANGLE_URL = /^<(https?:\/\/[^\s<>]+)>/i;

/** The href to use, or null for anything that is not a plain web address (javascript:, file:, relative…). */
export function safeHref(raw: string): string | null {
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function parseInline(source: string, depth = 0): Inline[] {
  if (depth > MAX_DEPTH) return source ? [{ type: 'text', text: source }] : [];
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  // Once a search for a closing marker fails from some point, it fails from any later point too:
  // remembering that keeps long runs of unmatched markers linear instead of quadratic.
  const noCloseAfter = new Map<string, number>();
  const search = (key: string, from: number, find: () => number): number => {
    const failedAt = noCloseAfter.get(key);
    if (failedAt !== undefined && from >= failedAt) return -1;
    const found = find();
    if (found < 0) noCloseAfter.set(key, from);
    return found;
  };

  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const previous = i > 0 ? source[i - 1]! : '';

    if (c === '\\' && i + 1 < source.length && PUNCTUATION.test(source[i + 1]!)) {
      buffer += source[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      flush();
      out.push({ type: 'break' });
      i += 1;
      continue;
    }
    if (c === '`') {
      const run = runLength(source, i, '`');
      const close = search(`code${run}`, i, () => findCodeClose(source, i + run, run));
      if (close < 0) {
        buffer += '`'.repeat(run);
        i += run;
        continue;
      }
      flush();
      let code = source.slice(i + run, close).replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
      out.push({ type: 'code', text: code });
      i = close + run;
      continue;
    }
    if (c === '[') {
      const link = matchLink(source, i);
      if (link) {
        flush();
        const children = parseInline(link.label, depth + 1);
        const href = safeHref(link.url);
        // A link we will not open still shows its words.
        if (href) out.push({ type: 'link', href, children });
        else out.push(...children);
        i = link.end;
        continue;
      }
    }
    if (c === '<') {
      const m = ANGLE_URL.exec(source.slice(i));
      const href = m ? safeHref(m[1]!) : null;
      if (m && href) {
        flush();
        out.push({ type: 'link', href, children: [{ type: 'text', text: m[1]! }] });
        i += m[0].length;
        continue;
      }
    }
    // Not right after "](": that is a link whose closing parenthesis has not streamed in yet.
    if ((c === 'h' || c === 'H') && !WORD.test(previous) && previous !== '/' && source.slice(i - 2, i) !== '](') {
      const url = bareUrl(source.slice(i));
      const href = url ? safeHref(url) : null;
      if (url && href) {
        flush();
        out.push({ type: 'link', href, children: [{ type: 'text', text: url }] });
        i += url.length;
        continue;
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      const span = matchEmphasis(source, i, c, search);
      if (span) {
        flush();
        out.push({ type: span.type, children: parseInline(source.slice(span.innerStart, span.innerEnd), depth + 1) } as Inline);
        i = span.end;
        continue;
      }
      const run = runLength(source, i, c);
      buffer += c.repeat(run);
      i += run;
      continue;
    }
    buffer += c;
    i += 1;
  }
  flush();
  return out;
}

function runLength(source: string, at: number, char: string): number {
  let n = 0;
  while (source[at + n] === char) n += 1;
  return n;
}

/** A closing run of exactly `run` backticks. */
function findCodeClose(source: string, from: number, run: number): number {
  let j = source.indexOf('`', from);
  while (j >= 0) {
    const length = runLength(source, j, '`');
    if (length === run) return j;
    j = source.indexOf('`', j + length);
  }
  return -1;
}

/** [label](url "title"): brackets and parentheses may nest. */
function matchLink(source: string, at: number): { label: string; url: string; end: number } | null {
  let depth = 0;
  let j = at;
  for (; j < source.length; j += 1) {
    const c = source[j];
    if (c === '\\') j += 1;
    else if (c === '[') depth += 1;
    else if (c === ']' && --depth === 0) break;
    else if (c === '\n' && source[j + 1] === '\n') return null;
  }
  if (j >= source.length || source[j + 1] !== '(') return null;
  const label = source.slice(at + 1, j);
  let parens = 0;
  let k = j + 1;
  for (; k < source.length; k += 1) {
    const c = source[k];
    if (c === '\\') k += 1;
    else if (c === '(') parens += 1;
    else if (c === ')' && --parens === 0) break;
    else if (c === '\n') return null;
  }
  if (k >= source.length) return null;
  const inside = source.slice(j + 2, k).trim();
  const url = inside.startsWith('<') ? inside.slice(1, inside.indexOf('>') >= 0 ? inside.indexOf('>') : undefined) : inside.split(/\s+/)[0] ?? '';
  return { label, url, end: k + 1 };
}

/** A bare address, without the sentence's punctuation after it ("see https://x.org."). */
function bareUrl(text: string): string | null {
  const m = BARE_URL.exec(text);
  if (!m) return null;
  let url = m[0];
  for (;;) {
    const last = url.at(-1)!;
    if (/[.,;:!?'"*_~]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    else break;
  }
  return /^https?:\/\/.+/i.test(url) ? url : null;
}

const count = (text: string, char: string) => text.split(char).length - 1;

interface EmphasisSpan {
  type: 'strong' | 'em' | 'del';
  innerStart: number;
  innerEnd: number;
  end: number;
}

/**
 * Emphasis opening at `at`: `**`/`__` strong, `*`/`_` em, `~~` struck. The opener must be
 * followed by a non-space and the closer preceded by one; underscores inside words
 * (snake_case) are never emphasis.
 */
function matchEmphasis(
  source: string,
  at: number,
  char: '*' | '_' | '~',
  search: (key: string, from: number, find: () => number) => number,
): EmphasisSpan | null {
  const run = runLength(source, at, char);
  const previous = at > 0 ? source[at - 1]! : '';
  if (char === '_' && WORD.test(previous)) return null;
  const attempts: { width: number; type: EmphasisSpan['type'] }[] =
    char === '~' ? (run >= 2 ? [{ width: 2, type: 'del' }] : []) : run >= 2 ? [{ width: 2, type: 'strong' }, { width: 1, type: 'em' }] : [{ width: 1, type: 'em' }];
  for (const { width, type } of attempts) {
    const innerStart = at + width;
    const next = source[innerStart];
    if (next === undefined || /\s/.test(next)) continue;
    const close = search(`${char}${width}`, at, () => findEmphasisClose(source, innerStart, char, width));
    if (close < 0) continue;
    return { type, innerStart, innerEnd: close, end: close + width };
  }
  return null;
}

function findEmphasisClose(source: string, from: number, char: string, width: number): number {
  let j = from;
  while (j < source.length) {
    const c = source[j]!;
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === '`') {
      // Markers inside inline code do not close anything.
      const run = runLength(source, j, '`');
      const close = findCodeClose(source, j + run, run);
      j = close < 0 ? j + run : close + run;
      continue;
    }
    if (c === '\n' && source[j + 1] === '\n') return -1;
    if (c === char) {
      const run = runLength(source, j, char);
      const before = source[j - 1] ?? '';
      const after = source[j + run] ?? '';
      const fits = width === 2 ? run >= 2 : run === 1 || run === 3;
      if (fits && j > from && !/\s/.test(before) && !(char === '_' && WORD.test(after))) {
        // "***both***" closes the strong at the last two of a run of three.
        return width === 2 ? j + run - 2 : j;
      }
      j += run;
      continue;
    }
    j += 1;
  }
  return -1;
}
