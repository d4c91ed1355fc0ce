/**
 * Shortens text to at most `maxChars` characters, at a word boundary when one is near,
 * ending with "…" so a reader (or model) can tell the text goes on.
 */
const ELLIPSIS = '…';

export function truncateText(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  let end = maxChars - ELLIPSIS.length;
  // Never split a surrogate pair (an emoji, say) in half.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  let cut = text.slice(0, end);
  const space = cut.search(/\s\S*$/);
  if (space > end * 0.9) cut = cut.slice(0, space);
  return { text: cut.trimEnd() + ELLIPSIS, truncated: true };
}
