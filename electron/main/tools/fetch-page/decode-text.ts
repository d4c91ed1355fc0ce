/**
 * Turns body bytes into a string using the page's character encoding, found the way a
 * browser finds it: a byte-order mark first, then the Content-Type charset, then (for
 * HTML) a <meta charset> in the first 1024 bytes, else UTF-8. TextDecoder knows the
 * WHATWG labels, so "iso-8859-1" decodes as windows-1252 exactly as browsers do.
 */
const META_PRESCAN_BYTES = 1024;
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.()-]+)/i;

export function decodeText(bytes: Uint8Array, headerCharset: string | null, isHtml: boolean): string {
  const label =
    byteOrderMark(bytes) ??
    usableLabel(headerCharset) ??
    (isHtml ? asciiCompatible(usableLabel(metaCharset(bytes))) : null) ??
    'utf-8';
  // stream: true leaves a multi-byte character cut off by the size cap undecoded
  // instead of turning it into U+FFFD.
  return new TextDecoder(label).decode(bytes, { stream: true });
}

function byteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function usableLabel(label: string | null): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null; // an unknown label: fall through to the next source
  }
}

/**
 * A page cannot really be UTF-16 if its <meta> was readable as ASCII; browsers treat
 * that declaration as UTF-8, and so do we.
 */
function asciiCompatible(encoding: string | null): string | null {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-8' : encoding;
}

function metaCharset(bytes: Uint8Array): string | null {
  // Latin-1 maps every byte to one character, so ASCII markup reads correctly whatever
  // the real encoding turns out to be.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, META_PRESCAN_BYTES));
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  return META_CHARSET.exec(withoutComments)?.[1] ?? null;
}
