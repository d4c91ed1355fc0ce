/**
 * Markdown as React elements — never as HTML strings, so nothing a model writes can
 * become markup or script. Links open in the system browser (main turns target=_blank
 * into an external open).
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseBlocks, type Block } from './parse-blocks';
import { parseInline, type Inline } from './parse-inline';

export interface MarkdownProps {
  text: string;
  className?: string;
}

export function Markdown({ text, className }: MarkdownProps) {
  const blocks = useMemo(() => parseBlocks(text), [text]);
  return <div className={className ? `markdown ${className}` : 'markdown'}>{renderBlocks(blocks)}</div>;
}

/** For tests and callers that want the elements without the wrapper. */
export function renderMarkdown(text: string): ReactNode {
  return renderBlocks(parseBlocks(text));
}

function renderBlocks(blocks: readonly Block[]): ReactNode[] {
  return blocks.map((block, key) => renderBlock(block, key));
}

// The screen's own h1/h2 come first: an answer's "# Title" is a sub-heading of the transcript.
const HEADING_TAGS = ['h3', 'h4', 'h5', 'h6', 'h6', 'h6'] as const;

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInline(parseInline(block.text))}</p>;
    case 'heading': {
      const Tag = HEADING_TAGS[block.level - 1]!;
      return (
        <Tag key={key} className={`md-heading md-h${block.level}`}>
          {renderInline(parseInline(block.text))}
        </Tag>
      );
    }
    case 'code':
      return (
        <div key={key} className="md-code">
          {block.language && <span className="md-code-language">{block.language}</span>}
          <pre tabIndex={0}>
            <code data-language={block.language ?? undefined}>{block.text}</code>
          </pre>
        </div>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderListItem(item)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(block.children)}</blockquote>;
    case 'table':
      return (
        <div key={key} className="md-table" tabIndex={0}>
          <table>
            <thead>
              <tr>
                {block.header.map((cell, c) => (
                  <th key={c} scope="col" style={alignStyle(block.align[c])}>
                    {renderInline(parseInline(cell))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} style={alignStyle(block.align[c])}>
                      {renderInline(parseInline(cell))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'rule':
      return <hr key={key} />;
  }
}

/** A tight item's first paragraph sits directly in the <li>, as lists usually look. */
function renderListItem(blocks: readonly Block[]): ReactNode {
  const [first, ...rest] = blocks;
  if (first?.type !== 'paragraph') return renderBlocks(blocks);
  return (
    <>
      {renderInline(parseInline(first.text))}
      {rest.map((block, key) => renderBlock(block, key + 1))}
    </>
  );
}

function alignStyle(align: 'left' | 'center' | 'right' | null | undefined) {
  return align ? { textAlign: align } : undefined;
}

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, key) => {
    switch (node.type) {
      case 'text':
        return <Fragment key={key}>{node.text}</Fragment>;
      case 'code':
        return <code key={key}>{node.text}</code>;
      case 'strong':
        return <strong key={key}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={key}>{renderInline(node.children)}</em>;
      case 'del':
        return <del key={key}>{renderInline(node.children)}</del>;
      case 'link':
        return (
          <a key={key} href={node.href} target="_blank" rel="noreferrer">
            {renderInline(node.children)}
          </a>
        );
      case 'break':
        return <br key={key} />;
    }
  });
}
