/**
 * Which addresses in an answer may open outside FROK, in the system's browser or mail app.
 * One rule for both sides: the renderer makes only these clickable, and main checks again
 * before handing one to the operating system (a page may be compromised).
 */

/** Web pages and e-mail only: no file:, javascript:, data:, custom app schemes. */
export const EXTERNAL_LINK_PROTOCOLS: readonly string[] = ['https:', 'http:', 'mailto:'];

/** Longer than any real link; keeps a hostile page from handing the OS a megabyte. */
export const MAX_EXTERNAL_LINK_LENGTH = 8_000;

export type ExternalLinkCheck = { ok: true; url: string } | { ok: false; reason: 'invalid' | 'scheme' | 'credentials' | 'too-long' };

/** The address as it will be opened (normalised by URL), or why it will not be. */
export function checkExternalLink(raw: string): ExternalLinkCheck {
  const text = raw.trim();
  if (text.length > MAX_EXTERNAL_LINK_LENGTH) return { ok: false, reason: 'too-long' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!EXTERNAL_LINK_PROTOCOLS.includes(url.protocol)) return { ok: false, reason: 'scheme' };
  if (url.protocol !== 'mailto:' && url.hostname === '') return { ok: false, reason: 'invalid' };
  // "https://bank.example@evil.example" reads as the bank but goes elsewhere.
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  return { ok: true, url: url.href };
}

/** The address to open, or null when it must not be opened. */
export function externalLinkUrl(raw: string): string | null {
  const check = checkExternalLink(raw);
  return check.ok ? check.url : null;
}
