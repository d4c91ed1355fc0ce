/**
 * Takes secrets out of text before it is written to a log file or shown in diagnostics:
 * the exact values FROK holds (told through setSecret as the secret store reads and writes
 * them), then anything shaped like a secret (API keys, bearer tokens, Home Assistant
 * long-lived tokens, credentials in URLs, token=… parameters) that FROK was never told of.
 */

export const REDACTED = '[redacted]';

/** A value this short would blank out ordinary words; no real key or token is. */
const MIN_KNOWN_LENGTH = 4;

/** Secret shapes, in order. Each keeps what says which kind it was, so a log stays readable. */
const PATTERNS: { re: RegExp; replace: string }[] = [
  // OpenAI keys (sk-…, sk-proj-…) and other sk- style keys.
  { re: /\bsk-[A-Za-z0-9_-]{6,}/g, replace: `sk-${REDACTED}` },
  // Authorization header values.
  { re: /\b(Bearer)(\s+)[A-Za-z0-9._~+/=-]{4,}/gi, replace: `$1$2${REDACTED}` },
  { re: /\b(Basic)(\s+)[A-Za-z0-9+/]{8,}={0,2}/g, replace: `$1$2${REDACTED}` },
  // JSON Web Tokens, which Home Assistant long-lived access tokens are.
  { re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, replace: REDACTED },
  // user:password@ in a URL.
  { re: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, replace: `$1${REDACTED}@` },
  // token=…, "api_key": "…", password: … (query strings, JSON, headers, inspected objects).
  {
    re: /(?<![A-Za-z0-9])((?:api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|token|password|passwd|secret|client[_-]?secret|authorization)["']?\s*[:=]\s*["']?)(?![\s"'{[]|\[redacted\])[^\s"'&,;{}[\]]+/gi,
    replace: `$1${REDACTED}`,
  },
];

export interface Redactor {
  /**
   * Tells it a named secret's current value. Earlier values stay known for the rest of the
   * session (a line written before the key was replaced may still hold the old one); null
   * (the secret was removed) forgets nothing for the same reason.
   */
  setSecret(name: string, value: string | null): void;
  /** The text with every known secret value and every secret-shaped run replaced. */
  redact(text: string): string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactPatterns(text: string): string {
  let out = text;
  for (const { re, replace } of PATTERNS) out = out.replace(re, replace);
  return out;
}

export function createRedactor(): Redactor {
  const known = new Set<string>();
  let matcher: RegExp | null = null;
  return {
    setSecret(_name, value) {
      const trimmed = value?.trim() ?? '';
      if (trimmed.length < MIN_KNOWN_LENGTH || known.has(trimmed)) return;
      known.add(trimmed);
      // Longest first, so a value that contains another is replaced whole.
      const values = [...known].sort((a, b) => b.length - a.length);
      matcher = new RegExp(values.map(escapeRegExp).join('|'), 'g');
    },
    redact(text) {
      const withoutKnown = matcher ? text.replace(matcher, REDACTED) : text;
      return redactPatterns(withoutKnown);
    },
  };
}
