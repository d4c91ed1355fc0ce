/** Settings: account, provider and models, specialists, pricing, privacy. Later issues add voice, hotkeys, home… */
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { AccountSection } from './settings/AccountSection';
import { PricingSection } from './settings/PricingSection';
import { PrivacySection } from './settings/PrivacySection';
import { ProviderSection } from './settings/ProviderSection';
import { SpecialistsSection } from './settings/SpecialistsSection';

export interface SettingsScreenProps {
  settings: Settings;
  status: SecretsStatus;
  onSettings(settings: Settings): void;
  onStatus(status: SecretsStatus): void;
  onKeyRemoved(status: SecretsStatus): void;
}

export function SettingsScreen(props: SettingsScreenProps) {
  return (
    <section className="screen" data-testid="screen-settings" aria-labelledby="screen-settings-title">
      <h1 id="screen-settings-title" tabIndex={-1}>
        Settings
      </h1>
      <AccountSection
        settings={props.settings}
        status={props.status}
        onStatus={props.onStatus}
        onKeyRemoved={props.onKeyRemoved}
      />
      <ProviderSection settings={props.settings} onSettings={props.onSettings} />
      <SpecialistsSection settings={props.settings} onSettings={props.onSettings} />
      <PricingSection settings={props.settings} onSettings={props.onSettings} />
      <PrivacySection settings={props.settings} onSettings={props.onSettings} />
    </section>
  );
}
