/**
 * Settings → Privacy: each switch is saved the moment it changes; how long history is
 * kept saves with its button; then where the person's data lives, its state, and
 * exporting or deleting all of it.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { HistoryDaysField } from './HistoryDaysField';
import { YourDataPanel } from './YourDataPanel';

export interface PrivacySectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
}

type PrivacySwitch = 'traceExport' | 'keepHistory';

export function PrivacySection({ settings, onSettings }: PrivacySectionProps) {
  const { t } = useTranslation('settings');
  return (
    <section className="card" aria-labelledby="settings-privacy-title" data-testid="settings-privacy">
      <h2 id="settings-privacy-title">{t('privacy.title')}</h2>
      <PrivacyToggle
        name="keepHistory"
        settings={settings}
        onSettings={onSettings}
        label={t('privacy.keepHistory')}
        hint={t('privacy.keepHistoryHint')}
        testId="settings-keep-history"
      />
      <HistoryDaysField settings={settings} onSettings={onSettings} />
      <PrivacyToggle
        name="traceExport"
        settings={settings}
        onSettings={onSettings}
        label={t('privacy.traces')}
        hint={t('privacy.tracesHint')}
        testId="settings-trace-export"
      />
      <YourDataPanel />
    </section>
  );
}

interface PrivacyToggleProps extends PrivacySectionProps {
  name: PrivacySwitch;
  label: string;
  hint: string;
  testId: string;
}

function PrivacyToggle({ name, settings, onSettings, label, hint, testId }: PrivacyToggleProps) {
  const id = useId();
  // While saving, show what the person chose; on failure fall back to what is really saved.
  const [pending, setPending] = useState<boolean | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const checked = pending ?? settings.privacy[name];

  async function toggle(next: boolean) {
    setPending(next);
    setMessage(null);
    try {
      onSettings(await call('settings:update', { privacy: { [name]: next } }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setPending(null);
    }
  }

  return (
    <>
      <div className="switch-row">
        <input
          id={`${id}-switch`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={checked}
          disabled={pending !== null}
          onChange={(e) => void toggle(e.target.checked)}
          aria-describedby={`${id}-hint`}
          data-testid={testId}
        />
        <div>
          <label htmlFor={`${id}-switch`}>{label}</label>
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        </div>
      </div>
      <FormMessage value={message} testId={`${testId}-message`} />
    </>
  );
}
