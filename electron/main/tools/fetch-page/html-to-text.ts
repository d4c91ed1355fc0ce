/**
 * Turns an HTML page into the text a reader would take from it, in light Markdown
 * ("# " headings, "- " and "1. " list items, "a | b" table rows, "> " quotes,
 * "[text](url)" links) so the research agent sees the page's structure without its markup.
 *
 * parse5 parses the page exactly as a browser would (broken markup, entities, character
 * references); linkedom gives that tree the DOM that Mozilla's Readability (Firefox's
 * Reader View) needs to find an article's main text, leaving navigation, ads, related
 * links and cookie banners behind. Pages that are not articles (tables, listings, short
 * pages), or where Readability finds too little, are read structurally instead: the
 * <main> element when there is one, else the outermost <article>s, else the whole <body>
 * minus page chrome (footer, aside).
 *
 * Never read on either path: scripts, styles, <svg>, <template>, form controls,
 * navigation, dialogs, cookie-consent banners and anything hidden (hidden,
 * aria-hidden="true", display:none).
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { createRequire } from 'node:module';
import type * as Linkedom from 'linkedom';
import { parse, parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { TextWriter } from './text-writer';

type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

export interface PageText {
  title: string | null;
  text: string;
}

export interface HtmlToTextOptions {
  /** The page's address: relative links are resolved against it and shown as [text](url). */
  url?: string;
}

/** linkedom takes about 110 ms to load: it loads with the first page FROK reads (Readability's check needs its DOM), not with FROK. */
let loadedLinkedom: typeof Linkedom | null = null;
function linkedom(): typeof Linkedom {
  return (loadedLinkedom ??= createRequire(import.meta.url)('linkedom') as typeof Linkedom);
}

/** Deeper elements are unwrapped: linkedom and Readability walk the tree recursively. */
const MAX_DEPTH = 256;
/** Readability costs seconds on very large documents; past this the page is read structurally. */
const READABILITY_MAX_ELEMENTS = 15_000;
/** An "article" shorter than this is more likely a misreading than the page's content. */
const MIN_ARTICLE_CHARS = 200;
const MAX_LINK_LENGTH = 300;
/** Readability turns every <h1> into <h2>; this attribute remembers which were <h1>. */
const H1_MARK = 'data-frok-h1';

const NEVER_READ = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'audio', 'video', 'select', 'datalist', 'button', 'input', 'textarea', 'nav', 'noembed', 'noframes',
]);
const CHROME_ROLES = new Set(['navigation', 'dialog', 'alertdialog']);
/** Page furniture skipped when the whole body is read (a <main> or <article> excludes it anyway). */
const BODY_CHROME = new Set(['footer', 'aside']);
const BODY_CHROME_ROLES = new Set(['contentinfo', 'complementary', 'search']);
/**
 * Cookie and consent banners by the ids and classes sites and consent platforms
 * (OneTrust, Cookiebot, Didomi, Usercentrics, Quantcast, …) give them.
 */
const CONSENT_BANNER =
  /\b(?:cookies?|consent|gdpr|privacy)[-_ ]?(?:banner|bar|notice|consent|popup|pop-up|modal|wall|law|message|overlay|dialog|box|container|layer|prompt|disclaimer|manager|preferences)\b|\bconsent\b|\bgdpr\b|onetrust|cookiebot|didomi|usercentrics|truste|qc-cmp|sp_message|cc-window|cc-banner|osano|iubenda|klaro|borlabs|cmp-(?:container|banner|wrapper)/i;
/** A banner is small: a match holding this much text is a page wrapper with a flag class. */
const CONSENT_BANNER_MAX_CHARS = 3000;
const NEVER_IN_BANNER = new Set(['html', 'body', 'main', 'article']);

const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const PARAGRAPH_BLOCKS = new Set(['p', 'table', 'figure', 'hr', 'dl', 'address', 'fieldset', 'details']);
const LINE_BLOCKS = new Set([
  'html', 'body', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'form', 'figcaption', 'summary',
  'hgroup', 'legend', 'center', 'dialog', 'search', 'caption', 'option', 'optgroup', 'label', 'tbody', 'thead', 'tfoot', 'dt',
]);
const BLOCK_CONTENT = new Set([
  'p', 'div', 'section', 'article', 'ul', 'ol', 'li', 'table', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'figure', 'dl',
]);
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

export function htmlToText(html: string, options: HtmlToTextOptions = {}): PageText {
  const document = parse(html);
  const elements = limitDepth(document);
  const title = findTitle(document);
  removeNeverRead(document);
  const renderer = (readingBody: boolean) => new Renderer(readingBody, baseUrl(options.url));
  const article = elements <= READABILITY_MAX_ELEMENTS ? readArticle(document) : null;
  if (article) {
    const body = renderer(false).render([article.content]);
    // Readability drops a headline that repeats the page title, and the byline it found;
    // put them back, unless the headline would only repeat the <title> word for word.
    const heading = article.title && article.title !== title && !body.startsWith('# ') ? `# ${article.title}` : null;
    const byline = article.byline && !body.includes(article.byline) ? article.byline.replace(/^(?!by\b)/i, 'By ') : null;
    return { title, text: [heading, byline, body].filter(Boolean).join('\n\n') };
  }
  const { roots, readingBody } = chooseContent(document);
  return { title, text: renderer(readingBody).render(roots) };
}

/**
 * Readability's reading of the page, when the page looks like an article and Readability
 * finds enough of one. It needs a full DOM, which linkedom builds from the cleaned tree.
 */
interface Article {
  content: ParentNode;
  title: string | null;
  byline: string | null;
}

function readArticle(document: DefaultTreeAdapterMap['document']): Article | null {
  forEachElement(document, (element) => {
    if (element.tagName === 'h1') element.attrs.push({ name: H1_MARK, value: '' });
  });
  const dom = linkedom().parseHTML(serialize(document)).document;
  if (!isProbablyReaderable(dom)) return null;
  const article = new Readability(dom, { keepClasses: false }).parse();
  if (!article?.content || (article.textContent ?? '').trim().length < MIN_ARTICLE_CHARS) return null;
  const title = collapseWhitespace(article.title ?? '').trim() || null;
  return { content: parseFragment(article.content), title, byline: collapseWhitespace(article.byline ?? '').trim() || null };
}

/**
 * Unwraps elements nested deeper than MAX_DEPTH into their ancestor at that depth (their
 * text stays, their structure goes) and returns the number of elements. Iterative, so a
 * page of 100 000 nested <div>s cannot exhaust the stack here or later.
 */
function limitDepth(document: DefaultTreeAdapterMap['document']): number {
  let count = 0;
  const pending: [ParentNode, number][] = [[document, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth >= MAX_DEPTH) {
      node.childNodes = flatten(node);
      continue;
    }
    for (const child of node.childNodes) {
      if (isElement(child)) {
        count += 1;
        pending.push([child, depth + 1]);
      }
    }
  }
  return count;
}

function flatten(parent: ParentNode): ChildNode[] {
  const leaves: ChildNode[] = [];
  const pending = [...parent.childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (isElement(node)) {
      for (let i = node.childNodes.length - 1; i >= 0; i -= 1) pending.push(node.childNodes[i]!);
    } else {
      node.parentNode = parent;
      leaves.push(node);
    }
  }
  return leaves;
}

function removeNeverRead(root: ParentNode): void {
  const pending: ParentNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    node.childNodes = node.childNodes.filter((child) => {
      if (!isElement(child)) return child.nodeName === '#text';
      // <head> and its <title> stay for Readability, which reads the title; nothing renders them.
      const kept = child.tagName === 'head' || (child.tagName === 'title' && isElement(node) && node.tagName === 'head');
      if (!kept && (isNeverRead(child) || isConsentBanner(child))) return false;
      pending.push(child);
      return true;
    });
  }
}

function isNeverRead(element: Element): boolean {
  const name = element.tagName;
  if (NEVER_READ.has(name)) return true;
  const hidden = attribute(element, 'hidden');
  if (hidden !== null && hidden.toLowerCase() !== 'until-found') return true;
  if (attribute(element, 'aria-hidden')?.toLowerCase() === 'true') return true;
  if (name === 'dialog' && attribute(element, 'open') === null) return true;
  if (attribute(element, 'aria-modal')?.toLowerCase() === 'true') return true;
  const role = attribute(element, 'role')?.toLowerCase();
  if (role && CHROME_ROLES.has(role)) return true;
  const style = attribute(element, 'style');
  return style !== null && HIDING_STYLE.test(style);
}

function isConsentBanner(element: Element): boolean {
  if (NEVER_IN_BANNER.has(element.tagName)) return false;
  const names = `${attribute(element, 'id') ?? ''} ${attribute(element, 'class') ?? ''} ${attribute(element, 'aria-label') ?? ''}`;
  if (!CONSENT_BANNER.test(names)) return false;
  return textOf(element).length <= CONSENT_BANNER_MAX_CHARS && !hasDescendant(element, (e) => NEVER_IN_BANNER.has(e.tagName) || e.tagName === 'h1');
}

function chooseContent(document: ParentNode): { roots: ParentNode[]; readingBody: boolean } {
  const mains = findOutermost(document, (el) => el.tagName === 'main' || attribute(el, 'role') === 'main').filter(hasText);
  if (mains.length > 0) return { roots: mains, readingBody: false };
  const articles = findOutermost(document, (el) => el.tagName === 'article').filter(hasText);
  if (articles.length > 0) return { roots: articles, readingBody: false };
  const [body] = findOutermost(document, (el) => el.tagName === 'body');
  return { roots: [body ?? document], readingBody: true };
}

/** Matching elements not inside another match, in document order. */
function findOutermost(root: ParentNode, matches: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const pending: ParentNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node !== root && isElement(node) && matches(node)) {
      found.push(node);
      continue;
    }
    for (let i = node.childNodes.length - 1; i >= 0; i -= 1) {
      const child = node.childNodes[i]!;
      if (isElement(child)) pending.push(child);
    }
  }
  return found;
}

function forEachElement(root: ParentNode, visit: (element: Element) => void): void {
  findOutermost(root, (element) => {
    visit(element);
    return false;
  });
}

function hasDescendant(root: Element, matches: (element: Element) => boolean): boolean {
  return findOutermost(root, matches).length > 0;
}

function hasText(root: ParentNode): boolean {
  return /[^\s\u00A0\u00AD\u200B]/.test(textOf(root));
}

function textOf(root: ParentNode): string {
  let text = '';
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    else if ('childNodes' in node) for (let i = node.childNodes.length - 1; i >= 0; i -= 1) pending.push(node.childNodes[i]!);
  }
  return text;
}

function findTitle(document: DefaultTreeAdapterMap['document']): string | null {
  // The first <title> in document order; <svg> and <math> have <title>s of their own.
  const [title] = findOutermost(document, (el) => el.tagName === 'title' || el.tagName === 'svg' || el.tagName === 'math').filter(
    (el) => el.tagName === 'title',
  );
  const text = title ? collapseWhitespace(textOf(title)).trim() : '';
  return text || null;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string | null {
  for (const attr of element.attrs) if (attr.name === name) return attr.value;
  return null;
}

function baseUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

interface RenderContext {
  pre: boolean;
  inCell: boolean;
  inLink: boolean;
  list: { ordered: boolean; next: number } | null;
}

class Renderer {
  private readonly writer = new TextWriter();

  constructor(
    private readonly readingBody: boolean,
    private readonly base: URL | null,
  ) {}

  render(roots: ParentNode[]): string {
    for (const root of roots) {
      this.children(root, { pre: false, inCell: false, inLink: false, list: null });
      this.writer.breakLine(true);
    }
    return this.writer.toString().trim();
  }

  private node(node: ChildNode, context: RenderContext): void {
    if (node.nodeName === '#text') {
      const text = (node as DefaultTreeAdapterMap['textNode']).value;
      if (context.pre) this.writer.writePreformatted(text.replace(/[\u00AD\u200B]/g, ''));
      else this.writer.writeInline(collapseWhitespace(text));
      return;
    }
    if (!isElement(node) || NEVER_READ.has(node.tagName) || (this.readingBody && isBodyChrome(node))) return;
    const name = node.tagName;
    const level = attribute(node, H1_MARK) !== null ? 1 : HEADINGS[name];
    if (level) return this.heading(node, level, context);
    switch (name) {
      case 'br':
        return context.pre ? this.writer.writePreformatted('\n') : this.block(context, false);
      case 'a':
        return this.link(node, context);
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
      this.children(node, context); // inline: span, em, strong, code, td/th via tableRow, …
    }
  }

  private children(node: ParentNode, context: RenderContext): void {
    for (const child of node.childNodes) this.node(child, context);
  }

  /** A line or paragraph break, which inside a table cell is only a space. */
  private block(context: RenderContext, blankLine: boolean): void {
    if (context.inCell) this.writer.writeInline(' ');
    else this.writer.breakLine(blankLine);
  }

  private heading(element: Element, level: number, context: RenderContext): void {
    this.block(context, true);
    if (!context.inCell) this.writer.setMarker(`${this.writer.currentIndent()}${'#'.repeat(level)} `);
    this.children(element, context);
    this.block(context, true);
  }

  /**
   * Inline links keep their target, so the research agent can follow them; a link that
   * wraps blocks (a teaser card) or goes nowhere useful is read as its text alone.
   */
  private link(element: Element, context: RenderContext): void {
    const target = context.pre || context.inLink ? null : this.linkTarget(element);
    const text = target ? collapseWhitespace(textOf(element)).trim() : '';
    if (!target || !text || hasDescendant(element, (e) => BLOCK_CONTENT.has(e.tagName))) return this.children(element, context);
    if (text === target || `${text}/` === target) return this.children(element, context);
    this.writer.writeInline('[');
    this.children(element, { ...context, inLink: true });
    this.writer.writeInline(`](${target})`);
  }

  private linkTarget(element: Element): string | null {
    const href = attribute(element, 'href')?.trim();
    if (!href || href.startsWith('#')) return null;
    let url: URL;
    try {
      url = new URL(href, this.base ?? undefined);
    } catch {
      return null; // relative, and no page address to resolve it against
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (this.base && url.href.split('#')[0] === this.base.href.split('#')[0]) return null;
    return url.href.length <= MAX_LINK_LENGTH ? url.href : null;
  }

  private list(element: Element, context: RenderContext): void {
    const nested = context.list !== null;
    const start = Number.parseInt(attribute(element, 'start') ?? '', 10);
    const list = { ordered: element.tagName === 'ol', next: Number.isFinite(start) ? start : 1 };
    this.block(context, !nested);
    this.children(element, { ...context, list });
    this.block(context, !nested);
  }

  private listItem(element: Element, context: RenderContext): void {
    const list = context.list ?? { ordered: false, next: 1 };
    const value = Number.parseInt(attribute(element, 'value') ?? '', 10);
    if (Number.isFinite(value)) list.next = value;
    const marker = list.ordered ? `${list.next}. ` : '- ';
    list.next += 1;
    if (context.inCell) {
      this.writer.writeInline(' ');
      this.children(element, context);
      return;
    }
    this.writer.breakLine();
    this.writer.setMarker(this.writer.currentIndent() + marker);
    this.writer.pushIndent(' '.repeat(marker.length));
    this.children(element, context);
    this.writer.popIndent();
    this.writer.breakLine();
  }

  private tableRow(element: Element, context: RenderContext): void {
    this.block(context, false);
    let cells = 0;
    for (const child of element.childNodes) {
      if (isElement(child) && (child.tagName === 'td' || child.tagName === 'th')) {
        if (cells > 0) this.writer.writeInline(' | ');
        cells += 1;
        this.node(child, { ...context, inCell: true, pre: false });
      } else {
        this.node(child, context);
      }
    }
    this.block(context, false);
  }

  private preformatted(element: Element, context: RenderContext): void {
    if (context.inCell) return this.children(element, context);
    this.writer.breakLine(true);
    this.children(element, { ...context, pre: true });
    this.writer.breakLine(true);
  }

  private indented(element: Element, context: RenderContext, indent: string, blankLine: boolean): void {
    if (context.inCell) return this.children(element, context);
    this.writer.breakLine(blankLine);
    this.writer.pushIndent(indent);
    this.children(element, context);
    this.writer.popIndent();
    this.writer.breakLine(blankLine);
  }
}

function isBodyChrome(element: Element): boolean {
  const role = attribute(element, 'role')?.toLowerCase();
  return BODY_CHROME.has(element.tagName) || (role !== undefined && BODY_CHROME_ROLES.has(role));
}

function collapseWhitespace(text: string): string {
  return text.replace(/[\u00AD\u200B]/g, '').replace(/[\t\n\f\r \u00A0]+/g, ' ');
}
