/** The specialist team at work: every recent run, newest first, as a live timeline. */
import type { Settings } from '@shared/settings';
import { anyRunActive, MAX_RUNS, runsNewestFirst } from '../activity/activity-model';
import { useActivity } from '../activity/ActivityProvider';
import { RunCard } from '../activity/RunCard';
import { useNow } from '../activity/use-now';
import { useAgentConfig } from '../conversation/use-agent-config';

export function ActivityScreen({ settings }: { settings: Settings }) {
  const activity = useActivity();
  const team = useAgentConfig(settings);
  const now = useNow(anyRunActive(activity));
  const runs = runsNewestFirst(activity);

  return (
    <section className="screen activity-screen" data-testid="screen-activity" aria-labelledby="screen-activity-title">
      <header className="screen-header">
        <h1 id="screen-activity-title" tabIndex={-1}>
          Activity
        </h1>
        <p className="hint">Which specialists worked on each request, when, for how long and at what cost. The last {MAX_RUNS} runs since FROK started.</p>
      </header>
      {runs.length === 0 ? (
        <p className="placeholder" data-testid="activity-empty">
          Nothing yet. Ask FROK something in Conversation, by voice or with Quick ask, and watch the specialists work here.
        </p>
      ) : (
        <ol className="run-list" aria-label="Runs, newest first">
          {runs.map((run) => (
            <RunCard key={run.runId} run={run} now={now} config={team.config} />
          ))}
        </ol>
      )}
    </section>
  );
}
