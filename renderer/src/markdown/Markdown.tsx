/**
 * An answer's Markdown, drawn with react-markdown + GitHub-flavoured Markdown (tables,
 * task lists, strikethrough, autolinks) and highlight.js colours for code. It is built as
 * React elements, never as an HTML string: HTML a model writes is shown as the text it is
 * (no rehype-raw), images are never loaded (their description and a link instead), and a
 * link opens in the system's browser through main (`shell:openExternal`), never inside
 * FROK. Text that is still streaming is fine: an unclosed code fence is code to the end.
 */
import { ExternalLink, Image as ImageIcon } from 'lucide-react';
import { memo, useCallback, useMemo, useState, type CSSProperties, type JSX, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import ReactMarkdown, { type Components, type ExtraProps, type UrlTransform } from 'react-markdown';
import rehypeHighlight, { type Options as HighlightOptions } from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import type { Element, ElementContent } from 'hast';
import { externalLinkUrl } from '@shared/external-link';
import { call, errorMessage, FrokError } from '../ipc';
import { CopyButton } from './CopyButton';
import './markdown.css';
import './highlight.css';

export interface MarkdownProps {
  text: string;
  className?: string;
}

const REMARK_PLUGINS = [remarkGfm];
/**
 * rehype-highlight registers lowlight's "common" set: the ~35 languages assistants write
 * most (bash, JS/TS, Python, JSON, YAML, SQL, HTML, CSS, Go, Rust, Java, C/C++, C#…). It
 * bundles that set whatever we pass, so registering our own list would only add to it.
 * Any other language is shown plain, never guessed at (guessing colours prose as code).
 */
const HIGHLIGHT: HighlightOptions = { detect: false, aliases: { shell: ['terminal'], xml: ['vue'], ini: ['conf'] } };
const REHYPE_PLUGINS: [typeof rehypeHighlight, HighlightOptions][] = [[rehypeHighlight, HIGHLIGHT]];

/** Only web and mail addresses survive; anything else (javascript:, data:, file:, relative) becomes '' and is drawn unlinked. */
const urlTransform: UrlTransform = (url) => externalLinkUrl(url) ?? '';

/** The link-opening part, so tests can see what a click asks main to do. */
export async function openExternalLink(url: string): Promise<void> {
  await call('shell:openExternal', { url });
}

export const Markdown = memo(function Markdown({ text, className }: MarkdownProps) {
  const { t } = useTranslation('answers');
  const [linkError, setLinkError] = useState<string | null>(null);
  const open = useCallback(
    (url: string) => {
      setLinkError(null);
      openExternalLink(url).catch((err: unknown) =>
        setLinkError(err instanceof FrokError && err.code === 'link_refused' ? t('link.refusedMessage') : t('link.failed', { message: errorMessage(err) })),
      );
    },
    [t],
  );
  const components = useMemo(() => markdownComponents(open), [open]);
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS} rehypePlugins={REHYPE_PLUGINS} urlTransform={urlTransform} components={components}>
        {text}
      </ReactMarkdown>
      {linkError && (
        <p className="md-link-error" role="alert" data-testid="markdown-link-error">
          {linkError}
        </p>
      )}
    </div>
  );
});

type Props<Tag extends keyof JSX.IntrinsicElements> = JSX.IntrinsicElements[Tag] & ExtraProps;

function markdownComponents(open: (url: string) => void): Components {
  return {
    // The screen's own h1/h2 come first: an answer's "# Title" is a sub-heading of the transcript.
    h1: ({ node: _node, ...props }: Props<'h1'>) => <h3 className="md-heading md-h1" {...props} />,
    h2: ({ node: _node, ...props }: Props<'h2'>) => <h4 className="md-heading md-h2" {...props} />,
    h3: ({ node: _node, ...props }: Props<'h3'>) => <h5 className="md-heading md-h3" {...props} />,
    h4: ({ node: _node, ...props }: Props<'h4'>) => <h6 className="md-heading md-h4" {...props} />,
    h5: ({ node: _node, ...props }: Props<'h5'>) => <h6 className="md-heading md-h5" {...props} />,
    h6: ({ node: _node, ...props }: Props<'h6'>) => <h6 className="md-heading md-h6" {...props} />,
    a: ({ href, children }: Props<'a'>) => <Link href={href ?? ''} open={open}>{children}</Link>,
    img: ({ src, alt }: Props<'img'>) => <ImageStandIn src={typeof src === 'string' ? src : ''} alt={alt ?? ''} open={open} />,
    pre: ({ node, children }: Props<'pre'>) => <CodeBlock node={node}>{children}</CodeBlock>,
    table: ({ node: _node, ...props }: Props<'table'>) => <TableBlock {...props} />,
    th: ({ node: _node, style, ...props }: Props<'th'>) => <th scope="col" className={alignClass(style)} {...props} />,
    td: ({ node: _node, style, ...props }: Props<'td'>) => <td className={alignClass(style)} {...props} />,
    // Task list boxes show what the answer says; they are not a form.
    input: ({ node: _node, ...props }: Props<'input'>) => <input {...props} disabled readOnly tabIndex={-1} />,
  };
}

/** GFM column alignment arrives as an inline style, which the CSP forbids: a class does the same. */
function alignClass(style: CSSProperties | undefined): string | undefined {
  const align = style?.textAlign;
  return align === 'left' || align === 'center' || align === 'right' ? `md-align-${align}` : undefined;
}

function Link({ href, open, children }: { href: string; open: (url: string) => void; children: ReactNode }) {
  const { t } = useTranslation('answers');
  // urlTransform already emptied what may not open; this is the second look.
  const url = href ? externalLinkUrl(href) : null;
  if (!url) {
    return (
      <span className="md-link-refused" title={t('link.refused')} data-testid="markdown-link-refused">
        {children}
      </span>
    );
  }
  return (
    <a
      href={url}
      // A click never navigates FROK's page: main opens it in the browser. (Main also
      // blocks navigation and turns new windows into browser opens, should anything slip.)
      target="_blank"
      rel="noreferrer noopener"
      title={`${url} — ${t('link.opensOutside')}`}
      onClick={(e) => {
        e.preventDefault();
        open(url);
      }}
      onAuxClick={(e) => {
        if (e.button !== 1) return;
        e.preventDefault();
        open(url);
      }}
    >
      {children}
    </a>
  );
}

/** An image is never fetched (no tracking pixels, no remote content): its description, linked when it is on the web. */
function ImageStandIn({ src, alt, open }: { src: string; alt: string; open: (url: string) => void }) {
  const { t } = useTranslation('answers');
  const url = src ? externalLinkUrl(src) : null;
  const words = alt.trim() || t('image.untitled');
  return (
    <span className="md-image" data-testid="markdown-image" title={t('image.notLoaded')}>
      <ImageIcon aria-hidden="true" focusable="false" size={14} />
      <span className="visually-hidden">{t('image.prefix')} </span>
      {url ? (
        <Link href={url} open={open}>
          {words}
          <ExternalLink aria-hidden="true" focusable="false" size={12} className="md-external-icon" />
        </Link>
      ) : (
        <span>{words}</span>
      )}
    </span>
  );
}

function TableBlock(props: JSX.IntrinsicElements['table']) {
  const { t } = useTranslation('answers');
  // Wide tables scroll sideways; the scroller takes focus so keyboards can scroll it too.
  return (
    <div className="md-table" tabIndex={0} role="group" aria-label={t('table')}>
      <table {...props} />
    </div>
  );
}

function CodeBlock({ node, children }: { node: Element | undefined; children: ReactNode }) {
  const { t } = useTranslation('answers');
  const code = node?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const language = code ? languageOf(code) : null;
  return (
    <div className="md-code" role="group" aria-label={language ? t('code.labelWithLanguage', { language }) : t('code.label')} data-testid="markdown-code">
      <div className="md-code-bar">
        <span className="md-code-language" aria-hidden="true">
          {language ?? ''}
        </span>
        <CopyButton text={() => (code ? textOf(code) : '').replace(/\n$/, '')} label={t('copy.code')} copiedLabel={t('copy.codeCopied')} testId="markdown-code-copy" />
      </div>
      <pre tabIndex={0}>{children}</pre>
    </div>
  );
}

function languageOf(code: Element): string | null {
  const classes = code.properties['className'];
  if (!Array.isArray(classes)) return null;
  for (const c of classes) {
    const name = String(c);
    if (name.startsWith('language-')) return name.slice('language-'.length) || null;
  }
  return null;
}

/** The code as written: highlight.js only wraps it in spans. */
function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
