/**
 * What crosses IPC about FROK on the desktop: global hotkeys, the quick-ask and voice HUD
 * windows, the tray's recent quick asks, the monthly budget and the Home Assistant setup
 * in Settings. Also the accelerator grammar, shared so Settings can check a shortcut
 * with the same rules main registers it by.
 */
import { z } from 'zod';
import { SpecialistIdSchema } from './domain';
import { HomeAssistantSettingsSchema } from './settings';

// ─── Hotkeys ────────────────────────────────────────────────────────────────────────

export const HOTKEY_ACTIONS = ['voice', 'quickAsk'] as const;
export const HotkeyActionSchema = z.enum(HOTKEY_ACTIONS);
export type HotkeyAction = z.infer<typeof HotkeyActionSchema>;

export const HotkeyStatusSchema = z
  .object({
    action: HotkeyActionSchema,
    /** As written in Settings. */
    accelerator: z.string(),
    registered: z.boolean(),
    /** Why it is not registered, in words for the person; null when it is. */
    reason: z.string().nullable(),
    /**
     * What FROK cannot know about a registered hotkey: under Wayland the desktop's portal
     * takes it and Electron does not say whether the desktop bound it.
     */
    note: z.string().optional(),
  })
  .strict();
export type HotkeyStatus = z.infer<typeof HotkeyStatusSchema>;
export const HotkeyStatusListSchema = z.array(HotkeyStatusSchema);

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; reason: string };

/** Canonical modifier names, in the order a normalised accelerator lists them. */
const MODIFIERS = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'] as const;
type Modifier = (typeof MODIFIERS)[number];

const MODIFIER_ALIASES: Record<string, Modifier> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Enter',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'PrintScreen',
  'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
] as const;
const KEY_ALIASES: Record<string, string> = {
  ...Object.fromEntries(NAMED_KEYS.map((k) => [k.toLowerCase(), k])),
  return: 'Enter',
  esc: 'Escape',
};
/** `+` itself is spelled "Plus": the accelerator uses it as the separator. */
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'']);
/** Keys that only make sense with a modifier that is not Shift (typing them would fire the shortcut). */
const isTypedKey = (key: string) => /^[A-Z0-9]$/.test(key) || PUNCTUATION.has(key) || key === 'Space' || key === 'Plus';

function canonicalKey(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (PUNCTUATION.has(token)) return token;
  const fKey = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(token);
  if (fKey) return `F${fKey[1]}`;
  return KEY_ALIASES[token.toLowerCase()] ?? null;
}

/**
 * Checks a global shortcut against Electron's accelerator grammar — modifiers, then one
 * key — and the rules for a shortcut that works in every app: at least one modifier, and
 * not Shift alone with a key you type. Returns the canonical spelling.
 */
export function validateAccelerator(text: string, platform: string = 'linux'): AcceleratorCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, reason: 'Press a key combination, such as Ctrl+Shift+Space.' };
  const tokens = trimmed.split('+').map((t) => t.trim());
  if (tokens.some((t) => t === '')) {
    return { ok: false, reason: `"${trimmed}" has an empty part; write the + key as "Plus", e.g. Ctrl+Shift+Plus.` };
  }
  const modifiers: Modifier[] = [];
  let key: string | null = null;
  for (const token of tokens) {
    const modifier = MODIFIER_ALIASES[token.toLowerCase()];
    if (modifier) {
      if (key !== null) return { ok: false, reason: `In "${trimmed}" the modifiers must come before the key, e.g. Ctrl+Shift+${key}.` };
      if (modifiers.includes(modifier)) return { ok: false, reason: `"${trimmed}" names ${modifier} twice.` };
      if (modifier === 'Command' && platform !== 'darwin') {
        return { ok: false, reason: 'Command exists only on a Mac keyboard; use CommandOrControl (Ctrl here) instead.' };
      }
      modifiers.push(modifier);
      continue;
    }
    const canonical = canonicalKey(token);
    if (!canonical) return { ok: false, reason: `"${token}" is not a key FROK knows. Use a letter, digit, F1–F24, Space, an arrow key or punctuation.` };
    if (key !== null) return { ok: false, reason: `A shortcut has one key, but "${trimmed}" has two (${key} and ${canonical}). Combine one key with modifiers such as Ctrl or Alt.` };
    key = canonical;
  }
  if (key === null) return { ok: false, reason: `"${trimmed}" has no key: add one after the modifiers, e.g. ${trimmed}+K.` };
  if (modifiers.length === 0) {
    return { ok: false, reason: `A global shortcut needs a modifier such as Ctrl, Alt or Cmd — "${key}" alone would fire in every app whenever you press it.` };
  }
  if (modifiers.every((m) => m === 'Shift') && isTypedKey(key)) {
    return { ok: false, reason: `Shift+${key} would fire whenever you type it in another app; add Ctrl, Alt or Cmd.` };
  }
  const ordered = MODIFIERS.filter((m) => modifiers.includes(m));
  return { ok: true, accelerator: [...ordered, key].join('+') };
}

/** What the keyboard actually sends on this platform, for telling whether two shortcuts collide. */
function physicalCombination(accelerator: string, platform: string): string {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const mac = platform === 'darwin';
  const physical = (m: string) =>
    m === 'CommandOrControl' ? (mac ? 'Command' : 'Control')
    : m === 'Super' && mac ? 'Command' // On a Mac, Super is the Command key.
    : m;
  return [...[...new Set(parts.map(physical))].sort(), key].join('+');
}

/** Checks both hotkeys; the quick-ask one is refused when it is the same keys as the voice one. */
export function validateHotkeys(hotkeys: Record<HotkeyAction, string>, platform: string = 'linux'): Record<HotkeyAction, AcceleratorCheck> {
  const voice = validateAccelerator(hotkeys.voice, platform);
  let quickAsk = validateAccelerator(hotkeys.quickAsk, platform);
  if (voice.ok && quickAsk.ok && physicalCombination(voice.accelerator, platform) === physicalCombination(quickAsk.accelerator, platform)) {
    quickAsk = { ok: false, reason: `${acceleratorLabel(quickAsk.accelerator, platform)} is already the voice shortcut; choose a different one for quick ask.` };
  }
  return { voice, quickAsk };
}

/** How to show a shortcut to the person: CommandOrControl becomes Cmd or Ctrl. */
export function acceleratorLabel(accelerator: string, platform: string = 'linux'): string {
  const mac = platform === 'darwin';
  return accelerator
    .split('+')
    .map((part) =>
      part === 'CommandOrControl' ? (mac ? 'Cmd' : 'Ctrl')
      : part === 'Command' ? 'Cmd'
      : part === 'Control' ? 'Ctrl'
      : part === 'Alt' && mac ? 'Option'
      : part,
    )
    .join('+');
}

// ─── Windows ────────────────────────────────────────────────────────────────────────

/** The main window's screens a `window:navigate` event can open. */
export const MAIN_SCREENS = ['conversation', 'history', 'voice', 'memory', 'activity', 'settings'] as const;
export const MainScreenSchema = z.enum(MAIN_SCREENS);
export type MainScreen = z.infer<typeof MainScreenSchema>;

export const OpenMainRequestSchema = z.object({ conversationId: z.string().min(1).max(100).optional() }).strict().optional();
export const NavigateEventSchema = z.object({ screen: MainScreenSchema }).strict();
export const OpenConversationEventSchema = z.object({ conversationId: z.string() }).strict();

/**
 * What the voice hotkey or the tray asks the voice HUD to do. `toggle` (the hotkey):
 * start a session if none runs; in push-to-talk end the current turn; otherwise end the
 * session. `start` / `stop` come from the tray's Start voice / Stop voice.
 */
export const HudToggleEventSchema = z.object({ action: z.enum(['toggle', 'start', 'stop']) }).strict();
export type HudToggleEvent = z.infer<typeof HudToggleEventSchema>;

/** What a voice session is doing right now, reported by the page that runs it (drives the tray icon). */
export const VOICE_ACTIVITIES = ['idle', 'listening', 'thinking', 'speaking'] as const;
export const VoiceActivitySchema = z.enum(VOICE_ACTIVITIES);
export type VoiceActivity = z.infer<typeof VoiceActivitySchema>;
export const VoiceActivityReportSchema = z.object({ sessionId: z.string().min(1).max(100), activity: VoiceActivitySchema }).strict();

export const OkSchema = z.object({ ok: z.literal(true) }).strict();

// ─── Quick ask ──────────────────────────────────────────────────────────────────────

export const QuickAskEntrySchema = z
  .object({
    runId: z.string(),
    query: z.string(),
    response: z.string(),
    /** ISO time the answer arrived. */
    at: z.string(),
    conversationId: z.string(),
    specialistsUsed: z.array(SpecialistIdSchema),
  })
  .strict();
export type QuickAskEntry = z.infer<typeof QuickAskEntrySchema>;
export const QuickAskRecentSchema = z.array(QuickAskEntrySchema).max(20);

// ─── Budget ─────────────────────────────────────────────────────────────────────────

export const BudgetLevelSchema = z.enum(['ok', 'warning', 'exceeded']);
export type BudgetLevel = z.infer<typeof BudgetLevelSchema>;

export const BudgetStatusSchema = z
  .object({
    /** Calendar month in the computer's time zone, "2026-03". */
    month: z.string().regex(/^\d{4}-\d{2}$/),
    spentUsd: z.number().min(0),
    /** Settings → Budget; null = no cap. */
    capUsd: z.number().min(0).nullable(),
    level: BudgetLevelSchema,
  })
  .strict();
export type BudgetStatus = z.infer<typeof BudgetStatusSchema>;

export const BudgetAlertSchema = z.object({ level: z.enum(['warning', 'exceeded']), message: z.string() }).strict();
export type BudgetAlert = z.infer<typeof BudgetAlertSchema>;

// ─── Home Assistant setup (Settings → Home) ─────────────────────────────────────────

const homeUrl = HomeAssistantSettingsSchema.shape.url.unwrap();
/** An empty field means "not given". */
const optionalToken = z
  .string()
  .trim()
  .max(4000)
  .transform((t) => (t === '' ? null : t));

export const HomeTestRequestSchema = z
  .object({
    url: homeUrl,
    /** null = test with the token already stored. */
    token: optionalToken.nullable(),
  })
  .strict();
export const HomeTestResponseSchema = z.object({ ok: z.boolean(), message: z.string(), entityCount: z.number().int().min(0).nullable() }).strict();
export type HomeTestResponse = z.infer<typeof HomeTestResponseSchema>;

export const HomeConfigureRequestSchema = z
  .object({
    /** null disconnects: the address and the stored token are removed. */
    url: homeUrl.nullable(),
    /** Omitted = keep the stored token. */
    token: optionalToken.optional(),
  })
  .strict();
export const HomeConfigureResponseSchema = z.object({ ok: z.boolean(), message: z.string() }).strict();
export type HomeConfigureResponse = z.infer<typeof HomeConfigureResponseSchema>;
