/** Shown when the start-up reads fail; nothing else can work without them. */
import { useTranslation } from 'react-i18next';

export interface LoadErrorProps {
  message: string;
  retrying: boolean;
  onRetry(): void;
}

export function LoadError({ message, retrying, onRetry }: LoadErrorProps) {
  const { t } = useTranslation('app');
  return (
    <main className="centered-screen" data-testid="load-error" aria-labelledby="load-error-title">
      <h1 id="load-error-title">{t('loadError.title')}</h1>
      <p role="alert" data-testid="load-error-message">
        {message}
      </p>
      <button type="button" className="button primary" onClick={onRetry} disabled={retrying} data-testid="load-retry">
        {t(retrying ? 'loadError.retrying' : 'loadError.retry')}
      </button>
    </main>
  );
}
