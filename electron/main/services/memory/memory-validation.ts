/**
 * Checks what agents and people ask the memory to keep. Facts and tags arrive from model
 * tool calls, so every rule fails with a message the model can act on by itself.
 */
import { UserFacingError } from '../../errors.ts';

export const MEMORY_LIMITS = { factChars: 2000, tags: 20, tagChars: 40 } as const;

export type MemorySource = 'user' | 'agent';

function invalid(message: string): UserFacingError {
  return new UserFacingError('invalid_memory', message);
}

export function validFact(fact: unknown): string {
  if (typeof fact !== 'string') throw invalid('A memory must be text — say in words what to remember.');
  const trimmed = fact.trim();
  if (!trimmed) throw invalid('A memory can’t be empty — say what to remember.');
  if (trimmed.length > MEMORY_LIMITS.factChars) {
    throw invalid(
      `That memory is ${trimmed.length} characters long; the limit is ${MEMORY_LIMITS.factChars}. Save a shorter summary of it.`,
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
  if (!Array.isArray(tags)) throw invalid('Tags must be a list of short words, like ["home", "lighting"].');
  const distinct = new Set<string>();
  for (const tag of tags) {
    if (typeof tag !== 'string') throw invalid('Each tag must be a short word or phrase, like "home".');
    const clean = tag.trim().toLowerCase();
    if (!clean) throw invalid('A tag can’t be blank — remove it or give it a name.');
    if (clean.length > MEMORY_LIMITS.tagChars) {
      throw invalid(`The tag "${clean.slice(0, 20)}…" is ${clean.length} characters; tags can be at most ${MEMORY_LIMITS.tagChars}. Use a shorter tag.`);
    }
    distinct.add(clean);
  }
  return checkTagCount([...distinct]);
}

export function checkTagCount(tags: string[]): string[] {
  if (tags.length > MEMORY_LIMITS.tags) {
    throw invalid(`A memory can have at most ${MEMORY_LIMITS.tags} tags, and this one would have ${tags.length}. Use fewer, broader tags.`);
  }
  return tags;
}

export function validSource(source: unknown): MemorySource {
  if (source === undefined || source === null) return 'agent';
  if (source === 'user' || source === 'agent') return source;
  throw invalid('A memory’s source must be "user" or "agent".');
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
