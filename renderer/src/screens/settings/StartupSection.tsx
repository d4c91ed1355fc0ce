/** Settings → Startup: open FROK (in the tray) when you log in. Saved the moment it changes. */
import { useId, useState } from 'react';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';

export function StartupSection({ settings, onSettings }: { settings: Settings; onSettings(settings: Settings): void }) {
  const id = useId();
  // While saving, show what the person chose; on failure fall back to what is really saved.
  const [pending, setPending] = useState<boolean | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const checked = pending ?? settings.launchAtLogin;

  async function toggle(next: boolean) {
    setPending(next);
    setMessage(null);
    try {
      onSettings(await call('settings:update', { launchAtLogin: next }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="card" aria-labelledby="settings-startup-title" data-testid="settings-startup">
      <h2 id="settings-startup-title">Startup</h2>
      <div className="switch-row">
        <input
          id={`${id}-login`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={checked}
          disabled={pending !== null}
          onChange={(e) => void toggle(e.target.checked)}
          aria-describedby={`${id}-login-hint`}
          data-testid="settings-launch-at-login"
        />
        <div>
          <label htmlFor={`${id}-login`}>Open FROK when I log in</label>
          <p className="hint" id={`${id}-login-hint`}>
            FROK starts in the tray, so the hotkeys work without opening its window.
          </p>
        </div>
      </div>
      <FormMessage value={message} testId="settings-startup-message" />
    </section>
  );
}
