/**
 * Settings → Hotkeys: the two global shortcuts, each recorded from a key press, checked
 * with the same rules main registers them by, and shown with whether the system let FROK
 * have them. Pause turns both off without forgetting them.
 */
import { useEffect, useId, useState } from 'react';
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyStatus } from '@shared/desktop';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage, useFrokEvent } from '../../ipc';
import { HotkeyRow } from './HotkeyRow';

export interface HotkeysSectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
  platform: string;
}

/** null until main answers; [] when this window has no hotkeys to report (the test harness). */
function useHotkeyStatus(): { statuses: HotkeyStatus[] | null; error: string | null } {
  const [statuses, setStatuses] = useState<HotkeyStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useFrokEvent('hotkeys:changed', (next) => {
    setStatuses(next);
    setError(null);
  });
  useEffect(() => {
    let current = true;
    call('hotkeys:status').then(
      (next) => current && setStatuses(next),
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, []);
  return { statuses, error };
}

export function HotkeysSection({ settings, onSettings, platform }: HotkeysSectionProps) {
  const id = useId();
  const { statuses, error: statusError } = useHotkeyStatus();
  const [recording, setRecording] = useState<HotkeyAction | null>(null);
  const [pausing, setPausing] = useState<boolean | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const paused = pausing ?? settings.hotkeys.paused;

  async function togglePause(next: boolean) {
    setPausing(next);
    setMessage(null);
    try {
      onSettings(await call('settings:update', { hotkeys: { paused: next } }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setPausing(null);
    }
  }

  return (
    <section className="card" aria-labelledby="settings-hotkeys-title" data-testid="settings-hotkeys">
      <h2 id="settings-hotkeys-title">Hotkeys</h2>
      <p className="hint section-intro">Shortcuts that work in every app. Press Record, then the keys you want, such as Ctrl+Shift+Space.</p>
      <ul className="hotkey-list">
        {HOTKEY_ACTIONS.map((action) => (
          <HotkeyRow
            key={action}
            action={action}
            settings={settings}
            onSettings={onSettings}
            platform={platform}
            status={statuses?.find((s) => s.action === action) ?? null}
            statusKnown={statuses !== null && statuses.length > 0}
            paused={paused}
            recording={recording === action}
            onRecording={(on) => setRecording(on ? action : null)}
          />
        ))}
      </ul>
      {statusError && (
        <p className="message error" role="alert">
          FROK couldn't check whether the shortcuts are registered: {statusError}
        </p>
      )}
      <div className="switch-row hotkey-pause">
        <input
          id={`${id}-paused`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={paused}
          disabled={pausing !== null}
          onChange={(e) => void togglePause(e.target.checked)}
          aria-describedby={`${id}-paused-hint`}
          data-testid="settings-hotkeys-paused"
        />
        <div>
          <label htmlFor={`${id}-paused`}>Pause hotkeys</label>
          <p className="hint" id={`${id}-paused-hint`}>
            Frees both shortcuts for other apps (a game, a screen share) until you turn this off. The tray menu has the same switch.
          </p>
        </div>
      </div>
      <FormMessage value={message} testId="settings-hotkeys-message" />
    </section>
  );
}
