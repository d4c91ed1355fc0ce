/** Things main wants the person to know from start-up (e.g. a settings file moved aside). */
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '@shared/ipc/contract';

export interface NoticeBannerProps {
  notices: AppInfo['notices'];
  onDismiss(): void;
}

export function NoticeBanner({ notices, onDismiss }: NoticeBannerProps) {
  const { t } = useTranslation('app');
  if (notices.length === 0) return null;
  const urgent = notices.some((n) => n.level !== 'info');
  const level = notices.some((n) => n.level === 'error') ? 'error' : urgent ? 'warning' : 'info';
  return (
    <div className={`notice-banner ${level}`} role={urgent ? 'alert' : 'status'} data-testid="notice-banner">
      <ul>
        {notices.map((n) => (
          <li key={n.id} data-notice-id={n.id}>
            {n.message}
          </li>
        ))}
      </ul>
      <button type="button" className="button secondary small" onClick={onDismiss} data-testid="notice-dismiss">
        {t('notices.dismiss')}
      </button>
    </div>
  );
}
