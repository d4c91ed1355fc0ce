/** Settings → Startup: open FROK (in the tray) when you log in, and what closing the window does. Each saves the moment it changes. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/settings';
import { useSavedChoice } from './autosave';
import { SaveStatusText } from './SaveStatus';

type StartupSwitch = 'launchAtLogin' | 'keepRunningWhenClosed';

function StartupToggle({ name, settings, onSettings, testId }: { name: StartupSwitch; settings: Settings; onSettings(settings: Settings): void; testId: string }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const saver = useSavedChoice(settings[name], onSettings);
  return (
    <div className="switch-row">
      <input
        id={`${id}-switch`}
        type="checkbox"
        role="switch"
        className="switch"
        checked={saver.value}
        disabled={saver.saving}
        onChange={(e) => void saver.choose(e.target.checked, { [name]: e.target.checked })}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
      />
      <div>
        <label htmlFor={`${id}-switch`}>{t(`startup.${name}.label`)}</label>
        <p className="hint" id={`${id}-hint`}>
          {t(`startup.${name}.hint`)}
        </p>
        <SaveStatusText status={saver.status} testId={`${testId}-status`} />
      </div>
    </div>
  );
}

export function StartupSection({ settings, onSettings }: { settings: Settings; onSettings(settings: Settings): void }) {
  const { t } = useTranslation('settings');
  return (
    <section className="card" aria-labelledby="settings-startup-title" data-testid="settings-startup">
      <h2 id="settings-startup-title">{t('startup.title')}</h2>
      <StartupToggle name="launchAtLogin" settings={settings} onSettings={onSettings} testId="settings-launch-at-login" />
      <StartupToggle name="keepRunningWhenClosed" settings={settings} onSettings={onSettings} testId="settings-keep-running" />
    </section>
  );
}
