/** Settings → Startup: open FROK (in the tray) when you log in, and what closing the window does. Saved the moment each changes. */
import { useId, useState } from 'react';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';

type StartupSwitch = 'launchAtLogin' | 'keepRunningWhenClosed';

export function StartupSection({ settings, onSettings }: { settings: Settings; onSettings(settings: Settings): void }) {
  const id = useId();
  // While saving, show what the person chose; on failure fall back to what is really saved.
  const [pending, setPending] = useState<{ key: StartupSwitch; value: boolean } | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const checked = (key: StartupSwitch) => (pending?.key === key ? pending.value : settings[key]);

  async function toggle(key: StartupSwitch, value: boolean) {
    setPending({ key, value });
    setMessage(null);
    try {
      onSettings(await call('settings:update', { [key]: value }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setPending(null);
    }
  }

  const row = (key: StartupSwitch, label: string, hint: string, testId: string) => (
    <div className="switch-row">
      <input
        id={`${id}-${key}`}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked(key)}
        disabled={pending !== null}
        onChange={(e) => void toggle(key, e.target.checked)}
        aria-describedby={`${id}-${key}-hint`}
        data-testid={testId}
      />
      <div>
        <label htmlFor={`${id}-${key}`}>{label}</label>
        <p className="hint" id={`${id}-${key}-hint`}>
          {hint}
        </p>
      </div>
    </div>
  );

  return (
    <section className="card" aria-labelledby="settings-startup-title" data-testid="settings-startup">
      <h2 id="settings-startup-title">Startup</h2>
      {row('launchAtLogin', 'Open FROK when I log in', 'FROK starts in the tray, so the hotkeys work without opening its window.', 'settings-launch-at-login')}
      {row(
        'keepRunningWhenClosed',
        'Keep running when the window is closed',
        'The hotkeys and quick ask keep working; quit from the tray or with Quit in the File menu. Turn this off to make closing the window quit FROK.',
        'settings-keep-running',
      )}
      <FormMessage value={message} testId="settings-startup-message" />
    </section>
  );
}
