/**
 * Settings' one saving behaviour: every control saves on its own — choices the moment they
 * change, text when the field is left or Enter is pressed — and says so beside itself
 * ("Saving…", "Saved", or why not). A value that cannot be saved stays as typed.
 */
import { useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { Settings, SettingsPatch } from '@shared/settings';
import { call, errorMessage } from '../../ipc';
import { useFollowedDraft } from './use-followed-draft';

export type SaveStatus = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'error'; message: string };

export type SaveAction =
  | { type: 'start'; seq: number }
  | { type: 'done'; seq: number }
  | { type: 'failed'; seq: number; message: string }
  /** The person changed the value again: the last outcome no longer describes it. */
  | { type: 'edited' };

export interface SaveState {
  /** The newest save started; an older one finishing later must not overwrite its outcome. */
  latest: number;
  status: SaveStatus;
}

export const INITIAL_SAVE_STATE: SaveState = { latest: 0, status: { phase: 'idle' } };

export function saveReducer(state: SaveState, action: SaveAction): SaveState {
  switch (action.type) {
    case 'start':
      return { latest: action.seq, status: { phase: 'saving' } };
    case 'done':
      return action.seq === state.latest ? { ...state, status: { phase: 'saved' } } : state;
    case 'failed':
      return action.seq === state.latest ? { ...state, status: { phase: 'error', message: action.message } } : state;
    case 'edited':
      return state.status.phase === 'saving' ? state : { ...state, status: { phase: 'idle' } };
  }
}

/** Saves a settings patch and tracks its status; only the newest save's outcome is shown. */
export function useSettingSave(onSettings: (settings: Settings) => void) {
  const [state, dispatch] = useReducer(saveReducer, INITIAL_SAVE_STATE);
  const seq = useRef(0);
  async function save(patch: SettingsPatch): Promise<Settings | null> {
    const mine = ++seq.current;
    dispatch({ type: 'start', seq: mine });
    try {
      const next = await call('settings:update', patch);
      onSettings(next);
      dispatch({ type: 'done', seq: mine });
      return next;
    } catch (err) {
      dispatch({ type: 'failed', seq: mine, message: errorMessage(err) });
      return null;
    }
  }
  return {
    status: state.status,
    saving: state.status.phase === 'saving',
    save,
    edited: () => dispatch({ type: 'edited' }),
    fail: (message: string) => dispatch({ type: 'failed', seq: ++seq.current, message }),
  };
}

/**
 * A choice (switch, radio, list) that saves the moment it changes. While it saves, the
 * control shows what the person chose; if saving fails, it goes back to what is saved.
 */
export function useSavedChoice<T>(saved: T, onSettings: (settings: Settings) => void) {
  const saver = useSettingSave(onSettings);
  const [pending, setPending] = useState<{ value: T } | null>(null);
  async function choose(value: T, patch: SettingsPatch) {
    setPending({ value });
    try {
      return await saver.save(patch);
    } finally {
      setPending(null);
    }
  }
  return { ...saver, value: pending ? pending.value : saved, choose };
}

export type TextCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface AutoSavedTextOptions<T> {
  /** The saved value as text. */
  saved: string;
  /** Reads what was typed, or says why it cannot be saved. */
  check(text: string): TextCheck<T>;
  patch(value: T): SettingsPatch;
  onSettings(settings: Settings): void;
  /** The saved text for the value the settings now hold (so "20.0" shows as "20" once saved). */
  textOf(settings: Settings): string;
}

/**
 * A text field that saves when it is left or Enter is pressed. A mistake is shown beside
 * the field and the typed text kept; Esc puts back what is saved.
 */
export function useAutoSavedText<T>(options: AutoSavedTextOptions<T>) {
  const [text, setText] = useFollowedDraft(options.saved);
  const [problem, setProblem] = useState<string | null>(null);
  const saver = useSettingSave(options.onSettings);

  async function commit() {
    if (text === options.saved && !problem) return;
    const check = options.check(text);
    if (!check.ok) {
      setProblem(check.reason);
      return;
    }
    setProblem(null);
    const next = await saver.save(options.patch(check.value));
    if (next) setText(options.textOf(next));
  }

  return {
    text,
    problem,
    status: saver.status,
    inputProps: {
      value: text,
      onChange: (e: { target: { value: string } }) => {
        setText(e.target.value);
        saver.edited();
      },
      onBlur: () => void commit(),
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        } else if (e.key === 'Escape' && text !== options.saved) {
          e.preventDefault();
          setText(options.saved);
          setProblem(null);
          saver.edited();
        }
      },
      'aria-invalid': problem ? true : undefined,
    },
  };
}
