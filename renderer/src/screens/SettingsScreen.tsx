/** Settings: every setting FROK has, one card per topic; each change is checked before it is saved and applies without a restart. */
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { AboutSection } from './settings/AboutSection';
import { AccountSection } from './settings/AccountSection';
import { BudgetSection } from './settings/BudgetSection';
import { HotkeysSection } from './settings/HotkeysSection';
import { PricingSection } from './settings/PricingSection';
import { PrivacySection } from './settings/PrivacySection';
import { ProviderSection } from './settings/ProviderSection';
import { SpecialistsSection } from './settings/SpecialistsSection';
import { StartupSection } from './settings/StartupSection';
import { ToolsSection } from './settings/tools/ToolsSection';
import { VoiceSection } from './settings/VoiceSection';
import './settings/settings-extra.css';

export interface SettingsScreenProps {
  settings: Settings;
  status: SecretsStatus;
  /** process.platform of main ("darwin", "win32", "linux"): shortcuts read and record differently on a Mac. */
  platform: string;
  onSettings(settings: Settings): void;
  onStatus(status: SecretsStatus): void;
  onKeyRemoved(status: SecretsStatus): void;
}

export function SettingsScreen(props: SettingsScreenProps) {
  const { settings, onSettings } = props;
  return (
    <section className="screen" data-testid="screen-settings" aria-labelledby="screen-settings-title">
      <h1 id="screen-settings-title" tabIndex={-1}>
        Settings
      </h1>
      <AccountSection settings={settings} status={props.status} onStatus={props.onStatus} onKeyRemoved={props.onKeyRemoved} />
      <ProviderSection settings={settings} onSettings={onSettings} />
      <VoiceSection settings={settings} onSettings={onSettings} />
      <SpecialistsSection settings={settings} onSettings={onSettings} status={props.status} onStatus={props.onStatus} />
      <ToolsSection />
      <HotkeysSection settings={settings} onSettings={onSettings} platform={props.platform} />
      <BudgetSection settings={settings} onSettings={onSettings} />
      <PricingSection settings={settings} onSettings={onSettings} />
      <PrivacySection settings={settings} onSettings={onSettings} />
      <StartupSection settings={settings} onSettings={onSettings} />
      <AboutSection />
    </section>
  );
}
