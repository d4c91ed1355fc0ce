/**
 * Settings → Hotkeys: the two global shortcuts, each recorded from a key press, checked
 * with the same rules main registers them by, and shown with whether the system let FROK
 * have them. Pause turns both off without forgetting them.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyStatus } from '@shared/desktop';
import type { Settings } from '@shared/settings';
import { call, errorMessage, useFrokEvent } from '../../ipc';
import { useSavedChoice } from './autosave';
import { HotkeyRow } from './HotkeyRow';
import { SaveStatusText } from './SaveStatus';

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
  const { t } = useTranslation('settings');
  const id = useId();
  const { statuses, error: statusError } = useHotkeyStatus();
  const [recording, setRecording] = useState<HotkeyAction | null>(null);
  const pauseSaver = useSavedChoice(settings.hotkeys.paused, onSettings);
  const paused = pauseSaver.value;

  return (
    <section className="card" aria-labelledby="settings-hotkeys-title" data-testid="settings-hotkeys">
      <h2 id="settings-hotkeys-title">{t('hotkeys.title')}</h2>
      <p className="hint section-intro">{t('hotkeys.intro')}</p>
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
          {t('hotkeys.statusFailed', { reason: statusError })}
        </p>
      )}
      <div className="switch-row hotkey-pause">
        <input
          id={`${id}-paused`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={paused}
          disabled={pauseSaver.saving}
          onChange={(e) => void pauseSaver.choose(e.target.checked, { hotkeys: { paused: e.target.checked } })}
          aria-describedby={`${id}-paused-hint`}
          data-testid="settings-hotkeys-paused"
        />
        <div>
          <label htmlFor={`${id}-paused`}>{t('hotkeys.pause')}</label>
          <p className="hint" id={`${id}-paused-hint`}>
            {t('hotkeys.pauseHint')}
          </p>
          <SaveStatusText status={pauseSaver.status} testId="settings-hotkeys-paused-status" />
        </div>
      </div>
    </section>
  );
}
