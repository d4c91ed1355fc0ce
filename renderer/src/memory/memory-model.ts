/**
 * The Memory view's pure rules: who saved a memory and where it came from, in plain
 * words; when it was saved (and edited) in the person's locale; tags typed as text; and
 * pages of memories joined without repeats.
 */
import type { TFunction } from 'i18next';
import type { MemoryView } from '@shared/history';
import { resolveLanguage } from '@shared/language';
import { currentLanguage, i18next } from '../i18n';
import { formatDateTime } from '../i18n/format';

/** The words in the given locale's language, else the person's (or the system's). */
function words(locale?: string | string[]): TFunction {
  const tags = locale === undefined ? [] : Array.isArray(locale) ? locale : [locale];
  return i18next.getFixedT(tags.length > 0 ? resolveLanguage('system', tags) : currentLanguage(), 'memory');
}

/** How many memories one page asks main for (main allows up to 100). */
export const MEMORY_PAGE_SIZE = 20;
/** The longest memory main accepts (MemoryUpdateRequestSchema). */
export const FACT_MAX_CHARS = 2000;
export const TAG_MAX_CHARS = 40;
export const TAG_MAX_COUNT = 20;

/** Who saved it, as a person would say it. */
export function savedByText(memory: Pick<MemoryView, 'source' | 'origin'>): string {
  const t = words();
  if (memory.source === 'user') return t('savedBy.you');
  const by = memory.origin?.savedBy?.trim() ?? '';
  if (by === 'memory') return t('savedBy.memory');
  if (by === 'voice' || (!by && memory.origin?.voiceSessionId)) return t('savedBy.voice');
  if (by) return t('savedBy.specialist', { name: by });
  return t('savedBy.frok');
}

export type OriginDescription =
  /** The conversation is still kept: a link to open it. */
  | { kind: 'conversation'; conversationId: string; title: string }
  /** It came from a conversation that has since been deleted (or was never kept). */
  | { kind: 'gone' }
  /** Nothing is known about where it came from (saved before FROK kept that). */
  | { kind: 'unknown' };

export function describeOrigin(memory: Pick<MemoryView, 'origin' | 'conversationTitle'>): OriginDescription {
  const conversationId = memory.origin?.conversationId ?? null;
  if (!conversationId) return { kind: 'unknown' };
  const title = memory.conversationTitle?.trim();
  if (!title) return { kind: 'gone' };
  return { kind: 'conversation', conversationId, title };
}

/** The words shown for a conversation that is no longer kept. */
export function goneText(): string {
  return words()('origin.gone');
}

function validDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A date and time in the person's locale, e.g. "12 Mar 2025, 09:30" (en-GB). */
export function formatWhen(iso: string, locale?: string | string[]): string {
  const date = validDate(iso);
  if (!date) return words(locale)('when.unknown');
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  return locale === undefined ? formatDateTime(date, options) : new Intl.DateTimeFormat(locale, options).format(date);
}

/** Saved, and — when it has changed since — updated (edits, or the same fact said again). */
export function whenText(memory: Pick<MemoryView, 'createdAt' | 'updatedAt'>, locale?: string | string[]): { saved: string; updated: string | null } {
  const created = validDate(memory.createdAt);
  const updated = validDate(memory.updatedAt);
  const changed = created && updated && updated.getTime() > created.getTime();
  return { saved: formatWhen(memory.createdAt, locale), updated: changed ? formatWhen(memory.updatedAt, locale) : null };
}

/** Tags as the person types them: separated by commas, trimmed, lower case, no repeats or blanks. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim().replace(/\s+/g, ' ').toLowerCase();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export function tagsText(tags: readonly string[]): string {
  return tags.join(', ');
}

/** What is wrong with an edit before it goes to main, or null. */
export function editProblem(fact: string, tags: readonly string[]): string | null {
  const t = words();
  const trimmed = fact.trim();
  if (!trimmed) return t('problem.empty');
  if (trimmed.length > FACT_MAX_CHARS) return t('problem.tooLong', { length: trimmed.length, max: FACT_MAX_CHARS });
  if (tags.length > TAG_MAX_COUNT) return t('problem.tooManyTags', { tags: tags.length, max: TAG_MAX_COUNT });
  const long = tags.find((tag) => tag.length > TAG_MAX_CHARS);
  if (long) return t('problem.tagTooLong', { tag: long.slice(0, 50), max: TAG_MAX_CHARS });
  return null;
}

/** Whether an edit changes anything. */
export function isUnchanged(memory: Pick<MemoryView, 'fact' | 'tags'>, fact: string, tags: readonly string[]): boolean {
  return fact.trim() === memory.fact && tags.length === memory.tags.length && tags.every((t, i) => t === memory.tags[i]);
}

/** The next page after the ones shown; a memory already shown (the list moved meanwhile) is not repeated. */
export function appendMemories(shown: readonly MemoryView[], page: readonly MemoryView[]): MemoryView[] {
  const ids = new Set(shown.map((m) => m.id));
  return [...shown, ...page.filter((m) => !ids.has(m.id))];
}

/** A short form of a memory for button names: "Edit the memory “Likes warm light…”". */
export function shortFact(fact: string, max = 60): string {
  const flat = fact.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Which memory gets focus once one is removed: the next, else the previous, else none. */
export function focusAfterDelete(ids: readonly string[], removed: string): string | null {
  const at = ids.indexOf(removed);
  if (at < 0) return null;
  return ids[at + 1] ?? ids[at - 1] ?? null;
}

/** The count line over the list. */
export function countText(total: number, shown: number, searching: boolean): string {
  const t = words();
  const some = shown < total;
  if (searching) {
    if (total === 0) return t('count.noMatch');
    return some ? t('count.matchingSome', { count: total, shown }) : t('count.matching', { count: total });
  }
  return some ? t('count.some', { count: total, shown }) : t('count.all', { count: total });
}
