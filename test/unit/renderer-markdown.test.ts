// The Markdown FROK's answers are drawn with: what a person sees for what a model writes,
// including half-streamed text, and that nothing written becomes markup or script.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../renderer/src/markdown/Markdown';
import { parseBlocks } from '../../renderer/src/markdown/parse-blocks';
import { parseInline, safeHref } from '../../renderer/src/markdown/parse-inline';

/** The HTML React would put in the page, without the wrapper div. */
const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text })).replace(/^<div class="markdown">|<\/div>$/g, '');

describe('blocks', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(html('Roses are red.\nViolets are blue.\n\nSecond paragraph.')).toBe('<p>Roses are red.<br/>Violets are blue.</p><p>Second paragraph.</p>');
  });

  it('draws headings below the screen title (# → h3)', () => {
    expect(html('# Plan\n### Step')).toBe('<h3 class="md-heading md-h1">Plan</h3><h5 class="md-heading md-h3">Step</h5>');
    expect(html('#hashtag is not a heading')).toBe('<p>#hashtag is not a heading</p>');
  });

  it('shows fenced code as it is, with its language', () => {
    expect(html('```ts\nconst a = 1 < 2;\n**not bold**\n```\nafter')).toBe(
      '<div class="md-code"><span class="md-code-language">ts</span><pre tabindex="0"><code data-language="ts">const a = 1 &lt; 2;\n**not bold**</code></pre></div><p>after</p>',
    );
  });

  it('treats an unclosed fence (still streaming) as code to the end', () => {
    const blocks = parseBlocks('Here:\n```python\nprint("hi")\nfor x in');
    expect(blocks).toEqual([
      { type: 'paragraph', text: 'Here:' },
      { type: 'code', language: 'python', text: 'print("hi")\nfor x in', closed: false },
    ]);
  });

  it('draws bullet and numbered lists, a list right after a sentence, and one nested level', () => {
    expect(html('Options:\n- warm\n- cool\n  - very cool\n  - icy\n- off')).toBe(
      '<p>Options:</p><ul><li>warm</li><li>cool<ul><li>very cool</li><li>icy</li></ul></li><li>off</li></ul>',
    );
    expect(html('3. three\n4. four')).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
    expect(html('1. Install:\n   ```sh\n   npm i\n   ```\n2. Run')).toBe(
      '<ol><li>Install:<div class="md-code"><span class="md-code-language">sh</span><pre tabindex="0"><code data-language="sh">npm i</code></pre></div></li><li>Run</li></ol>',
    );
  });

  it('keeps a loose list together across blank lines and ends it at the next paragraph', () => {
    expect(html('- one\n\n- two\n\nAfter.')).toBe('<ul><li>one</li><li>two</li></ul><p>After.</p>');
  });

  it('does not start a list from a sentence that begins with a year', () => {
    expect(html('It happened in\n2019. Then it stopped.')).toBe('<p>It happened in<br/>2019. Then it stopped.</p>');
  });

  it('draws blockquotes with Markdown inside', () => {
    expect(html('> **Note**\n> be careful')).toBe('<blockquote><p><strong>Note</strong><br/>be careful</p></blockquote>');
  });

  it('draws simple tables with alignment, and a header without its separator yet as text', () => {
    expect(html('| Room | Temp |\n|:--|--:|\n| Kitchen | 21 °C |\n| Hall | `n/a` |')).toBe(
      '<div class="md-table" tabindex="0"><table><thead><tr><th scope="col" style="text-align:left">Room</th><th scope="col" style="text-align:right">Temp</th></tr></thead>' +
        '<tbody><tr><td style="text-align:left">Kitchen</td><td style="text-align:right">21 °C</td></tr><tr><td style="text-align:left">Hall</td><td style="text-align:right"><code>n/a</code></td></tr></tbody></table></div>',
    );
    expect(parseBlocks('| Room | Temp |')).toEqual([{ type: 'paragraph', text: '| Room | Temp |' }]);
  });

  it('draws horizontal rules', () => {
    expect(html('above\n\n---\n\nbelow')).toBe('<p>above</p><hr/><p>below</p>');
  });
});

describe('inline', () => {
  it('draws bold, italic, struck and code', () => {
    expect(html('**bold** and *italic* and _also_ and ~~gone~~ and `x * y`')).toBe(
      '<p><strong>bold</strong> and <em>italic</em> and <em>also</em> and <del>gone</del> and <code>x * y</code></p>',
    );
    expect(html('***both*** and *a **b** c*')).toBe('<p><strong><em>both</em></strong> and <em>a <strong>b</strong> c</em></p>');
  });

  it('leaves arithmetic, snake_case and escaped markers alone', () => {
    expect(html('2 * 3 * 4 = 24, my_var_name, \\*literal\\*')).toBe('<p>2 * 3 * 4 = 24, my_var_name, *literal*</p>');
  });

  it('shows half-streamed markers as typed until they close', () => {
    expect(html('This is **impor')).toBe('<p>This is **impor</p>');
    expect(html('Run `npm')).toBe('<p>Run `npm</p>');
    expect(html('See [the docs](https://exa')).toBe('<p>See [the docs](https://exa</p>');
  });

  it('makes http(s) links that open outside the app', () => {
    expect(html('See [the **docs**](https://example.com/a_b "Title").')).toBe(
      '<p>See <a href="https://example.com/a_b" target="_blank" rel="noreferrer">the <strong>docs</strong></a>.</p>',
    );
    expect(html('Visit https://example.com/path_(x). Or <http://example.org>')).toBe(
      '<p>Visit <a href="https://example.com/path_(x)" target="_blank" rel="noreferrer">https://example.com/path_(x)</a>. Or <a href="http://example.org/" target="_blank" rel="noreferrer">http://example.org</a></p>',
    );
  });

  it('never links javascript:, file: or relative addresses, but keeps their words', () => {
    expect(html('[click](javascript:alert(1)) [local](file:///etc/passwd) [rel](/settings)')).toBe('<p>click local rel</p>');
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHref('https://example.com')).toBe('https://example.com/');
  });

  it('shows HTML as text, never as markup', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)> <b>hi</b>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;b&gt;hi&lt;/b&gt;');
  });

  // How fast this runs is not asserted here (a loaded machine would fail a deadline); the
  // parser's own memo of failed closing searches is what keeps such input linear.
  it('keeps long runs of unmatched markers as the text they are', () => {
    const source = '*_'.repeat(2_000) + '[('.repeat(500) + '`'.repeat(300);
    const flat = (nodes: ReturnType<typeof parseInline>): string =>
      nodes.map((n) => ('text' in n && typeof n.text === 'string' ? n.text : 'children' in n ? flat(n.children as ReturnType<typeof parseInline>) : '')).join('');
    expect(flat(parseInline(source)).replace(/[*_`[(]/g, '').length).toBe(0);
    expect(flat(parseInline(source)).length).toBeGreaterThan(0);
  });
});
