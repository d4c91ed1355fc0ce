/**
 * Who helped with an answer and how each of them ended, for the answer's footer: the
 * specialists the result names, with the ones whose every attempt failed marked failed
 * and why (from the run's activity, which saw their spans end). Pure, for tests.
 */
import type { AskResult } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import { flattenSpans, type RunActivity } from '../activity/activity-model';

export interface AnswerHelper {
  specialist: SpecialistId;
  ok: boolean;
  /** Why it failed, in the words main reported; null when it helped or no reason is known. */
  reason: string | null;
}

/** Enough for a footer line; the Activity screen has the whole text. */
const MAX_REASON = 240;

export function answerHelpers(result: Pick<AskResult, 'specialistsUsed'>, run: RunActivity | null | undefined): AnswerHelper[] {
  const outcomes = new Map<SpecialistId, { helped: boolean; failure: string | null; failed: boolean }>();
  for (const { span } of run ? flattenSpans(run.spans) : []) {
    if (!span.specialist || (span.kind !== 'specialist' && span.kind !== 'agent')) continue;
    const seen = outcomes.get(span.specialist) ?? { helped: false, failure: null, failed: false };
    // One good attempt is help, even if another attempt of the same specialist failed.
    if (span.ok === false) outcomes.set(span.specialist, { ...seen, failed: true, failure: span.summary ?? seen.failure });
    else if (span.endedAt !== null) outcomes.set(span.specialist, { ...seen, helped: true });
    else outcomes.set(span.specialist, seen);
  }
  const order = [...result.specialistsUsed, ...[...outcomes.keys()].filter((id) => !result.specialistsUsed.includes(id))];
  return order.map((specialist) => {
    const outcome = outcomes.get(specialist);
    const failed = outcome !== undefined && outcome.failed && !outcome.helped;
    return { specialist, ok: !failed, reason: failed ? plainReason(outcome.failure) : null };
  });
}

/**
 * The SDK words a tool failure as "An error occurred while running the tool. Please try
 * again. Error: …": only the part after "Error:" says anything to a person.
 */
export function plainReason(summary: string | null): string | null {
  let text = (summary ?? '').trim();
  if (/^An error occurred while running the tool/i.test(text)) text = /Error:\s*([\s\S]*)$/.exec(text)?.[1]?.trim() ?? '';
  if (text === '') return null;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1).trimEnd()}…` : text;
}
