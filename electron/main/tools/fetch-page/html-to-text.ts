/**
 * Turns an HTML page into the text a reader would take from it, in light Markdown
 * ("# " headings, "- " and "1. " list items, "a | b" table rows, "> " quotes) so the
 * research agent sees the page's structure without its markup.
 *
 * What is read: the <main> element when there is one, else the outermost <article>s,
 * else the whole <body> minus page chrome (footer, aside). Never read: scripts, styles,
 * <head>, <svg>, <template>, forms' controls, navigation, dialogs, and anything hidden
 * (hidden, aria-hidden="true", display:none). Link text stays; link targets do not.
 */
import { parseHtml, type ElementNode, type HtmlNode } from './html-tree';
import { TextWriter } from './text-writer';

export interface PageText {
  title: string | null;
  text: string;
}

const NEVER_READ = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'audio', 'video', 'select', 'datalist', 'button', 'input', 'textarea', 'nav', 'noembed', 'noframes',
]);
const CHROME_ROLES = new Set(['navigation', 'dialog', 'alertdialog']);
/** Page furniture skipped when the whole body is read (a <main> or <article> excludes it anyway). */
const BODY_CHROME = new Set(['footer', 'aside']);
const BODY_CHROME_ROLES = new Set(['contentinfo', 'complementary', 'search']);

const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const PARAGRAPH_BLOCKS = new Set(['p', 'table', 'figure', 'hr', 'dl', 'address', 'fieldset', 'details']);
const LINE_BLOCKS = new Set([
  'html', 'body', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'form', 'figcaption', 'summary',
  'hgroup', 'legend', 'center', 'dialog', 'search', 'caption', 'option', 'optgroup', 'label', 'tbody', 'thead', 'tfoot', 'dt',
]);
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

export function htmlToText(html: string): PageText {
  const document = parseHtml(html.replace(/\r\n?/g, '\n'));
  const { roots, readingBody } = chooseContent(document);
  const writer = new TextWriter();
  const renderer = new Renderer(writer, readingBody);
  for (const root of roots) {
    renderer.render(root, { pre: false, inCell: false, list: null });
    writer.breakLine(true);
  }
  return { title: findTitle(document), text: writer.toString().trim() };
}

interface RenderContext {
  pre: boolean;
  inCell: boolean;
  list: { ordered: boolean; next: number } | null;
}

class Renderer {
  constructor(
    private readonly writer: TextWriter,
    private readonly readingBody: boolean,
  ) {}

  render(node: HtmlNode, context: RenderContext): void {
    if (node.type === 'text') {
      if (context.pre) this.writer.writePreformatted(node.text.replace(/[\u00AD\u200B]/g, ''));
      else this.writer.writeInline(collapseWhitespace(node.text));
      return;
    }
    if (isNeverRead(node) || (this.readingBody && isBodyChrome(node))) return;
    const name = node.name;
    const level = HEADINGS[name];
    if (level) return this.heading(node, level, context);
    switch (name) {
      case 'br':
        return context.pre ? this.writer.writePreformatted('\n') : this.block(context, false);
      case 'ul':
      case 'ol':
      case 'menu':
        return this.list(node, context);
      case 'li':
        return this.listItem(node, context);
      case 'tr':
        return this.tableRow(node, context);
      case 'pre':
        return this.preformatted(node, context);
      case 'blockquote':
        return this.indented(node, context, '> ', true);
      case 'dd':
        return this.indented(node, context, '  ', false);
    }
    if (PARAGRAPH_BLOCKS.has(name)) {
      this.block(context, true);
      this.children(node, context);
      this.block(context, true);
    } else if (LINE_BLOCKS.has(name)) {
      this.block(context, false);
      this.children(node, context);
      this.block(context, false);
    } else {
      this.children(node, context); // inline: a, span, em, strong, code, td/th via tableRow, …
    }
  }

  private children(node: ElementNode, context: RenderContext): void {
    for (const child of node.children) this.render(child, context);
  }

  /** A line or paragraph break, which inside a table cell is only a space. */
  private block(context: RenderContext, blankLine: boolean): void {
    if (context.inCell) this.writer.writeInline(' ');
    else this.writer.breakLine(blankLine);
  }

  private heading(node: ElementNode, level: number, context: RenderContext): void {
    this.block(context, true);
    if (!context.inCell) this.writer.setMarker(`${this.writer.currentIndent()}${'#'.repeat(level)} `);
    this.children(node, context);
    this.block(context, true);
  }

  private list(node: ElementNode, context: RenderContext): void {
    const nested = context.list !== null;
    const start = Number.parseInt(node.attributes.get('start') ?? '', 10);
    const list = { ordered: node.name === 'ol', next: Number.isFinite(start) ? start : 1 };
    this.block(context, !nested);
    this.children(node, { ...context, list });
    this.block(context, !nested);
  }

  private listItem(node: ElementNode, context: RenderContext): void {
    const list = context.list ?? { ordered: false, next: 1 };
    const value = Number.parseInt(node.attributes.get('value') ?? '', 10);
    if (Number.isFinite(value)) list.next = value;
    const marker = list.ordered ? `${list.next}. ` : '- ';
    list.next += 1;
    if (context.inCell) {
      this.writer.writeInline(' ');
      this.children(node, context);
      return;
    }
    this.writer.breakLine();
    this.writer.setMarker(this.writer.currentIndent() + marker);
    this.writer.pushIndent(' '.repeat(marker.length));
    this.children(node, context);
    this.writer.popIndent();
    this.writer.breakLine();
  }

  private tableRow(node: ElementNode, context: RenderContext): void {
    this.block(context, false);
    let cells = 0;
    for (const child of node.children) {
      if (child.type === 'element' && (child.name === 'td' || child.name === 'th')) {
        if (isNeverRead(child)) continue;
        if (cells > 0) this.writer.writeInline(' | ');
        cells += 1;
        this.render(child, { ...context, inCell: true, pre: false });
      } else {
        this.render(child, context);
      }
    }
    this.block(context, false);
  }

  private preformatted(node: ElementNode, context: RenderContext): void {
    if (context.inCell) return this.children(node, context);
    this.writer.breakLine(true);
    const [first, ...rest] = node.children;
    // As in browsers, a newline right after <pre> is not part of the content.
    const children = first?.type === 'text' ? [{ ...first, text: first.text.replace(/^\n/, '') }, ...rest] : node.children;
    for (const child of children) this.render(child, { ...context, pre: true });
    this.writer.breakLine(true);
  }

  private indented(node: ElementNode, context: RenderContext, indent: string, blankLine: boolean): void {
    if (context.inCell) return this.children(node, context);
    this.writer.breakLine(blankLine);
    this.writer.pushIndent(indent);
    this.children(node, context);
    this.writer.popIndent();
    this.writer.breakLine(blankLine);
  }
}

function chooseContent(document: ElementNode): { roots: ElementNode[]; readingBody: boolean } {
  const mains = findOutermost(document, (el) => el.name === 'main' || el.attributes.get('role') === 'main').filter(hasText);
  if (mains.length > 0) return { roots: mains, readingBody: false };
  const articles = findOutermost(document, (el) => el.name === 'article').filter(hasText);
  if (articles.length > 0) return { roots: articles, readingBody: false };
  const [body] = findOutermost(document, (el) => el.name === 'body');
  return { roots: [body ?? document], readingBody: true };
}

/** Matching elements that are read at all and not inside another match, in document order. */
function findOutermost(root: ElementNode, matches: (element: ElementNode) => boolean): ElementNode[] {
  const found: ElementNode[] = [];
  const pending: ElementNode[] = [root];
  while (pending.length > 0) {
    const element = pending.pop()!;
    if (element !== root && isNeverRead(element)) continue;
    if (element !== root && matches(element)) {
      found.push(element);
      continue;
    }
    for (let i = element.children.length - 1; i >= 0; i -= 1) {
      const child = element.children[i]!;
      if (child.type === 'element') pending.push(child);
    }
  }
  return found;
}

function hasText(root: ElementNode): boolean {
  const pending: HtmlNode[] = [...root.children];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'text') {
      if (/[^\s\u00A0\u00AD\u200B]/.test(node.text)) return true;
    } else if (!isNeverRead(node)) {
      pending.push(...node.children);
    }
  }
  return false;
}

function findTitle(document: ElementNode): string | null {
  // Depth-first in document order; <svg> and <math> have <title>s of their own.
  const pending: ElementNode[] = [document];
  while (pending.length > 0) {
    const element = pending.pop()!;
    if (element.name === 'title') {
      const text = collapseWhitespace(textOf(element)).trim();
      return text || null;
    }
    if (element.name === 'svg' || element.name === 'math') continue;
    for (let i = element.children.length - 1; i >= 0; i -= 1) {
      const child = element.children[i]!;
      if (child.type === 'element') pending.push(child);
    }
  }
  return null;
}

function textOf(element: ElementNode): string {
  return element.children.map((child) => (child.type === 'text' ? child.text : textOf(child))).join('');
}

function isNeverRead(element: ElementNode): boolean {
  if (NEVER_READ.has(element.name)) return true;
  const attributes = element.attributes;
  const hidden = attributes.get('hidden');
  if (hidden !== undefined && hidden.toLowerCase() !== 'until-found') return true;
  if (attributes.get('aria-hidden')?.toLowerCase() === 'true') return true;
  if (element.name === 'dialog' && !attributes.has('open')) return true;
  const role = attributes.get('role')?.toLowerCase();
  if (role && CHROME_ROLES.has(role)) return true;
  const style = attributes.get('style');
  return style !== undefined && HIDING_STYLE.test(style);
}

function isBodyChrome(element: ElementNode): boolean {
  const role = element.attributes.get('role')?.toLowerCase();
  return BODY_CHROME.has(element.name) || (role !== undefined && BODY_CHROME_ROLES.has(role));
}

function collapseWhitespace(text: string): string {
  return text.replace(/[\u00AD\u200B]/g, '').replace(/[\t\n\f\r \u00A0]+/g, ' ');
}
