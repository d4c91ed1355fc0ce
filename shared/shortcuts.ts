/**
 * FROK's keyboard shortcuts, in one table: the main window's key handling
 * (renderer/src/keyboard), the application menu (electron/main/shell/app-menu.ts) and
 * Settings → Keyboard shortcuts all read it, so a key shown is the key that works.
 *
 * Two kinds. Window shortcuts are handled by the main window's page (so they never fire
 * while another app or FROK's quick ask has the keyboard); the menu only shows them.
 * Quick ask and voice are the global hotkeys from Settings → Hotkeys, the same keys inside
 * FROK as everywhere else: the system hands them to FROK whichever window is in front,
 * and when the system would not let FROK have them (paused, or taken by another app) the
 * application menu takes them while a FROK window is focused.
 */
import { z } from 'zod';
import type { HotkeyAction } from './desktop';

export const WINDOW_SHORTCUT_IDS = ['newConversation', 'focusQuestion', 'stopAnswer', 'openSettings'] as const;
export type WindowShortcutId = (typeof WINDOW_SHORTCUT_IDS)[number];
export const SHORTCUT_IDS = [...WINDOW_SHORTCUT_IDS, 'quickAsk', 'voice'] as const;
export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export type ShortcutDefinition =
  | { id: WindowShortcutId; kind: 'window'; /** Electron accelerator grammar; CommandOrControl is Cmd on a Mac, Ctrl elsewhere. */ accelerator: string }
  | { id: Extract<ShortcutId, HotkeyAction>; kind: 'hotkey'; /** The key is the person's, from settings.hotkeys[hotkey]. */ hotkey: HotkeyAction };

export const SHORTCUTS: readonly ShortcutDefinition[] = [
  { id: 'newConversation', kind: 'window', accelerator: 'CommandOrControl+N' },
  // Ctrl+L: "go to the line you type in", as in a browser's address bar.
  { id: 'focusQuestion', kind: 'window', accelerator: 'CommandOrControl+L' },
  { id: 'stopAnswer', kind: 'window', accelerator: 'Escape' },
  { id: 'openSettings', kind: 'window', accelerator: 'CommandOrControl+,' },
  { id: 'quickAsk', kind: 'hotkey', hotkey: 'quickAsk' },
  { id: 'voice', kind: 'hotkey', hotkey: 'voice' },
];

export interface ResolvedShortcut {
  id: ShortcutId;
  kind: ShortcutDefinition['kind'];
  accelerator: string;
}

/** Every shortcut with the key it has now (the hotkeys as the person set them). */
export function resolveShortcuts(hotkeys: Record<HotkeyAction, string>): ResolvedShortcut[] {
  return SHORTCUTS.map((s) => ({ id: s.id, kind: s.kind, accelerator: s.kind === 'window' ? s.accelerator : hotkeys[s.hotkey] }));
}

/** Main → the main window: the person chose a window shortcut's item in the application menu. */
export const ShortcutEventSchema = z.object({ shortcut: z.enum(WINDOW_SHORTCUT_IDS) }).strict();
export type ShortcutEvent = z.infer<typeof ShortcutEventSchema>;

// ─── Reading an accelerator ───────────────────────────────────────────────────────────

type Modifier = 'control' | 'alt' | 'shift' | 'meta';

const MODIFIER_NAMES: Record<string, Modifier | 'primary'> = {
  commandorcontrol: 'primary',
  cmdorctrl: 'primary',
  command: 'meta',
  cmd: 'meta',
  super: 'meta',
  meta: 'meta',
  control: 'control',
  ctrl: 'control',
  alt: 'alt',
  option: 'alt',
  altgr: 'alt',
  shift: 'shift',
};

export interface ParsedAccelerator {
  modifiers: ReadonlySet<Modifier>;
  /** The key as Electron names it: "N", ",", "Escape", "Space", "F5"… */
  key: string;
}

/** Splits an accelerator into the physical modifiers this platform sends and its one key. */
export function parseAccelerator(accelerator: string, platform: string): ParsedAccelerator {
  const parts = accelerator.split('+');
  // "CommandOrControl+Plus" names the key; a trailing "+" would split into ["…", "", ""].
  const key = parts.pop() ?? '';
  const modifiers = new Set<Modifier>();
  for (const part of parts) {
    const name = MODIFIER_NAMES[part.toLowerCase()];
    if (!name) continue;
    modifiers.add(name === 'primary' ? (platform === 'darwin' ? 'meta' : 'control') : name);
  }
  return { modifiers, key };
}

/** The DOM's KeyboardEvent fields the matcher reads, so it is tested without a DOM. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const PUNCTUATION_CODES: Record<string, string> = { ',': 'Comma', '.': 'Period', '/': 'Slash', ';': 'Semicolon', '-': 'Minus', '=': 'Equal' };
const NAMED_KEYS: Record<string, string> = { escape: 'Escape', esc: 'Escape', space: ' ', enter: 'Enter', return: 'Enter', tab: 'Tab', plus: '+' };

/** Whether a key press is this accelerator, with exactly its modifiers (Ctrl+Shift+N is not Ctrl+N). */
export function matchesAccelerator(press: KeyPress, accelerator: string, platform: string): boolean {
  const { modifiers, key } = parseAccelerator(accelerator, platform);
  const held: Record<Modifier, boolean> = { control: press.ctrlKey, alt: press.altKey, shift: press.shiftKey, meta: press.metaKey };
  for (const m of Object.keys(held) as Modifier[]) if (held[m] !== modifiers.has(m)) return false;
  const named = NAMED_KEYS[key.toLowerCase()];
  if (named) return press.key === named;
  if (/^[a-z]$/iu.test(key)) {
    // By the key's place too, so Ctrl+N works on a Cyrillic or Greek layout.
    return press.key.toLowerCase() === key.toLowerCase() || press.code === `Key${key.toUpperCase()}`;
  }
  if (/^[0-9]$/u.test(key)) return press.key === key || press.code === `Digit${key}`;
  const code = PUNCTUATION_CODES[key];
  return press.key === key || (code !== undefined && press.code === code);
}

// ─── Showing an accelerator ───────────────────────────────────────────────────────────

export const MAC_SYMBOLS: Record<Modifier, string> = { control: '⌃', alt: '⌥', shift: '⇧', meta: '⌘' };
/** The order a Mac menu shows modifiers in (⌃⌥⇧⌘), and Ctrl, Alt, Shift, Super/Win elsewhere. */
const ORDER: Modifier[] = ['control', 'alt', 'shift', 'meta'];
const OTHER_NAMES: Record<Modifier, string> = { control: 'Ctrl', alt: 'Alt', shift: 'Shift', meta: 'Super' };

export type ShortcutModifier = Modifier;
/** One key of a shortcut: a modifier, or the key itself by its name ("N", ",", "Escape", "Space"). */
export type ShortcutPart = { kind: 'modifier'; modifier: Modifier } | { kind: 'key'; key: string };

/** The keys to press, in the order this platform writes them. */
export function shortcutParts(accelerator: string, platform: string): ShortcutPart[] {
  const { modifiers, key } = parseAccelerator(accelerator, platform);
  const lower = key.toLowerCase();
  const named = lower === 'esc' ? 'Escape' : lower === 'return' ? 'Enter' : lower === 'plus' ? '+' : key.length === 1 ? key.toUpperCase() : key;
  return [...ORDER.filter((m) => modifiers.has(m)).map((modifier) => ({ kind: 'modifier' as const, modifier })), { kind: 'key', key: named }];
}

function keyLabel(key: string, mac: boolean): string {
  if (key === 'Escape') return 'Esc';
  if (key === 'Enter') return mac ? '↩' : 'Enter';
  return key;
}

/**
 * The keys as a person reads them on this platform, one entry per key to press:
 * ["⌘", "N"] on a Mac, ["Ctrl", "N"] elsewhere (English names; the window translates them).
 */
export function shortcutKeys(accelerator: string, platform: string): string[] {
  const mac = platform === 'darwin';
  const names = mac ? MAC_SYMBOLS : { ...OTHER_NAMES, ...(platform === 'win32' ? { meta: 'Win' } : {}) };
  return shortcutParts(accelerator, platform).map((p) => (p.kind === 'modifier' ? names[p.modifier] : keyLabel(p.key, mac)));
}

/** One line of text: "⌘N" on a Mac (as its menus write it), "Ctrl+N" elsewhere. */
export function shortcutLabel(accelerator: string, platform: string): string {
  return shortcutKeys(accelerator, platform).join(platform === 'darwin' ? '' : '+');
}

/** What the keyboard physically sends, for telling whether two shortcuts are the same keys. */
export function physicalKeys(accelerator: string, platform: string): string {
  const { modifiers, key } = parseAccelerator(accelerator, platform);
  const named = NAMED_KEYS[key.toLowerCase()];
  return [...[...modifiers].sort(), (named ?? key).toLowerCase()].join('+');
}
