/**
 * Checks what agents and people ask the memory to keep. Facts and tags arrive from model
 * tool calls, so every rule fails with a message the model can act on by itself.
 */
import { UserFacingError } from '../../errors.ts';
import { tr } from '../../i18n/index.ts';

export const MEMORY_LIMITS = { factChars: 2000, tags: 20, tagChars: 40 } as const;

export type MemorySource = 'user' | 'agent';

function invalid(message: string): UserFacingError {
  return new UserFacingError('invalid_memory', message);
}

export function validFact(fact: unknown): string {
  if (typeof fact !== 'string') throw invalid(tr('errors:memory.notText'));
  const trimmed = fact.trim();
  if (!trimmed) throw invalid(tr('errors:memory.empty'));
  if (trimmed.length > MEMORY_LIMITS.factChars) {
    throw invalid(
      tr('errors:memory.tooLong', { length: trimmed.length, limit: MEMORY_LIMITS.factChars }),
    );
  }
  return trimmed;
}

/**
 * Tags are trimmed, lower-cased and de-duplicated so "Home" and "home " file a memory in
 * one place; the limit counts distinct tags.
 */
export function validTags(tags: unknown): string[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw invalid(tr('errors:memory.tagsNotList'));
  const distinct = new Set<string>();
  for (const tag of tags) {
    if (typeof tag !== 'string') throw invalid(tr('errors:memory.tagNotText'));
    const clean = tag.trim().toLowerCase();
    if (!clean) throw invalid(tr('errors:memory.tagBlank'));
    if (clean.length > MEMORY_LIMITS.tagChars) {
      throw invalid(tr('errors:memory.tagTooLong', { tag: clean.slice(0, 20), length: clean.length, limit: MEMORY_LIMITS.tagChars }));
    }
    distinct.add(clean);
  }
  return checkTagCount([...distinct]);
}

export function checkTagCount(tags: string[]): string[] {
  if (tags.length > MEMORY_LIMITS.tags) {
    throw invalid(tr('errors:memory.tooManyTags', { limit: MEMORY_LIMITS.tags, tagCount: tags.length }));
  }
  return tags;
}

export function validSource(source: unknown): MemorySource {
  if (source === undefined || source === null) return 'agent';
  if (source === 'user' || source === 'agent') return source;
  throw invalid(tr('errors:memory.badSource'));
}

/**
 * The key two facts are "the same" by: case, spacing and closing punctuation differ in
 * how a fact happens to be said, not in what it says. Other punctuation is kept, because
 * "-5 degrees" and "5 degrees" are different facts.
 */
export function normaliseFact(fact: string): string {
  return fact
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/[\s.!?…]+$/u, '')
    .trim();
}
