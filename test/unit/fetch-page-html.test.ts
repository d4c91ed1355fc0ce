import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../electron/main/tools/fetch-page/html-to-text';

const NEWS_ARTICLE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Heat pumps in cold climates &mdash; Example News</title>
  <link rel="stylesheet" href="/main.css">
  <style>.hero { display: flex } p > a:hover { color: red }</style>
  <script>window.dataLayer = []; if (a < b && c > d) { document.write("<p>injected</p>"); }</script>
  <script type="application/ld+json">{"@type": "NewsArticle", "headline": "JSON-LD headline"}</script>
</head>
<body class="article-page">
  <!-- header start -->
  <div id="cookie-banner" role="dialog" aria-label="Cookies"><p>We use cookies. <button>Accept all</button></p></div>
  <header class="site-header">
    <a class="logo" href="/"><svg viewBox="0 0 10 10"><title>Example News logo</title><path d="M0 0h10v10z"/></svg></a>
    <nav aria-label="Main"><ul><li><a href="/world">World</a></li><li><a href="/tech">Tech</a></li></ul></nav>
    <form role="search"><input type="search" placeholder="Search"><button>Go</button></form>
  </header>
  <main id="content">
    <nav class="breadcrumbs"><a href="/">Home</a> › <a href="/tech">Tech</a></nav>
    <article>
      <header>
        <h1>Heat pumps work in the cold, <em>if</em> they are sized right</h1>
        <p class="byline">By <a href="/people/ada">Ada Lovelace</a> &middot; <time datetime="2024-01-05">5 January 2024</time></p>
      </header>
      <figure><img src="pump.jpg" alt="A heat pump in snow"><figcaption>A heat pump at &minus;20&nbsp;&deg;C.</figcaption></figure>
      <p>Modern air-source heat pumps keep working well below freezing.
         Field trials in Norway found a seasonal <abbr title="coefficient of performance">COP</abbr> of 2.6.</p>
      <div class="ad" aria-hidden="true">Advertisement: buy now!</div>
      <h2>What the trials measured</h2>
      <p>Three things:</p>
      <ol>
        <li>Indoor temperature</li>
        <li>Electricity use
          <ul>
            <li>daytime</li>
            <li>night-time</li>
          </ul>
        </li>
        <li>Noise</li>
      </ol>
      <div class="share"><button aria-label="Share on X"><svg><path d="M1 1"/></svg></button><button>Copy link</button></div>
      <blockquote><p>&ldquo;It just worked,&rdquo; said one owner.</p></blockquote>
      <footer class="article-footer"><p>Filed under: Energy</p></footer>
    </article>
    <aside class="related"><h2>Related</h2><ul><li><a href="/x">Solar panels</a></li></ul></aside>
  </main>
  <footer class="site-footer"><p>&copy; 2024 Example News</p><nav><a href="/privacy">Privacy</a></nav></footer>
  <script src="/app.js"></script>
  <noscript><img src="/pixel.gif"> Please enable JavaScript.</noscript>
  <template><p>template text</p></template>
</body>
</html>`;

describe('htmlToText on a realistic news article', () => {
  const page = htmlToText(NEWS_ARTICLE);

  it('takes the <title>, decoding entities', () => {
    expect(page.title).toBe('Heat pumps in cold climates — Example News');
  });

  // Readability keeps the article and drops its footer and the related links beside it.
  it('reads the article as light Markdown', () => {
    expect(page.text).toBe(
      [
        '# Heat pumps work in the cold, if they are sized right',
        '',
        'By Ada Lovelace · 5 January 2024',
        '',
        'A heat pump at −20 °C.',
        '',
        'Modern air-source heat pumps keep working well below freezing. Field trials in Norway found a seasonal COP of 2.6.',
        '',
        '## What the trials measured',
        '',
        'Three things:',
        '',
        '1. Indoor temperature',
        '2. Electricity use',
        '   - daytime',
        '   - night-time',
        '3. Noise',
        '',
        '> “It just worked,” said one owner.',
      ].join('\n'),
    );
  });

  it('leaves out scripts, styles, navigation, dialogs, buttons, hidden parts and page chrome', () => {
    for (const noise of [
      'dataLayer', 'injected', 'JSON-LD', 'display: flex', 'cookies', 'Accept all', 'World', 'Home', 'Search', 'Go',
      'logo', 'Advertisement', 'Copy link', 'Share', 'Privacy', '© 2024', 'enable JavaScript', 'template text',
      'Related', 'Solar panels',
    ]) {
      expect(page.text, noise).not.toContain(noise);
    }
  });
});

describe('htmlToText: choosing what to read', () => {
  it('reads the outermost <article>s when there is no <main>', () => {
    const html = `<body><nav>Menu</nav><div class="sidebar">Sidebar</div>
      <article><h2>First post</h2><p>One.</p><article><p>A comment.</p></article></article>
      <article><h2>Second post</h2><p>Two.</p></article><footer>Footer</footer></body>`;
    expect(htmlToText(html).text).toBe('## First post\n\nOne.\n\nA comment.\n\n## Second post\n\nTwo.');
  });

  it('reads the whole body without its nav, footer and aside when there is no <main> or <article>', () => {
    const html = `<html><head><title>Plain page</title></head><body>
      <header><h1>Welcome</h1></header><nav><a href="/">Home</a></nav>
      <div id="content"><p>Body text.</p></div>
      <aside>Ads</aside><div role="contentinfo">Contact us</div><footer>Footer</footer></body></html>`;
    expect(htmlToText(html)).toEqual({ title: 'Plain page', text: '# Welcome\n\nBody text.' });
  });

  it('ignores a <main> that is hidden or empty', () => {
    const html = `<main hidden><p>Old version</p></main><main> </main><body><p>Visible</p></body>`;
    expect(htmlToText(html).text).toBe('Visible');
  });

  it('honours role="main"', () => {
    expect(htmlToText('<div>Chrome</div><div role="main"><p>Content</p></div>').text).toBe('Content');
  });

  it('hides hidden, aria-hidden, display:none and visibility:hidden elements but keeps hidden="until-found"', () => {
    const html = `<p>a</p><p hidden>b</p><p aria-hidden="true">c</p><p style="color:red; display : none">d</p>
      <p style="visibility:hidden">e</p><p hidden="until-found">f</p><dialog>g</dialog><dialog open>h</dialog>`;
    expect(htmlToText(html).text).toBe('a\n\nf\n\nh');
  });

  it('returns a null title when there is none, and ignores <svg> titles', () => {
    expect(htmlToText('<svg><title>icon</title></svg><p>x').title).toBeNull();
    expect(htmlToText('<title>  \n </title><p>x').title).toBeNull();
    expect(htmlToText('<title>A\n   B</title>').title).toBe('A B');
  });
});

describe('htmlToText: structure', () => {
  it('renders nested lists with markers and indentation, honouring start and value', () => {
    const html = `<ul>
      <li>Fruit
        <ul><li>Apple<li>Pear<ol start="5"><li>Conference</li><li value="9">Comice</li><li>Bosc</li></ol></ul>
      <li>Vegetables</li>
    </ul>`;
    expect(htmlToText(html).text).toBe(
      ['- Fruit', '  - Apple', '  - Pear', '    5. Conference', '    9. Comice', '    10. Bosc', '- Vegetables'].join('\n'),
    );
  });

  it('renders tables a row per line with cells separated by " | "', () => {
    const html = `<table>
      <caption>Prices</caption>
      <thead><tr><th>Item</th><th>Price</th></tr></thead>
      <tbody>
        <tr><td>Tea</td><td><p>£2.50</p><p>(pot)</p></td></tr>
        <tr><td>Cake<td>£3
        <tr><td colspan="2"><ul><li>Gluten-free</li><li>Vegan</li></ul></td>
      </tbody>
    </table><p>After.</p>`;
    expect(htmlToText(html).text).toBe(
      ['Prices', 'Item | Price', 'Tea | £2.50 (pot)', 'Cake | £3', 'Gluten-free Vegan', '', 'After.'].join('\n'),
    );
  });

  it('keeps preformatted text as written', () => {
    const html = '<p>Run:</p><pre>\nif (x &lt; 1) {\n    return;\n}\n\n// done</pre><p>Then.</p>';
    expect(htmlToText(html).text).toBe('Run:\n\nif (x < 1) {\n    return;\n}\n\n// done\n\nThen.');
  });

  it('turns <br> into line breaks and collapses other whitespace', () => {
    expect(htmlToText('<p>Line  one<br>Line\n\t two<br/>  Line three</p>').text).toBe('Line one\nLine two\nLine three');
  });

  it('keeps inline elements inline, without adding or losing spaces', () => {
    expect(htmlToText('<p>A <a href="/x">link</a>, <b>bold</b><i>italic</i> and <code>code()</code>.</p>').text).toBe(
      'A link, bolditalic and code().',
    );
  });

  it('renders definition lists and quotes', () => {
    expect(htmlToText('<dl><dt>HTTP</dt><dd>A protocol.</dd><dt>HTML</dt><dd>A language.</dd></dl>').text).toBe(
      'HTTP\n  A protocol.\nHTML\n  A language.',
    );
  });
});

describe('htmlToText: entities', () => {
  it.each([
    ['&amp; &lt; &gt; &quot; &apos;', '& < > " \''],
    ['&eacute;&Eacute;&ntilde;&szlig;&thorn;&yuml;', 'éÉñßþÿ'],
    ['&alpha;&Omega;&sigmaf;&hellip;&euro;&trade;&rarr;&ne;&le;', 'αΩς…€™→≠≤'],
    ['&#65;&#x42;&#X43;&#0000068;', 'ABCD'],
    ['&#x1F600; &#128512;', '😀 😀'],
    ['&#150; &#x80; &#153;', '– € ™'], // windows-1252 repairs
    ['&#0; &#xD800; &#x110000; &#99999999999;', '\uFFFD \uFFFD \uFFFD \uFFFD'],
    ['&copy 2024 &amp co', '© 2024 & co'], // legacy names without semicolon
    ['&notit; &notin;', '¬it; ∉'],
    ['&unknown; & &#; &#x;', '&unknown; & &#; &#x;'],
  ])('decodes %s', (input, output) => {
    expect(htmlToText(`<p>${input}</p>`).text).toBe(output);
  });

  it('turns no-break spaces into ordinary spaces in running text', () => {
    expect(htmlToText('<p>10&nbsp;km&#160;away</p>').text).toBe('10 km away');
  });
});

describe('htmlToText: malformed and hostile markup', () => {
  it('copes with unclosed and stray tags the way browsers do', () => {
    const html = '<div><p>One<p>Two</span></div></div><p>Three<li>stray item</li>x < y and 1<2</p>';
    expect(htmlToText(html).text).toBe('One\n\nTwo\n\nThree\n\n- stray item\nx < y and 1<2');
  });

  it('treats script and style contents as raw text up to their own end tag', () => {
    const html = '<p>before</p><script>if (a</div>) "<p>no</p>"</script ><style>p::after{content:"</p>x"}</style><p>after</p>';
    expect(htmlToText(html).text).toBe('before\n\nafter');
  });

  it('skips comments, doctypes, CDATA and processing instructions', () => {
    expect(htmlToText('<!DOCTYPE html><?xml version="1.0"?><!-- <p>hidden</p> --><!--><p>a<![CDATA[x]]></p><!-- unterminated').text).toBe('a');
  });

  it('reads attribute values containing ">" correctly', () => {
    expect(htmlToText('<p title="a > b" data-x=\'<p>\'>text</p>').text).toBe('text');
  });

  it('drops a tag cut off by the end of the input (the size cap)', () => {
    expect(htmlToText('<p>complete</p><p class="cut').text).toBe('complete');
    expect(htmlToText('<p>complete</p><script>var x = 1;').text).toBe('complete');
  });

  it('survives 100 000 nested elements', () => {
    const html = '<div>'.repeat(100_000) + 'deep' + '</div>'.repeat(100_000);
    expect(htmlToText(html).text).toBe('deep');
  });

  // How fast: bench/fetch-page-html.bench.ts (npm run bench). Here: all of it, correctly.
  it('converts a 2 MiB page whole: every paragraph, in order', () => {
    const paragraph = '<p>Lorem <a href="#">ipsum</a> dolor &amp; sit <b>amet</b>, consectetur.</p>\n';
    const count = Math.ceil((2 * 1024 * 1024) / paragraph.length);
    const html = `<main>${paragraph.repeat(count)}</main>`;
    const { text } = htmlToText(html);
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(count);
    expect(new Set(lines)).toEqual(new Set(['Lorem ipsum dolor & sit amet, consectetur.']));
  });

  const TAGS = [
    '<p>', '</p>', '<div>', '</div>', '<ul>', '<ol>', '<li>', '</ul>', '<table>', '<tr>', '<td>', '</table>', '<pre>', '</pre>',
    '<br>', '<svg>', '</svg>', '<math>', '<main>', '</main>', '<article>', '<title>', '</title>', '<h2>', '<blockquote>',
    '<p hidden>', '<a href="x>y">', '</a>', '<!-- c -->', '&amp;', '&', '&#x41;', '<', '>', '\n', ' ',
  ];

  it('never throws on any input, however broken', () => {
    const soup = fc.array(fc.oneof(fc.constantFrom(...TAGS, '<!--', '<?', '<p title="', '<script>', '</script>'), fc.string()), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), soup.map((pieces) => pieces.join(''))), (html) => {
        const { text, title } = htmlToText(html);
        expect(typeof text).toBe('string');
        expect(title === null || typeof title === 'string').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never shows script or style contents among well-formed tags, however they nest', () => {
    // Text pieces contain no "<", so nothing can swallow the <script> tag itself.
    const piece = fc.oneof(fc.constantFrom(...TAGS.filter((tag) => tag !== '<')), fc.string({ maxLength: 8 }).map((t) => t.replace(/</g, '')));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(piece, { maxLength: 20 }), (before, after) => {
        const html = `${before.join('')}<script>SECRET_ONE</script><style>SECRET_TWO</style>${after.join('')}`;
        const { text } = htmlToText(html);
        expect(text).not.toContain('SECRET');
      }),
      { numRuns: 500 },
    );
  });
});
