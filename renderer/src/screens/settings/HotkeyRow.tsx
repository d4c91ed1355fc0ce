/**
 * One global shortcut: what it is now, Record (the next key combination becomes the new
 * shortcut once it passes the checks; Esc cancels), and whether the system gave it to FROK.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { acceleratorLabel, type HotkeyAction, type HotkeyStatus } from '@shared/desktop';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { checkRecordedHotkey, recordKeyPress } from './hotkey-recording';


export interface HotkeyRowProps {
  action: HotkeyAction;
  settings: Settings;
  onSettings(settings: Settings): void;
  platform: string;
  status: HotkeyStatus | null;
  /** False when main reports no shortcuts at all (a window without the desktop shell). */
  statusKnown: boolean;
  paused: boolean;
  recording: boolean;
  onRecording(on: boolean): void;
}

export function HotkeyRow(props: HotkeyRowProps) {
  const { action, settings, platform, recording } = props;
  const { t } = useTranslation('settings');
  const id = useId();
  const title = t(`hotkeys.actions.${action}.title`);
  const [held, setHeld] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  // The key that ends a recording comes back up on this button: its keyup must not click Record again.
  const ignoreClicksUntil = useRef(0);
  const current = settings.hotkeys[action];

  function stop() {
    setHeld(null);
    props.onRecording(false);
    ignoreClicksUntil.current = Date.now() + 400;
  }

  async function save(accelerator: string) {
    setSaving(true);
    try {
      props.onSettings(await call('settings:update', { hotkeys: { [action]: accelerator } }));
      setMessage({ tone: 'success', text: t('hotkeys.saved', { keys: acceleratorLabel(accelerator, platform) }) });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (!recording) return;
    // Tab alone still moves focus (and ends recording on blur): the keyboard is never trapped.
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.repeat) return;
    const keys = recordKeyPress(event, platform);
    switch (keys.kind) {
      case 'partial':
        setHeld(keys.label);
        return;
      case 'cancel':
        setMessage(null);
        stop();
        return;
      case 'unsupported':
        setHeld(null);
        setMessage({ tone: 'error', text: `${keys.key} can't be used in a shortcut. Try a letter, a digit, F1–F24 or Space with Ctrl or Alt.` });
        return;
      case 'combo': {
        setHeld(null);
        const check = checkRecordedHotkey(action, keys.accelerator, { voice: settings.hotkeys.voice, quickAsk: settings.hotkeys.quickAsk }, platform);
        // A refused combination keeps the recorder listening: the next try is one key press away.
        if (!check.ok) {
          setMessage({ tone: 'error', text: `${check.reason} Nothing was saved; press another combination, or Esc to keep ${acceleratorLabel(current, platform)}.` });
          return;
        }
        stop();
        if (check.accelerator === current) {
          setMessage({ tone: 'success', text: `${acceleratorLabel(current, platform)} is already this shortcut.` });
          return;
        }
        void save(check.accelerator);
      }
    }
  }

  const statusText =
    props.paused ? t('hotkeys.status.paused')
    : !props.statusKnown ? t('hotkeys.status.unknown')
    : !props.status ? t('hotkeys.status.notReported')
    : props.status.registered ? (props.status.note ? t('hotkeys.status.registeredNote', { note: props.status.note }) : t('hotkeys.status.registered'))
    : t('hotkeys.status.notRegistered', { reason: props.status.reason ?? t('hotkeys.status.refused') });
  const statusTone = props.paused || !props.statusKnown ? 'neutral' : props.status?.registered ? 'ok' : 'problem';

  return (
    <li className="hotkey-row" data-testid={`settings-hotkey-${action}`}>
      <div className="hotkey-text">
        <span className="hotkey-title" id={`${id}-title`}>
          {title}
        </span>
        <span className="hint" id={`${id}-hint`}>
          {t(`hotkeys.actions.${action}.hint`)}
        </span>
      </div>
      <span className="visually-hidden">{t('hotkeys.current')} </span>
      <kbd className="hotkey-keys" data-testid={`settings-hotkey-current-${action}`}>
        {acceleratorLabel(current, platform)}
      </kbd>
      <button
        type="button"
        className={`button secondary small hotkey-record${recording ? ' recording' : ''}`}
        aria-pressed={recording}
        aria-describedby={`${id}-hint`}
        disabled={saving}
        onClick={() => {
          if (Date.now() < ignoreClicksUntil.current) return;
          setMessage(null);
          if (recording) stop();
          else props.onRecording(true);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (recording || Date.now() < ignoreClicksUntil.current) e.preventDefault();
        }}
        onBlur={() => recording && stop()}
        data-testid={`settings-hotkey-record-${action}`}
      >
        {saving ? t('common:actions.saving') : recording ? (held ?? t('hotkeys.pressKeys')) : t('hotkeys.record')}
        {!recording && !saving && <span className="visually-hidden"> {t('hotkeys.recordFor', { action: title })}</span>}
      </button>
      <p className={`hotkey-status ${statusTone}`} data-testid={`settings-hotkey-status-${action}`} data-registered={props.status?.registered ? 'true' : 'false'}>
        {statusText}
      </p>
      <FormMessage value={message} testId={`settings-hotkey-message-${action}`} />
    </li>
  );
}
