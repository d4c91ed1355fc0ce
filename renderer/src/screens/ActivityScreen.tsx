/**
 * The specialist team at work: every run of the last 30 days (kept by main, so they
 * survive a restart) and those of this window, newest first, as timelines; a filter by
 * specialist; and tokens and cost per day and month.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { formatNumber } from '../i18n/format';

/** Cards shown at first; more on request, so a month of runs does not render at once. */
const PAGE = 30;

export function ActivityScreen({ settings }: { settings: Settings }) {
  const { t } = useTranslation('activity');
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
          {t('screen.title')}
        </h1>
        <p className="hint">{t('screen.intro')}</p>
      </header>
      <UsageTotals totals={kept.totals} specialist={specialist} config={team.config} now={now} />
      {kept.error && (
        <p className="message error" role="alert" data-testid="activity-load-error">
          {kept.error}
        </p>
      )}
      {specialists.length > 0 && (
        <div className="activity-filter field">
          <label htmlFor={`${id}-specialist`}>{t('screen.specialist')}</label>
          <select
            id={`${id}-specialist`}
            value={specialist ?? ''}
            onChange={(e) => {
              setSpecialist((e.target.value || null) as SpecialistId | null);
              setShown(PAGE);
            }}
            data-testid="activity-specialist-filter"
          >
            <option value="">{t('screen.allSpecialists')}</option>
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
          {t(kept.loading ? 'screen.loading' : specialist ? 'screen.emptyForSpecialist' : 'screen.empty')}
        </p>
      ) : (
        <>
          <ol className="run-list" aria-label={t('screen.runsLabel')}>
            {runs.slice(0, shown).map((run) => (
              <RunCard key={run.runId} run={run} now={now} config={team.config} />
            ))}
          </ol>
          {runs.length > shown && (
            <button type="button" className="button secondary activity-more" onClick={() => setShown((n) => n + PAGE)} data-testid="activity-more">
              {t('screen.more', { number: formatNumber(runs.length - shown) })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
