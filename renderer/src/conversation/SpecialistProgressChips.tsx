/** While an answer streams: the specialists working on it, each with a spinner until it is done. */
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import type { SpecialistProgress } from '../activity/activity-model';
import { specialistName } from '../activity/specialist-label';

export function SpecialistProgressChips({
  progress,
  config,
  testId = 'streaming-specialist',
}: {
  progress: SpecialistProgress[];
  config: AgentConfig | null;
  /** Each window names its chips for its own tests (the quick ask uses its own id). */
  testId?: string;
}) {
  const { t } = useTranslation('conversation');
  if (progress.length === 0) return null;
  return (
    <ul className="chip-list" aria-label={t('progress.label')}>
      {progress.map((p) => {
        const state = p.running ? 'running' : p.ok ? 'done' : 'failed';
        return (
          <li key={p.specialist} className={`chip specialist-chip ${state}`} data-specialist={p.specialist} data-state={state} data-testid={testId}>
            {p.running ? <span className="spinner" aria-hidden="true" /> : <span className="chip-mark" aria-hidden="true">{p.ok ? '✓' : '!'}</span>}
            {specialistName(p.specialist, config)}
            <span className="visually-hidden">{t(p.running ? 'progress.working' : p.ok ? 'progress.done' : 'progress.failed')}</span>
          </li>
        );
      })}
    </ul>
  );
}
