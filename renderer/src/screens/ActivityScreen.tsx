/**
 * The specialist team at work: every run of the last 30 days (kept by main, so they
 * survive a restart) and those of this window, newest first, as timelines; a filter by
 * specialist; and tokens and cost per day and month.
 */
import { useId, useState } from 'react';
import type { SpecialistId } from '@shared/domain';
import type { Settings } from '@shared/settings';
import { anyRunActive, isRunActive } from '../activity/activity-model';
import { useActivity } from '../activity/ActivityProvider';
import { RunCard } from '../activity/RunCard';
import { specialistName } from '../activity/specialist-label';
import { filterBySpecialist, mergeRuns, specialistsSeen } from '../activity/stored-runs';
import { UsageTotals } from '../activity/UsageTotals';
import { useKeptActivity } from '../activity/use-kept-activity';
import { useNow } from '../activity/use-now';
import { useAgentConfig } from '../conversation/use-agent-config';

/** Cards shown at first; more on request, so a month of runs does not render at once. */
const PAGE = 30;

export function ActivityScreen({ settings }: { settings: Settings }) {
  const id = useId();
  const activity = useActivity();
  const team = useAgentConfig(settings);
  const now = useNow(anyRunActive(activity));
  const kept = useKeptActivity(activity.runs.filter((r) => !isRunActive(r)).length);
  const [specialist, setSpecialist] = useState<SpecialistId | null>(null);
  const [shown, setShown] = useState(PAGE);

  const all = mergeRuns(kept.runs, activity);
  const specialists = specialistsSeen(all);
  const runs = filterBySpecialist(all, specialist);

  return (
    <section className="screen activity-screen" data-testid="screen-activity" aria-labelledby="screen-activity-title">
      <header className="screen-header">
        <h1 id="screen-activity-title" tabIndex={-1}>
          Activity
        </h1>
        <p className="hint">Which specialists worked on each request, when, for how long and at what cost. Runs are kept for 30 days.</p>
      </header>
      <UsageTotals totals={kept.totals} specialist={specialist} config={team.config} now={now} />
      {kept.error && (
        <p className="message error" role="alert" data-testid="activity-load-error">
          {kept.error}
        </p>
      )}
      {specialists.length > 0 && (
        <div className="activity-filter field">
          <label htmlFor={`${id}-specialist`}>Specialist</label>
          <select
            id={`${id}-specialist`}
            value={specialist ?? ''}
            onChange={(e) => {
              setSpecialist((e.target.value || null) as SpecialistId | null);
              setShown(PAGE);
            }}
            data-testid="activity-specialist-filter"
          >
            <option value="">All specialists</option>
            {specialists.map((s) => (
              <option key={s} value={s}>
                {specialistName(s, team.config)}
              </option>
            ))}
          </select>
        </div>
      )}
      {runs.length === 0 ? (
        <p className="placeholder" data-testid="activity-empty">
          {kept.loading
            ? 'Loading earlier runs…'
            : specialist
              ? 'No runs with this specialist in the last 30 days.'
              : 'Nothing yet. Ask FROK something in Conversation, by voice or with Quick ask, and watch the specialists work here.'}
        </p>
      ) : (
        <>
          <ol className="run-list" aria-label="Runs, newest first">
            {runs.slice(0, shown).map((run) => (
              <RunCard key={run.runId} run={run} now={now} config={team.config} />
            ))}
          </ol>
          {runs.length > shown && (
            <button type="button" className="button secondary activity-more" onClick={() => setShown((n) => n + PAGE)} data-testid="activity-more">
              Show older runs ({runs.length - shown} more)
            </button>
          )}
        </>
      )}
    </section>
  );
}
