/**
 * Reads a Content-Type header and decides whether fetch_page can turn the body into
 * text. Only types that are text by nature are read: a PDF or an image decoded as text
 * would be noise the research agent cannot use.
 */
export interface ContentType {
  /** Lower-case type/subtype, or '' when the header is missing or malformed. */
  mimeType: string;
  /** Lower-case charset label, or null when none was given. */
  charset: string | null;
}

export const READABLE_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'application/json',
]);

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

export function parseContentType(header: string | null): ContentType {
  if (!header) return { mimeType: '', charset: null };
  const [essence = '', ...params] = splitParameters(header);
  const [type, subtype, ...extra] = essence.trim().toLowerCase().split('/');
  const valid = type && subtype && extra.length === 0 && TOKEN.test(type) && TOKEN.test(subtype.trim());
  const mimeType = valid ? `${type}/${subtype.trim()}` : '';
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = unquote(param.slice(eq + 1).trim()).trim().toLowerCase();
    if (value) charset = value;
    break;
  }
  return { mimeType, charset };
}

export function isHtmlType(mimeType: string): boolean {
  return mimeType === 'text/html' || mimeType === 'application/xhtml+xml';
}

/** Splits on semicolons that are not inside a quoted string. */
function splitParameters(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i += 1) {
    const char = header[i]!;
    if (quoted && char === '\\' && i + 1 < header.length) {
      current += char + header[i + 1];
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  const end = value.indexOf('"', 1);
  return value.slice(1, end < 0 ? undefined : end).replace(/\\(.)/g, '$1');
}
