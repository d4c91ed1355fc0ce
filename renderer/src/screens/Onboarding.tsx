/** First run (or after the key is removed): connect FROK to a model provider. */
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { KeyForm } from '../components/KeyForm';
import { call } from '../ipc';

/** Long enough to read "Key saved", short enough not to feel like a wait. */
const SUCCESS_PAUSE_MS = 900;

export interface OnboardingProps {
  settings: Settings;
  status: SecretsStatus;
  onStatus(status: SecretsStatus): void;
  onComplete(settings: Settings): void;
}

export function Onboarding({ settings, status, onStatus, onComplete }: OnboardingProps) {
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
        <h1 id="onboarding-title">Welcome to FROK</h1>
        <p className="lead">
          FROK is a desktop voice assistant. Talk to it or type a quick question, and a team of specialist
          agents — home, memory, research and code — works out the answer. First, tell FROK which AI service to
          use.
        </p>
        <KeyForm
          testIdPrefix="onboarding"
          provider={settings.provider}
          showProviderChoice
          status={status}
          submitLabel="Save and continue"
          onStatus={onStatus}
          onSaved={finish}
          autoFocus
        />
      </div>
    </main>
  );
}
