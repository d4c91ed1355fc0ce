/** A small pulse on the Activity nav item while the team is working, so a run elsewhere is noticed. */
import { useTranslation } from 'react-i18next';
import { anyRunActive, pendingApprovals } from './activity-model';
import { useActivity } from './ActivityProvider';

export function ActivityNavBadge() {
  const { t } = useTranslation('activity');
  const activity = useActivity();
  if (!anyRunActive(activity)) return null;
  const waiting = pendingApprovals(activity).length > 0;
  return (
    <span className={waiting ? 'nav-badge waiting' : 'nav-badge'} data-testid="nav-activity-working">
      <span className="nav-badge-dot" aria-hidden="true" />
      <span className="visually-hidden">{t(waiting ? 'badge.waiting' : 'badge.working')}</span>
    </span>
  );
}
