/**
 * Turns what a person typed or said ("what's 15 percent of 80?", "3 squared plus 4
 * squared", "√2 × π") into the plain ASCII notation the tokenizer reads. Voice
 * transcripts spell operators as words, so the word forms matter as much as the symbols.
 * The result is lower-case with single spaces, and every error position refers to it.
 */

const SYMBOLS: [RegExp, string][] = [
  [/[\u00A0\u2007\u2009\u202F\t\r\n]/g, ' '],
  [/[×✕⨯∙⋅·]/g, '*'],
  [/[÷∕]/g, '/'],
  [/[−–—]/g, '-'],
  [/π/g, ' pi '],
  [/τ/g, ' tau '],
  [/°/g, ' deg '],
  [/√/g, ' sqrt '],
  [/∛/g, ' cbrt '],
  [/²/g, '^2'],
  [/³/g, '^3'],
];

const FUNCTION_WORDS = 'sqrt|cbrt|abs|round|floor|ceil|sin|cos|tan|asin|acos|atan|ln|log|log2|log10|exp';

// Order matters: longer phrases first, so "to the power of" is not eaten by a shorter rule.
const PHRASES: [RegExp, string][] = [
  [/^\s*(?:what\s+is|what's|whats|how\s+much\s+is|calculate|compute|evaluate|work\s+out)\b/, ' '],
  [/\b(?:raised\s+)?to\s+the\s+power\s+of\b/g, ' ^ '],
  [/\bto\s+the\s+(\d+)(?:st|nd|rd|th)\s+power\b/g, ' ^ $1 '],
  [/\braised\s+to\b/g, ' ^ '],
  [/\s*\bsquared\b/g, '^2 '],
  [/\s*\bcubed\b/g, '^3 '],
  [/\b(?:the\s+)?square\s+root(?:\s+of)?\b/g, ' sqrt '],
  [/\b(?:the\s+)?cube\s+root(?:\s+of)?\b/g, ' cbrt '],
  [/\b(?:the\s+)?natural\s+(?:log|logarithm)(?:\s+of)?\b/g, ' ln '],
  [/\b(?:the\s+)?absolute\s+value(?:\s+of)?\b/g, ' abs '],
  [/\b(?:the\s+)?(?:logarithm|log)\s+of\b/g, ' log '],
  [/\blogarithm\b/g, ' log '],
  [/\b(?:the\s+)?arc\s*sine(?:\s+of)?\b/g, ' asin '],
  [/\b(?:the\s+)?arc\s*cosine(?:\s+of)?\b/g, ' acos '],
  [/\b(?:the\s+)?arc\s*tangent(?:\s+of)?\b/g, ' atan '],
  [/\b(?:the\s+)?sine(?:\s+of)?\b/g, ' sin '],
  [/\b(?:the\s+)?cosine(?:\s+of)?\b/g, ' cos '],
  [/\b(?:the\s+)?tangent(?:\s+of)?\b/g, ' tan '],
  [new RegExp(`\\b(?:the\\s+)?(${FUNCTION_WORDS})\\s+of\\b`, 'g'), ' $1 '],
  [/\bfactorial\s+of\s+(\d+)\b/g, ' $1! '],
  [/\s*\bfactorial\b/g, '! '],
  [/\bmultiplied\s+by\b/g, ' * '],
  [/\btimes\b/g, ' * '],
  [/\bdivided\s+by\b/g, ' / '],
  [/\bover\b/g, ' / '],
  [/\bplus\b/g, ' + '],
  [/\b(?:minus|negative)\b/g, ' - '],
  [/\b(?:percent|per\s+cent|pct)\b/g, ' % '],
  [/\bmodulo\b/g, ' mod '],
  [/\bdegrees?\b/g, ' deg '],
  [/\bradians?\b/g, ' rad '],
  // A spoken question ends with "?" and a typed sum often with "=" — neither is maths.
  [/[\s=?]+$/, ''],
  [/\.\s*$/, ''],
];

export function normaliseExpression(input: string): string {
  let text = input.toLowerCase();
  for (const [pattern, replacement] of SYMBOLS) text = text.replace(pattern, replacement);
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  return text
    .replace(/ {2,}/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .trim()
    .replace(/[\s=?]+$/, '');
}
