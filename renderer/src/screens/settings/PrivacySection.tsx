/** Settings → Privacy: each switch is saved the moment it changes; how long history is kept saves with its button. */
import { useId, useState } from 'react';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { HistoryDaysField } from './HistoryDaysField';

export interface PrivacySectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
}

export function PrivacySection({ settings, onSettings }: PrivacySectionProps) {
  const id = useId();
  // While saving, show what the person chose; on failure fall back to what is really saved.
  const [pending, setPending] = useState<boolean | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const checked = pending ?? settings.privacy.traceExport;

  async function toggle(next: boolean) {
    setPending(next);
    setMessage(null);
    try {
      onSettings(await call('settings:update', { privacy: { traceExport: next } }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="card" aria-labelledby="settings-privacy-title" data-testid="settings-privacy">
      <h2 id="settings-privacy-title">Privacy</h2>
      <div className="switch-row">
        <input
          id={`${id}-trace-export`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={checked}
          disabled={pending !== null}
          onChange={(e) => void toggle(e.target.checked)}
          aria-describedby={`${id}-trace-export-hint`}
          data-testid="settings-trace-export"
        />
        <div>
          <label htmlFor={`${id}-trace-export`}>Send traces to OpenAI</label>
          <p className="hint" id={`${id}-trace-export-hint`}>
            Traces record what each agent did, so you can inspect runs in OpenAI's trace viewer. Off by default:
            nothing about your runs is sent there.
          </p>
        </div>
      </div>
      <FormMessage value={message} testId="settings-privacy-message" />
      <HistoryDaysField settings={settings} onSettings={onSettings} />
    </section>
  );
}
