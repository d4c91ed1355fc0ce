// The Markdown FROK's answers are drawn with (react-markdown + GFM + highlight.js): what a
// person sees for what a model writes, including half-streamed text, and that nothing a
// model writes becomes markup, script or a request for remote content.
import { parseHTML } from 'linkedom';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../../renderer/src/i18n';
import { Markdown } from '../../renderer/src/markdown/Markdown';

/** The answer as the page would hold it, to query like a browser would. */
function render(text: string) {
  const html = renderToStaticMarkup(createElement(Markdown, { text }));
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const root = document.querySelector('.markdown')!;
  return { html, root, all: (selector: string) => [...root.querySelectorAll(selector)] as Element[] };
}

const texts = (elements: Element[]) => elements.map((e) => e.textContent?.trim());

describe('what an answer looks like', () => {
  it('draws paragraphs, emphasis, inline code and headings below the screen title (# → h3)', () => {
    const { all, root } = render('# Plan\n\nThis is **bold**, *italic*, ~~gone~~ and `code`.\n\n### Step');
    expect(texts(all('h3'))).toEqual(['Plan']);
    expect(texts(all('h5'))).toEqual(['Step']);
    expect(all('h1, h2')).toHaveLength(0);
    expect(texts(all('strong'))).toEqual(['bold']);
    expect(texts(all('em'))).toEqual(['italic']);
    expect(texts(all('del'))).toEqual(['gone']);
    expect(texts(all('p code'))).toEqual(['code']);
    expect(root.textContent).toContain('This is bold, italic, gone and code.');
  });

  it('draws tables with their header, cells and alignment as classes (the CSP allows no inline styles)', () => {
    const { all, html } = render('| Room | Temp |\n|:--|--:|\n| Kitchen | 21 °C |\n| Hall | `n/a` |');
    expect(texts(all('thead th'))).toEqual(['Room', 'Temp']);
    expect(all('thead th').map((th) => th.getAttribute('scope'))).toEqual(['col', 'col']);
    expect(all('tbody tr').map((tr) => texts([...tr.querySelectorAll('td')]))).toEqual([
      ['Kitchen', '21 °C'],
      ['Hall', 'n/a'],
    ]);
    expect(all('tbody td').map((td) => td.getAttribute('class'))).toEqual(['md-align-left', 'md-align-right', 'md-align-left', 'md-align-right']);
    expect(html).not.toContain('style=');
    // A wide table scrolls inside a focusable, named box.
    expect(all('.md-table')[0]!.getAttribute('tabindex')).toBe('0');
    expect(all('.md-table')[0]!.getAttribute('aria-label')).toBe('Table');
  });

  it('draws task lists with ticked and unticked boxes that are not a form', () => {
    const { all } = render('- [x] Buy milk\n- [ ] Call mum\n- plain item');
    const boxes = all('li input[type="checkbox"]');
    expect(boxes.map((b) => b.hasAttribute('checked'))).toEqual([true, false]);
    expect(boxes.every((b) => b.hasAttribute('disabled'))).toBe(true);
    expect(texts(all('li'))).toEqual(['Buy milk', 'Call mum', 'plain item']);
  });

  it('colours code in a known language, keeps it exact, and gives each block a Copy button', () => {
    const { all } = render('```ts\nconst a: number = 1 < 2 ? 3 : 4; // **not bold**\n```\nafter');
    const code = all('pre code')[0]!;
    expect(code.getAttribute('class')).toContain('hljs');
    expect(code.getAttribute('class')).toContain('language-ts');
    expect(texts(all('pre code .hljs-keyword'))).toContain('const');
    expect(texts(all('pre code .hljs-comment'))).toEqual(['// **not bold**']);
    expect(code.textContent).toBe('const a: number = 1 < 2 ? 3 : 4; // **not bold**\n');
    expect(all('pre strong')).toHaveLength(0);
    expect(texts(all('.md-code-language'))).toEqual(['ts']);
    const copy = all('[data-testid="markdown-code-copy"]');
    expect(copy).toHaveLength(1);
    expect(copy[0]!.getAttribute('aria-label')).toBe('Copy code');
    expect(copy[0]!.textContent).toBe('Copy');
    expect(all('[data-testid="markdown-code"]')[0]!.getAttribute('aria-label')).toBe('ts code');
    expect(texts(all('p'))).toEqual(['after']);
  });

  it('shows code in a language it does not colour as plain text, never guessing', () => {
    const { all } = render('```brainfuck\n++[>+<-]\n```\n\n```\nplain words here\n```');
    expect(all('pre code')[0]!.textContent).toBe('++[>+<-]\n');
    expect(all('pre code span')).toHaveLength(0);
    expect(all('pre code')[1]!.getAttribute('class') ?? '').not.toContain('language-');
  });

  it('keeps the layout while text streams: an unclosed fence is code to the end, a half-typed marker stays text', () => {
    const { all, root } = render('Here:\n```python\nprint("hi")\nfor x in');
    expect(texts(all('p'))).toEqual(['Here:']);
    expect(all('pre code')[0]!.textContent).toBe('print("hi")\nfor x in\n');
    expect(all('pre code')[0]!.getAttribute('class')).toContain('language-python');
    expect(render('This is **impor').root.textContent).toBe('This is **impor');
    const halfLink = render('See [the docs](https://exa');
    expect(halfLink.root.textContent).toContain('[the docs](');
    expect(texts(halfLink.all('a'))).not.toContain('the docs');
    expect(render('| Room | Temp |').all('table')).toHaveLength(0);
    expect(root.querySelectorAll('.md-code').length).toBe(1);
  });

  it('makes web and mail links that open outside the app, including bare addresses', () => {
    const { all } = render('See [the **docs**](https://example.com/a_b "Title"), www.example.org and <mailto:help@example.com>.');
    expect(all('a').map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a_b', 'http://www.example.org/', 'mailto:help@example.com']);
    expect(texts(all('a strong'))).toEqual(['docs']);
    expect(all('a').every((a) => a.getAttribute('target') === '_blank' && a.getAttribute('rel')?.includes('noreferrer'))).toBe(true);
  });
});

describe('hostile Markdown and HTML', () => {
  const HOSTILE = [
    '<script>window.pwned = 1</script>',
    '<img src=x onerror="window.pwned = 2">',
    '<iframe src="https://evil.example/"></iframe>',
    '<a href="javascript:alert(1)">html link</a>',
    '<svg onload="window.pwned = 3"></svg>',
    '<style>body { display: none }</style>',
    '<b onclick="window.pwned = 4">bold?</b>',
    '',
    '[click me](javascript:alert(1)) [JS upper](JAVASCRIPT:alert(1)) [vb](vbscript:msgbox) [local](file:///etc/passwd) [rel](/settings) [data](data:text/html,<script>alert(1)</script>)',
    '',
    '![tracking pixel](https://evil.example/pixel.png?who=you) ![inline](data:image/png;base64,iVBORw0KGgo=) ![](https://evil.example/no-alt.png)',
    '',
    '[spoof](https://bank.example@evil.example/)',
  ].join('\n');

  it('puts no script, frame, image, style or event handler into the page', () => {
    const { html, all } = render(HOSTILE);
    for (const tag of ['script', 'iframe', 'img', 'style', 'object', 'embed', 'video', 'audio', 'source', 'link', 'meta', 'form', 'base']) expect(all(tag), tag).toHaveLength(0);
    // The only SVG is FROK's own icons (the copy button, the image mark), hidden from screen readers.
    expect(all('svg').every((svg) => svg.getAttribute('class')?.startsWith('lucide') && svg.getAttribute('aria-hidden') === 'true')).toBe(true);
    const attributes = all('*').flatMap((e) => [...e.attributes].map((a) => a.name));
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
    expect(attributes).not.toContain('src');
    expect(attributes).not.toContain('style');
    // Such addresses may show as words, never as an attribute the page would follow.
    expect(all('*').flatMap((e) => [...e.attributes].map((a) => a.value)).filter((v) => /javascript:|vbscript:|data:|file:/i.test(v))).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
  });

  it('shows HTML a model writes as the text it is', () => {
    const { root } = render('<script>alert(1)</script> and <b>hi</b>');
    expect(root.textContent).toContain('<script>alert(1)</script>');
    expect(root.textContent).toContain('<b>hi</b>');
    expect(root.querySelectorAll('b, script')).toHaveLength(0);
  });

  it('never links javascript:, vbscript:, file:, data: or relative addresses, or one that hides its host, but keeps their words', () => {
    const { all } = render(HOSTILE);
    expect(all('a').map((a) => a.getAttribute('href'))).toEqual([
      // Only the one image that is on the web is linked (to open in the browser), never loaded.
      'https://evil.example/pixel.png?who=you',
      'https://evil.example/no-alt.png',
    ]);
    expect(texts(all('[data-testid="markdown-link-refused"]'))).toEqual(['click me', 'JS upper', 'vb', 'local', 'rel', 'data', 'spoof']);
  });

  it('draws images as their description (linked when on the web), never fetching them', () => {
    const { all } = render('![A red door](https://example.com/door.png) and ![inline](data:image/png;base64,AAAA) and ![](https://example.com/x.png)');
    const images = all('[data-testid="markdown-image"]');
    expect(images.map((i) => i.textContent)).toEqual(['Image: A red door', 'Image: inline', 'Image: Image']);
    expect(images.map((i) => i.querySelector('a')?.getAttribute('href') ?? null)).toEqual(['https://example.com/door.png', null, 'https://example.com/x.png']);
    expect(all('img')).toHaveLength(0);
  });

  // How fast this runs is not asserted (a loaded machine would fail a deadline): only that
  // pathological input comes back as the text it is.
  it('keeps long runs of unmatched markers as the text they are', () => {
    const source = '*_'.repeat(2_000) + '[('.repeat(500) + '`'.repeat(300);
    const { root } = render(source);
    expect(root.textContent!.replace(/[*_`[(\s]/g, '')).toBe('');
    expect(root.textContent!.length).toBeGreaterThan(1000);
  });
});
