/**
 * Splits HTML into text, start-tag and end-tag tokens, following the HTML standard's
 * tokenizer closely enough for real pages: comments, doctypes, CDATA and processing
 * instructions vanish; attributes may be quoted, unquoted or bare; the contents of
 * <script>, <style> and friends are raw text up to their own end tag (so "</div>" in a
 * script cannot end anything); <title> and <textarea> are text with entities but no tags.
 * One pass, linear in the input.
 */
import { decodeEntities } from './html-entities';

export type HtmlToken =
  | { type: 'text'; text: string }
  | { type: 'start'; name: string; attributes: Map<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string };

const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea']);
const WHITESPACE = /[\t\n\f\r ]/;
const ASCII_LETTER = /[A-Za-z]/;

export function* tokenizeHtml(html: string): Generator<HtmlToken> {
  let pos = 0;
  const length = html.length;
  while (pos < length) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      yield text(html.slice(pos));
      return;
    }
    if (lt > pos) yield text(html.slice(pos, lt));
    pos = lt;
    const next = html[pos + 1];
    if (next !== undefined && ASCII_LETTER.test(next)) {
      const tag = readTag(html, pos + 1, 'start');
      if (!tag) return; // a tag cut off by the end of the input (the size cap) is dropped
      pos = tag.end;
      yield tag.token;
      if (tag.token.type === 'start' && !tag.token.selfClosing) {
        const name = tag.token.name;
        if (RAW_TEXT.has(name) || ESCAPABLE_RAW_TEXT.has(name)) {
          const close = findClosingTag(html, pos, name);
          const content = html.slice(pos, close);
          if (content) yield ESCAPABLE_RAW_TEXT.has(name) ? text(content) : { type: 'text', text: content };
          pos = close;
        }
      }
    } else if (next === '/') {
      const after = html[pos + 2];
      if (after !== undefined && ASCII_LETTER.test(after)) {
        const tag = readTag(html, pos + 2, 'end');
        if (!tag) return;
        pos = tag.end;
        yield tag.token;
      } else {
        pos = skipPast(html, pos + 2, '>'); // "</>" and "</ junk>" are ignored
      }
    } else if (html.startsWith('<!--', pos)) {
      pos = skipComment(html, pos + 4);
    } else if (html.startsWith('<![CDATA[', pos)) {
      pos = skipPast(html, pos + 9, ']]>');
    } else if (next === '!' || next === '?') {
      pos = skipPast(html, pos + 2, '>'); // doctype, bogus comment, processing instruction
    } else {
      yield { type: 'text', text: '<' };
      pos += 1;
    }
  }
}

function text(raw: string): HtmlToken {
  return { type: 'text', text: decodeEntities(raw) };
}

interface ReadTag {
  token: HtmlToken;
  end: number;
}

/** Reads a tag whose name starts at `start`; null when the input ends inside it. */
function readTag(html: string, start: number, kind: 'start' | 'end'): ReadTag | null {
  let pos = start;
  while (pos < html.length && !WHITESPACE.test(html[pos]!) && html[pos] !== '/' && html[pos] !== '>') pos += 1;
  const name = html.slice(start, pos).toLowerCase();
  const attributes = new Map<string, string>();
  let selfClosing = false;
  for (;;) {
    while (pos < html.length && (WHITESPACE.test(html[pos]!) || html[pos] === '/')) {
      selfClosing = html[pos] === '/' && html[pos + 1] === '>';
      pos += 1;
    }
    if (pos >= html.length) return null;
    if (html[pos] === '>') {
      pos += 1;
      break;
    }
    const nameStart = pos;
    pos += 1; // the first character may be anything, even "="
    while (pos < html.length && !WHITESPACE.test(html[pos]!) && !'/>='.includes(html[pos]!)) pos += 1;
    const attributeName = html.slice(nameStart, pos).toLowerCase();
    while (pos < html.length && WHITESPACE.test(html[pos]!)) pos += 1;
    let value = '';
    if (html[pos] === '=') {
      pos += 1;
      while (pos < html.length && WHITESPACE.test(html[pos]!)) pos += 1;
      const quote = html[pos];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, pos + 1);
        if (close < 0) return null;
        value = html.slice(pos + 1, close);
        pos = close + 1;
      } else {
        const valueStart = pos;
        while (pos < html.length && !WHITESPACE.test(html[pos]!) && html[pos] !== '>') pos += 1;
        value = html.slice(valueStart, pos);
      }
    }
    if (!attributes.has(attributeName)) attributes.set(attributeName, decodeEntities(value));
  }
  const token: HtmlToken = kind === 'start' ? { type: 'start', name, attributes, selfClosing } : { type: 'end', name };
  return { token, end: pos };
}

/** Where the raw text of `name` ends: at its end tag, or at the end of the input. */
function findClosingTag(html: string, from: number, name: string): number {
  const pattern = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'gi');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match ? match.index : html.length;
}

function skipComment(html: string, from: number): number {
  // "<!-->" and "<!--->" are complete (empty) comments.
  if (html[from] === '>') return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  return skipPast(html, from, '-->');
}

function skipPast(html: string, from: number, terminator: string): number {
  const at = html.indexOf(terminator, from);
  return at < 0 ? html.length : at + terminator.length;
}
