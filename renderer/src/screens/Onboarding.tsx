/** First run (or after the key is removed): connect FROK to a model provider. */
import { useTranslation } from 'react-i18next';
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { KeyForm } from '../components/KeyForm';
import { formatNumber } from '../i18n/format';
import { call } from '../ipc';
import { roughMoney, typicalCosts } from './onboarding-costs';

/** Long enough to read "Key saved", short enough not to feel like a wait. */
const SUCCESS_PAUSE_MS = 900;

export interface OnboardingProps {
  settings: Settings;
  status: SecretsStatus;
  onStatus(status: SecretsStatus): void;
  onComplete(settings: Settings): void;
}

export function Onboarding({ settings, status, onStatus, onComplete }: OnboardingProps) {
  const { t } = useTranslation('onboarding');
  const { questionUsd, voiceMinuteUsd } = typicalCosts(settings);
  async function finish() {
    // Main saves the provider and marks onboarding done with the key; re-read rather than
    // assume, and record it only if an older main did not.
    const saved = await call('settings:get');
    const next = saved.onboarded ? saved : await call('settings:update', { onboarded: true });
    await new Promise((resolve) => setTimeout(resolve, SUCCESS_PAUSE_MS));
    onComplete(next);
  }

  return (
    <main className="onboarding" data-testid="onboarding" aria-labelledby="onboarding-title">
      <div className="onboarding-card">
        <p className="brand" aria-hidden="true">
          FROK
        </p>
        <h1 id="onboarding-title">{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
        {/* The most common first surprise: a ChatGPT subscription does not pay for the API. */}
        <p className="hint onboarding-billing" data-testid="onboarding-billing">
          {questionUsd !== null && voiceMinuteUsd !== null
            ? t('billing.withCosts', { question: roughMoney(questionUsd, formatNumber), voiceMinute: roughMoney(voiceMinuteUsd, formatNumber) })
            : t('billing.withoutCosts')}
        </p>
        <KeyForm
          testIdPrefix="onboarding"
          provider={settings.provider}
          showProviderChoice
          status={status}
          submitLabel={t('submit')}
          onStatus={onStatus}
          onSaved={finish}
          autoFocus
        />
      </div>
    </main>
  );
}
