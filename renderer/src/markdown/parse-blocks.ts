/**
 * The block structure of the Markdown FROK's agents write: paragraphs, headings, fenced
 * code, lists (with nested lists), blockquotes, simple tables and rules. Deliberately
 * forgiving, because answers are drawn while they stream: an unclosed fence is code up to
 * the end, a table without its separator row yet is a paragraph for a moment.
 * No HTML is recognised; `<b>` stays the text "<b>".
 */

export type Align = 'left' | 'center' | 'right' | null;

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { type: 'code'; language: string | null; text: string; closed: boolean }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'table'; align: Align[]; header: string[]; rows: string[][] }
  | { type: 'rule' };

/** Deeper structures than this are shown as plain paragraphs, so hostile input cannot recurse forever. */
const MAX_DEPTH = 6;

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;

interface ItemStart {
  indent: number;
  ordered: boolean;
  bullet: string;
  number: number;
  content: string;
  /** Where the item's text starts: its continuation lines are indented about this far. */
  contentIndent: number;
}

function itemStart(line: string): ItemStart | null {
  const m = ITEM.exec(line);
  if (!m) return null;
  const marker = m[2]!;
  const ordered = /\d/.test(marker[0]!);
  const indent = indentOf(m[1]!);
  return {
    indent,
    ordered,
    bullet: ordered ? marker.slice(-1) : marker,
    number: ordered ? Number.parseInt(marker, 10) : 1,
    content: m[3] ?? '',
    contentIndent: indent + marker.length + 1,
  };
}

function isTableStart(lines: readonly string[], i: number): boolean {
  const header = lines[i];
  const separator = lines[i + 1];
  if (header === undefined || separator === undefined) return false;
  return header.includes('|') && separator.includes('-') && (separator.includes('|') || header.trim().startsWith('|')) && TABLE_SEPARATOR.test(separator);
}

/** Lines that end a paragraph without a blank line between. */
function startsBlock(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  if (FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || isTableStart(lines, i)) return true;
  const item = itemStart(line);
  // "2019. A good year." is a sentence; only a list starting at 1 (or a bullet) interrupts a paragraph.
  return item !== null && item.content !== '' && (!item.ordered || item.number === 1);
}

export function parseBlocks(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  if (depth > MAX_DEPTH) return source.trim() ? [{ type: 'paragraph', text: source.trim() }] : [];
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i += 1;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !closing.test(lines[j]!)) body.push(lines[j++]!);
      const closed = j < lines.length;
      blocks.push({ type: 'code', language: fence[2] || null, text: body.join('\n'), closed });
      i = closed ? j + 1 : j;
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, text: heading[2] ?? '' });
      i += 1;
      continue;
    }

    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }

    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ type: 'blockquote', children: parseBlocks(inner.join('\n'), depth + 1) });
      continue;
    }

    if (isTableStart(lines, i)) {
      const header = splitRow(line);
      const align = splitRow(lines[i + 1]!).map(alignOf);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes('|')) {
        const cells = splitRow(lines[i++]!);
        rows.push(header.map((_, c) => cells[c] ?? ''));
      }
      blocks.push({ type: 'table', align: header.map((_, c) => align[c] ?? null), header, rows });
      continue;
    }

    const item = itemStart(line);
    if (item) {
      const parsed = parseList(lines, i, item, depth);
      blocks.push(parsed.block);
      i = parsed.next;
      continue;
    }

    const paragraph: string[] = [line.trim()];
    i += 1;
    while (i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines, i)) paragraph.push(lines[i++]!.trim());
    blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
  }
  return blocks;
}

/**
 * A list and everything indented under its items. Each item's lines are de-indented and
 * parsed again as blocks, which is how a nested list (or code under a step) comes out.
 */
function parseList(lines: readonly string[], from: number, first: ItemStart, depth: number): { block: Block; next: number } {
  const items: string[][] = [];
  const base = first.indent;
  // Lines indented at least this far belong to the current item (models indent by 2, 3 or 4).
  const nestedIndent = base + 2;
  let current: string[] = [];
  let contentIndent = first.contentIndent;
  let previousBlank = false;
  let i = from;

  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      current.push('');
      previousBlank = true;
      i += 1;
      continue;
    }
    const item = itemStart(line);
    const indent = indentOf(line);
    if (item && indent < nestedIndent) {
      // A sibling of the same kind continues the list; another kind of marker starts a new list.
      if (item.ordered !== first.ordered || item.bullet !== first.bullet) break;
      if (current.length || items.length) items.push(current);
      current = [item.content];
      contentIndent = item.contentIndent;
      previousBlank = false;
      i += 1;
      continue;
    }
    if (indent >= nestedIndent) {
      current.push(dedent(line, Math.min(indent, contentIndent)));
      previousBlank = false;
      i += 1;
      continue;
    }
    // Lazy continuation: unindented text right after an item's line still belongs to it.
    if (!previousBlank && !startsBlock(lines, i)) {
      current.push(line.trim());
      i += 1;
      continue;
    }
    break;
  }
  items.push(current);
  // Trailing blank lines belong after the list, not inside its last item.
  while (i > from && isBlank(lines[i - 1]!)) i -= 1;
  return {
    block: {
      type: 'list',
      ordered: first.ordered,
      start: first.number,
      items: items.map((itemLines) => parseBlocks(trimBlankEdges(itemLines).join('\n'), depth + 1)),
    },
    next: i,
  };
}

function dedent(line: string, by: number): string {
  let removed = 0;
  let at = 0;
  while (at < line.length && removed < by && (line[at] === ' ' || line[at] === '\t')) {
    removed += line[at] === '\t' ? 4 : 1;
    at += 1;
  }
  return line.slice(at);
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start += 1;
  while (end > start && isBlank(lines[end - 1]!)) end -= 1;
  return lines.slice(start, end);
}

/** Cells of a table row; `\|` is a pipe inside a cell. */
export function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '|') {
      cell += '|';
      i += 1;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

function alignOf(cell: string): Align {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
}
