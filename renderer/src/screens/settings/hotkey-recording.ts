/**
 * Turning a key press into an Electron accelerator ("CommandOrControl+Shift+Space"), and
 * deciding whether a recorded shortcut may be saved. Pure, so the rules are tested without
 * a keyboard; the grammar itself is shared with main (validateAccelerator in shared/desktop).
 */
import { acceleratorLabel, validateAccelerator, validateHotkeys, type HotkeyAction } from '@shared/desktop';
import type { KeyPress } from '@shared/shortcuts';

export type { KeyPress };

export type RecordedKeys =
  /** Only modifiers so far: keep listening, and show what is held. */
  | { kind: 'partial'; label: string }
  /** Escape with nothing held: stop recording, change nothing. */
  | { kind: 'cancel' }
  | { kind: 'combo'; accelerator: string }
  /** A key Electron cannot use in a shortcut. */
  | { kind: 'unsupported'; key: string };

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super', 'Hyper', 'Fn']);

/** By physical key, so Shift+1 records "1" (not "!") and the shortcut does not depend on the layout's shifted symbols. */
const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  PrintScreen: 'PrintScreen',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadDecimal: 'numdec',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  MediaPlayPause: 'MediaPlayPause',
};

function keyName(press: KeyPress): string | null {
  const letter = /^Key([A-Z])$/.exec(press.code);
  if (letter) return letter[1]!;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(press.code);
  if (digit) return press.code.startsWith('Numpad') ? `num${digit[1]}` : digit[1]!;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(press.code)) return press.code;
  const named = CODE_KEYS[press.code];
  if (named) return named;
  // No physical code (some virtual keyboards): fall back to the character itself.
  if (/^[a-z0-9]$/i.test(press.key)) return press.key.toUpperCase();
  return null;
}

/**
 * Modifiers as Electron names them. On a Mac, ⌘ is CommandOrControl and ⌃ stays Control;
 * elsewhere Ctrl is CommandOrControl and the Windows/Super key is Super.
 */
function modifiers(press: KeyPress, platform: string): string[] {
  const mac = platform === 'darwin';
  const out: string[] = [];
  if (mac ? press.metaKey : press.ctrlKey) out.push('CommandOrControl');
  if (mac && press.ctrlKey) out.push('Control');
  if (press.altKey) out.push('Alt');
  if (press.shiftKey) out.push('Shift');
  if (!mac && press.metaKey) out.push('Super');
  return out;
}

export function recordKeyPress(press: KeyPress, platform: string): RecordedKeys {
  const held = modifiers(press, platform);
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'partial', label: acceleratorLabel([...held, '…'].join('+'), platform) };
  if (press.code === 'Escape' && held.length === 0) return { kind: 'cancel' };
  const key = keyName(press);
  if (!key) return { kind: 'unsupported', key: press.key === ' ' ? 'Space' : press.key };
  return { kind: 'combo', accelerator: [...held, key].join('+') };
}

const ACTION_NAMES: Record<HotkeyAction, string> = { voice: 'voice', quickAsk: 'quick-ask' };

export type HotkeyCheck = { ok: true; accelerator: string } | { ok: false; reason: string };

/**
 * Whether `accelerator` may become the shortcut for `action`, given the shortcuts saved now:
 * it must be a valid global shortcut, and not the same keys as the other action's.
 */
export function checkRecordedHotkey(action: HotkeyAction, accelerator: string, current: Record<HotkeyAction, string>, platform: string): HotkeyCheck {
  const own = validateAccelerator(accelerator, platform);
  if (!own.ok) return own;
  const other: HotkeyAction = action === 'voice' ? 'quickAsk' : 'voice';
  const both = validateHotkeys({ ...current, [action]: own.accelerator }, platform);
  const otherAlone = validateAccelerator(current[other], platform);
  // validateHotkeys always blames quick ask for a clash; say it about the one being recorded.
  if (otherAlone.ok && (!both.voice.ok || !both.quickAsk.ok)) {
    return {
      ok: false,
      reason: `${acceleratorLabel(own.accelerator, platform)} is already the ${ACTION_NAMES[other]} shortcut; choose a different one for ${ACTION_NAMES[action]}.`,
    };
  }
  return { ok: true, accelerator: own.accelerator };
}
