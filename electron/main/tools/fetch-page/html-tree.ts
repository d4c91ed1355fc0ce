/**
 * Builds a small element tree from tokens, with the parts of HTML's tree construction
 * that change how text reads: void elements have no children, a new <p>, <li>, <dt>,
 * <dd>, <tr>, <td> or <option> closes the one left open, block elements close an open
 * <p>, a stray end tag is ignored, and an end tag closes everything opened inside its
 * element. Inside <svg> and <math> "<x/>" closes itself. Nesting beyond MAX_DEPTH is
 * flattened so hostile pages cannot exhaust the stack of whoever walks the tree.
 */
import { tokenizeHtml } from './html-tokenizer';

export interface ElementNode {
  type: 'element';
  name: string;
  attributes: Map<string, string>;
  children: HtmlNode[];
  parent: ElementNode | null;
}

export interface TextNode {
  type: 'text';
  text: string;
}

export type HtmlNode = ElementNode | TextNode;

export const MAX_DEPTH = 256;

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'frame',
]);

/** Start tags that end an open <p>. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'ul', 'li', 'dd', 'dt',
]);

/** For a start tag: which open elements it closes, and which ancestors stop the search. */
const IMPLIED_ENDS: Record<string, { closes: readonly string[]; boundary: readonly string[] }> = {
  li: { closes: ['li'], boundary: ['ul', 'ol', 'menu', 'table'] },
  dt: { closes: ['dt', 'dd'], boundary: ['dl', 'table'] },
  dd: { closes: ['dt', 'dd'], boundary: ['dl', 'table'] },
  tr: { closes: ['tr', 'td', 'th'], boundary: ['table', 'thead', 'tbody', 'tfoot'] },
  td: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  th: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  thead: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], boundary: ['table'] },
  tbody: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], boundary: ['table'] },
  tfoot: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], boundary: ['table'] },
  option: { closes: ['option'], boundary: ['select', 'datalist'] },
  optgroup: { closes: ['option', 'optgroup'], boundary: ['select'] },
};

/** Elements a <p> does not reach past when a block element closes it. */
const P_SCOPE_BOUNDARY = new Set(['button', 'table', 'td', 'th', 'caption', 'html', 'svg', 'math', 'object', 'template']);

const FOREIGN = new Set(['svg', 'math']);

export function parseHtml(html: string): ElementNode {
  const root: ElementNode = { type: 'element', name: '#document', attributes: new Map(), children: [], parent: null };
  const stack: ElementNode[] = [root];
  // How many elements of each name are open: most searches of the stack end here.
  const openCount = new Map<string, number>();
  let foreignDepth = 0; // how many open <svg>/<math> elements

  const current = () => stack[stack.length - 1]!;
  const push = (element: ElementNode) => {
    stack.push(element);
    openCount.set(element.name, (openCount.get(element.name) ?? 0) + 1);
    if (FOREIGN.has(element.name)) foreignDepth += 1;
  };
  const popTo = (index: number) => {
    while (stack.length > index) {
      const { name } = stack.pop()!;
      openCount.set(name, openCount.get(name)! - 1);
      if (FOREIGN.has(name)) foreignDepth -= 1;
    }
  };
  /** Index in the stack of the nearest open `names`, not looking past `boundary`. */
  const findOpen = (names: readonly string[], boundary: readonly string[] | ReadonlySet<string>) => {
    if (!names.some((name) => (openCount.get(name) ?? 0) > 0)) return -1;
    const stops = boundary instanceof Set ? boundary : new Set(boundary);
    for (let i = stack.length - 1; i > 0; i -= 1) {
      const name = stack[i]!.name;
      if (names.includes(name)) return i;
      if (stops.has(name)) return -1;
    }
    return -1;
  };

  for (const token of tokenizeHtml(html)) {
    if (token.type === 'text') {
      const parent = current();
      const last = parent.children[parent.children.length - 1];
      if (last?.type === 'text') last.text += token.text;
      else parent.children.push({ type: 'text', text: token.text });
      continue;
    }
    if (token.type === 'end') {
      if (token.name === 'br') continue; // "</br>" is a typo browsers ignore here
      const open = findOpen([token.name], []);
      if (open > 0) popTo(open);
      continue;
    }
    const name = token.name;
    if (foreignDepth === 0) {
      const implied = IMPLIED_ENDS[name];
      if (implied) {
        const open = findOpen(implied.closes, implied.boundary);
        if (open > 0) popTo(open);
      }
      if (CLOSES_P.has(name)) {
        const open = findOpen(['p'], P_SCOPE_BOUNDARY);
        if (open > 0) popTo(open);
      }
    }
    const element: ElementNode = { type: 'element', name, attributes: token.attributes, children: [], parent: current() };
    current().children.push(element);
    const closesItself = VOID_ELEMENTS.has(name) || (token.selfClosing && (foreignDepth > 0 || FOREIGN.has(name)));
    if (closesItself || stack.length > MAX_DEPTH) continue;
    push(element);
  }
  return root;
}
