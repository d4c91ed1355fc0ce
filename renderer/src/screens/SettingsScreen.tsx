/**
 * Settings: every setting FROK has, in sections listed at the side (at the top in a narrow
 * window). Each control saves on its own and says so beside itself; nothing waits for a
 * Save button. The sections are data: adding one is one line in SETTINGS_SECTIONS.
 */
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { AboutSection } from './settings/AboutSection';
import { AccountSection } from './settings/AccountSection';
import { BudgetSection } from './settings/BudgetSection';
import { HomeAssistantPanel } from './settings/HomeAssistantPanel';
import { HotkeysSection } from './settings/HotkeysSection';
import { LanguageSection } from './settings/LanguageSection';
import { PricingSection } from './settings/PricingSection';
import { PrivacySection } from './settings/PrivacySection';
import { ProviderSection } from './settings/ProviderSection';
import { sectionAnchorId, SettingsNav } from './settings/SettingsNav';
import { ShortcutsSection } from './settings/ShortcutsSection';
import { SpecialistsSection } from './settings/SpecialistsSection';
import { StartupSection } from './settings/StartupSection';
import { ToolsSection } from './settings/tools/ToolsSection';
import { VoiceSection } from './settings/VoiceSection';
import './settings/settings-extra.css';
import './settings/settings-screen.css';

export interface SettingsScreenProps {
  settings: Settings;
  status: SecretsStatus;
  /** process.platform of main ("darwin", "win32", "linux"): shortcuts read and record differently on a Mac. */
  platform: string;
  onSettings(settings: Settings): void;
  onStatus(status: SecretsStatus): void;
  onKeyRemoved(status: SecretsStatus): void;
}

/** What every section gets: the screen's props, and a way to tell the team's section that who can work changed. */
export interface SettingsSectionProps extends SettingsScreenProps {
  /** Counts changes (Home Assistant connected or not) that decide which specialists can work. */
  teamRevision: number;
  onTeamChanged(): void;
}

export interface SettingsSectionSpec {
  /** Also the anchor: `settings-section-<id>`, and the test id `settings-nav-<id>`. */
  id: string;
  /** An i18n key with its namespace ("settings:sections.account"): the section's name in the list. */
  title: string;
  component: ComponentType<SettingsSectionProps>;
}

export const SETTINGS_SECTIONS: SettingsSectionSpec[] = [
  { id: 'account', title: 'settings:sections.account', component: AccountSection },
  { id: 'models', title: 'settings:sections.models', component: ProviderSection },
  { id: 'language', title: 'settings:sections.language', component: LanguageSection },
  { id: 'voice', title: 'settings:sections.voice', component: VoiceSection },
  { id: 'team', title: 'settings:sections.team', component: SpecialistsSection },
  { id: 'home', title: 'settings:sections.home', component: (p) => <HomeAssistantPanel settings={p.settings} status={p.status} onStatus={p.onStatus} onChanged={p.onTeamChanged} /> },
  { id: 'tools', title: 'settings:sections.tools', component: () => <ToolsSection /> },
  { id: 'hotkeys', title: 'settings:sections.hotkeys', component: HotkeysSection },
  { id: 'shortcuts', title: 'keyboard:section.title', component: ShortcutsSection },
  {
    id: 'budget',
    title: 'settings:sections.budget',
    component: (p) => (
      <>
        <BudgetSection settings={p.settings} onSettings={p.onSettings} />
        <PricingSection settings={p.settings} onSettings={p.onSettings} />
      </>
    ),
  },
  { id: 'privacy', title: 'settings:sections.privacy', component: (p) => <PrivacySection settings={p.settings} onSettings={p.onSettings} /> },
  { id: 'startup', title: 'settings:sections.startup', component: StartupSection },
  { id: 'about', title: 'settings:sections.about', component: () => <AboutSection /> },
];

export function SettingsScreen(props: SettingsScreenProps) {
  const { t } = useTranslation('settings');
  const [teamRevision, setTeamRevision] = useState(0);
  const sectionProps: SettingsSectionProps = { ...props, teamRevision, onTeamChanged: () => setTeamRevision((n) => n + 1) };
  return (
    <section className="screen settings-screen" data-testid="screen-settings" aria-labelledby="screen-settings-title">
      <h1 id="screen-settings-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="hint settings-saving-note">{t('savingNote')}</p>
      <div className="settings-layout">
        <SettingsNav entries={SETTINGS_SECTIONS.map((s) => ({ id: s.id, label: t(s.title) }))} />
        <div className="settings-sections">
          {SETTINGS_SECTIONS.map(({ id, component: Section }) => (
            <div key={id} id={sectionAnchorId(id)} className="settings-section" data-testid={`settings-section-${id}`}>
              <Section {...sectionProps} />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
