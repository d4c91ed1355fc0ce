/**
 * The settings file's schema. Every section is strict, so a typo in a hand-edited file or
 * an unknown key in an update is an error rather than a silently ignored value.
 * Bump SETTINGS_VERSION and add a migration in electron/main/services/settings/migrations.ts
 * whenever the shape changes.
 */
import { z } from 'zod';
import { LanguageSettingSchema } from './language';
import { shippedPriceTable } from './prices';
import {
  AgentPatternSchema,
  DEFAULT_VOICE,
  ProviderKindSchema,
  SPECIALIST_IDS,
  BuiltInSpecialistIdSchema,
  TurnTakingModeSchema,
  VoiceSchema,
  VoiceTransportSchema,
} from './domain';

export const SETTINGS_VERSION = 1;

const httpUrl = z
  .string()
  .trim()
  .url({ message: 'must be a full http:// or https:// address' })
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with http:// or https://' });

export const ProviderSettingsSchema = z
  .object({
    kind: ProviderKindSchema,
    /** null means OpenAI's own endpoint. Required for `openai-compatible`. */
    baseUrl: httpUrl.nullable(),
  })
  .strict();

export const ModelSettingsSchema = z
  .object({
    text: z.string().trim().min(1).max(200),
    realtime: z.string().trim().min(1).max(200),
  })
  .strict();

export const VoiceSettingsSchema = z
  .object({
    voice: VoiceSchema,
    turnTaking: TurnTakingModeSchema,
    transport: VoiceTransportSchema,
    /** Device ids from enumerateDevices(); null = the system default. */
    inputDeviceId: z.string().max(500).nullable(),
    outputDeviceId: z.string().max(500).nullable(),
    serverVad: z
      .object({
        threshold: z.number().min(0).max(1),
        silenceDurationMs: z.number().int().min(100).max(5000),
      })
      .strict(),
    enableSpecialistTools: z.boolean(),
  })
  .strict();

export const AgentSettingsSchema = z
  .object({
    defaultPattern: AgentPatternSchema,
    /** FROK's own specialists that are on; the person's MCP servers are switched on in Settings → Tools. */
    enabledSpecialists: z.array(BuiltInSpecialistIdSchema).max(SPECIALIST_IDS.length),
    maxTurns: z.number().int().min(1).max(50),
    asksPerMinute: z.number().int().min(1).max(1000),
  })
  .strict();

export const HotkeySettingsSchema = z
  .object({
    voice: z.string().trim().min(1).max(100),
    quickAsk: z.string().trim().min(1).max(100),
    paused: z.boolean(),
  })
  .strict();

export const HomeAssistantSettingsSchema = z.object({ url: httpUrl.nullable() }).strict();

export const PrivacySettingsSchema = z
  .object({
    /** Send agent traces to OpenAI's trace viewer. Off unless the person turns it on. */
    traceExport: z.boolean(),
    historyDays: z.number().int().min(1).max(3650),
    /** Keep conversations (typed and voice) on disk, encrypted. Off: each lasts until FROK quits. */
    keepHistory: z.boolean().default(true),
  })
  .strict();

export const BudgetSettingsSchema = z
  .object({ monthlyCapUsd: z.number().min(0).max(100_000).nullable() })
  .strict();

/** USD per million tokens, per model name. The person edits it in Settings → Pricing. */
export const ModelPriceSchema = z
  .object({ inputPerMillionUsd: z.number().min(0).max(10_000), outputPerMillionUsd: z.number().min(0).max(10_000) })
  .strict();
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
export const PricingSchema = z.record(z.string().trim().min(1).max(200), ModelPriceSchema);

export const SettingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    provider: ProviderSettingsSchema,
    models: ModelSettingsSchema,
    voice: VoiceSettingsSchema,
    agents: AgentSettingsSchema,
    hotkeys: HotkeySettingsSchema,
    homeAssistant: HomeAssistantSettingsSchema,
    privacy: PrivacySettingsSchema,
    budget: BudgetSettingsSchema,
    pricing: PricingSchema,
    launchAtLogin: z.boolean(),
    /** The window's words and the agents' answers; "system" follows the OS. Files from before it default to "system". */
    language: LanguageSettingSchema.default('system'),
    /**
     * Closing the main window leaves FROK running (tray, hotkeys); off, closing it quits.
     * Defaults fill in for files written before these existed, so no migration is needed.
     */
    keepRunningWhenClosed: z.boolean().default(true),
    /** The one-time "FROK is still running" notification has been shown. */
    closedToTrayNoticeShown: z.boolean().default(false),
    /** True once the person has finished (or skipped) onboarding. */
    onboarded: z.boolean(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.provider.kind === 'openai-compatible' && !s.provider.baseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider', 'baseUrl'],
        message: 'an OpenAI-compatible provider needs a base URL, such as http://localhost:11434/v1',
      });
    }
  });
export type Settings = z.infer<typeof SettingsSchema>;

/** An update names only what changes; each section is merged, then the whole is validated. */
export const SettingsPatchSchema = z
  .object({
    provider: ProviderSettingsSchema.partial().optional(),
    models: ModelSettingsSchema.partial().optional(),
    voice: VoiceSettingsSchema.extend({ serverVad: VoiceSettingsSchema.shape.serverVad.partial() })
      .partial()
      .optional(),
    agents: AgentSettingsSchema.partial().optional(),
    hotkeys: HotkeySettingsSchema.partial().optional(),
    homeAssistant: HomeAssistantSettingsSchema.partial().optional(),
    privacy: PrivacySettingsSchema.partial().optional(),
    budget: BudgetSettingsSchema.partial().optional(),
    /** Replaces the whole table (so a model can be removed). */
    pricing: PricingSchema.optional(),
    launchAtLogin: z.boolean().optional(),
    language: LanguageSettingSchema.optional(),
    keepRunningWhenClosed: z.boolean().optional(),
    closedToTrayNoticeShown: z.boolean().optional(),
    onboarded: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  provider: { kind: 'openai', baseUrl: null },
  models: { text: 'gpt-5.6-luna', realtime: 'gpt-realtime-2.1' },
  voice: {
    voice: DEFAULT_VOICE,
    turnTaking: 'standard',
    transport: 'webrtc',
    inputDeviceId: null,
    outputDeviceId: null,
    serverVad: { threshold: 0.5, silenceDurationMs: 500 },
    enableSpecialistTools: true,
  },
  agents: { defaultPattern: 'hybrid', enabledSpecialists: [...SPECIALIST_IDS], maxTurns: 10, asksPerMinute: 60 },
  hotkeys: { voice: 'CommandOrControl+Shift+Space', quickAsk: 'CommandOrControl+Shift+K', paused: false },
  homeAssistant: { url: null },
  privacy: { traceExport: false, historyDays: 30, keepHistory: true },
  budget: { monthlyCapUsd: null },
  // OpenAI's prices on the day in shared/prices.ts; the person edits them in Settings.
  pricing: shippedPriceTable(),
  launchAtLogin: false,
  language: 'system',
  keepRunningWhenClosed: true,
  closedToTrayNoticeShown: false,
  onboarded: false,
};

/** Merges a validated patch into settings section by section; the caller validates the result. */
export function mergeSettings(current: Settings, patch: SettingsPatch): unknown {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'pricing') {
      next[key] = value;
      continue;
    }
    const base = (current as Record<string, unknown>)[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && base && typeof base === 'object') {
      const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const inner = merged[k];
        merged[k] =
          v && typeof v === 'object' && !Array.isArray(v) && inner && typeof inner === 'object'
            ? { ...(inner as object), ...(v as object) }
            : v;
      }
      next[key] = merged;
    } else {
      next[key] = value;
    }
  }
  return next;
}
