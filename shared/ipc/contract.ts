/**
 * The IPC contract: every request channel with the zod schemas of its request and
 * response, and every main→renderer event with its payload schema. Main validates
 * against it on the way in and out; the preload and renderer derive their types from it.
 */
import { z } from 'zod';
import { AppSecretNameSchema, ProviderKindSchema, VoiceSchema } from '../domain';
import { MAX_EXTERNAL_LINK_LENGTH } from '../external-link';
import { SettingsPatchSchema, SettingsSchema } from '../settings';
import {
  ConversationRecordSchema,
  ConversationSummarySchema,
  DataStatusSchema,
  HistoryChangedEventSchema,
  HistoryExportRequestSchema,
  HistoryIdRequestSchema,
  HistoryListRequestSchema,
  HistoryListSchema,
  HistoryRenameRequestSchema,
  HistorySearchHitSchema,
  HistorySearchRequestSchema,
  MemoryListRequestSchema,
  MemoryListSchema,
  MemoryUpdateRequestSchema,
  MemoryViewSchema,
  RunIdRequestSchema,
  RunListRequestSchema,
  RunListSchema,
  SavedFileSchema,
  UsageTotalsRequestSchema,
  UsageTotalsResponseSchema,
} from '../history';
import {
  ActivityEventSchema,
  AgentConfigSchema,
  ApprovalDecisionSchema,
  AskRequestSchema,
  AskResultSchema,
  CancelRequestSchema,
  ConversationSchema,
} from '../agents';
import {
  RealtimeApprovalCheckResponseSchema,
  RealtimeApprovalCheckSchema,
  RealtimeEndedEventSchema,
  RealtimeReportSchema,
  RealtimeSessionInfoSchema,
  RealtimeStartRequestSchema,
  RealtimeStartResponseSchema,
  RealtimeToolCallRequestSchema,
  RealtimeToolCallResponseSchema,
} from '../realtime';
import {
  BudgetAlertSchema,
  BudgetStatusSchema,
  HomeConfigureRequestSchema,
  HomeConfigureResponseSchema,
  HomeTestRequestSchema,
  HomeTestResponseSchema,
  HotkeyStatusListSchema,
  HudToggleEventSchema,
  NavigateEventSchema,
  OkSchema,
  OpenConversationEventSchema,
  OpenMainRequestSchema,
  QuickAskRecentSchema,
  VoiceActivityReportSchema,
} from '../desktop';
import {
  McpApproveCommandRequestSchema,
  McpIdRequestSchema,
  McpImportApplyRequestSchema,
  McpImportPreviewSchema,
  McpImportRequestSchema,
  McpSaveRequestSchema,
  McpServerListSchema,
  McpServerViewSchema,
} from '../mcp';
import { ShortcutEventSchema } from '../shortcuts';
import type { ChannelName, EventName } from './names';

/** Channels that take no payload accept only `undefined` (nothing). */
export const NoPayload = z.undefined();

export const AppInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    platform: z.string(),
    versions: z.object({ electron: z.string().nullable(), chrome: z.string().nullable(), node: z.string() }),
    /** Things the person should know from start-up, e.g. a settings file that was moved aside. */
    notices: z.array(z.object({ id: z.string(), level: z.enum(['info', 'warning', 'error']), message: z.string() })),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Settings → About → Copy diagnostics: a text block main builds, with no secret and no conversation text. */
export const DiagnosticsSchema = z.object({ text: z.string().max(500_000) }).strict();
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

/** A link in an answer, to open in the system's browser; main checks it (shared/external-link.ts) before opening. */
export const OpenExternalRequestSchema = z.object({ url: z.string().min(1).max(MAX_EXTERNAL_LINK_LENGTH) }).strict();

export const SecretSummarySchema = z.object({ set: z.boolean(), last4: z.string().max(4).nullable() }).strict();

export const SecretStorageKindSchema = z.enum(['keychain', 'encrypted-file', 'plaintext-file', 'none']);
export type SecretStorageKind = z.infer<typeof SecretStorageKindSchema>;

export const SecretsStatusSchema = z
  .object({
    openaiApiKey: SecretSummarySchema,
    /** The key of the OpenAI-compatible server, kept apart from the OpenAI key. */
    compatibleApiKey: SecretSummarySchema,
    homeAssistantToken: SecretSummarySchema,
    storage: z
      .object({
        kind: SecretStorageKindSchema,
        /** True when the only storage is a plain file and the person has not yet agreed to it. */
        needsPlaintextConsent: z.boolean(),
        /** A sentence for the person about where secrets are kept, or why they cannot be. */
        message: z.string(),
      })
      .strict(),
  })
  .strict();
export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;

export const SetOpenAIKeyRequestSchema = z
  .object({
    /** Empty is allowed only for an OpenAI-compatible server that needs no key. */
    key: z.string().trim().max(500),
    provider: z
      .object({ kind: ProviderKindSchema, baseUrl: z.string().trim().max(2000).nullable() })
      .strict()
      .optional(),
    /** The person agreed to keep the key in a plain file (Linux without a keyring). */
    allowPlaintextStorage: z.boolean().optional(),
  })
  .strict();
export type SetOpenAIKeyRequest = z.infer<typeof SetOpenAIKeyRequestSchema>;

export const KeyCheckOutcomeSchema = z.enum(['saved', 'rejected', 'unreachable', 'needs_plaintext_consent']);
export const SetOpenAIKeyResponseSchema = z
  .object({ outcome: KeyCheckOutcomeSchema, message: z.string(), status: SecretsStatusSchema })
  .strict();
export type SetOpenAIKeyResponse = z.infer<typeof SetOpenAIKeyResponseSchema>;

// Only FROK's own secrets: an MCP server's are removed with the server (Settings → Tools).
export const ClearSecretRequestSchema = z.object({ name: AppSecretNameSchema }).strict();

/** The models the configured provider lists (Settings' model pickers), by id. */
export const ModelListSchema = z.object({ models: z.array(z.string().min(1).max(200)).max(2000) }).strict();
export type ModelList = z.infer<typeof ModelListSchema>;

interface ChannelSpec {
  request: z.ZodType;
  response: z.ZodType;
}

export const channels = {
  'app:info': { request: NoPayload, response: AppInfoSchema },
  /** Opens the folder FROK's log files are in, in the system's file manager. */
  'app:openLogs': { request: NoPayload, response: OkSchema },
  'app:diagnostics': { request: NoPayload, response: DiagnosticsSchema },
  'shell:openExternal': { request: OpenExternalRequestSchema, response: OkSchema },
  'settings:get': { request: NoPayload, response: SettingsSchema },
  'settings:update': { request: SettingsPatchSchema, response: SettingsSchema },
  'secrets:status': { request: NoPayload, response: SecretsStatusSchema },
  'secrets:setOpenAIKey': { request: SetOpenAIKeyRequestSchema, response: SetOpenAIKeyResponseSchema },
  'secrets:clear': { request: ClearSecretRequestSchema, response: SecretsStatusSchema },
  /** Asks the provider in use which models it offers, with the stored key (which stays in main). */
  'models:list': { request: NoPayload, response: ModelListSchema },
  'agent:config': { request: NoPayload, response: AgentConfigSchema },
  'agent:ask': { request: AskRequestSchema, response: AskResultSchema },
  'agent:cancel': { request: CancelRequestSchema, response: z.object({ cancelled: z.boolean() }).strict() },
  'agent:approve': { request: ApprovalDecisionSchema, response: z.object({ ok: z.literal(true) }).strict() },
  'agent:conversation': { request: z.object({ conversationId: z.string().min(1).max(100) }).strict(), response: ConversationSchema },
  'voice:preview': {
    request: z.object({ voice: VoiceSchema }).strict(),
    response: z.object({ mimeType: z.string().regex(/^audio\//), audioBase64: z.string() }).strict(),
  },
  'realtime:prepare': { request: NoPayload, response: z.object({ ok: z.literal(true) }).strict() },
  'realtime:start': { request: RealtimeStartRequestSchema, response: RealtimeStartResponseSchema },
  'realtime:list': { request: NoPayload, response: z.array(RealtimeSessionInfoSchema) },
  'realtime:end': { request: z.object({ sessionId: z.string().min(1).max(100) }).strict(), response: z.object({ ok: z.literal(true) }).strict() },
  'realtime:toolCall': { request: RealtimeToolCallRequestSchema, response: RealtimeToolCallResponseSchema },
  'realtime:checkApproval': { request: RealtimeApprovalCheckSchema, response: RealtimeApprovalCheckResponseSchema },
  'realtime:report': { request: RealtimeReportSchema, response: z.object({ ok: z.literal(true) }).strict() },
  'hotkeys:status': { request: NoPayload, response: HotkeyStatusListSchema },
  /** The calling window's page has subscribed to its events: main delivers what it held back. */
  'window:ready': { request: NoPayload, response: OkSchema },
  /** Hides the calling window (quick ask, voice HUD; the main window goes to the tray). */
  'window:close': { request: NoPayload, response: OkSchema },
  'window:openMain': { request: OpenMainRequestSchema, response: OkSchema },
  'quickAsk:recent': { request: NoPayload, response: QuickAskRecentSchema },
  'voice:activity': { request: VoiceActivityReportSchema, response: OkSchema },
  'budget:status': { request: NoPayload, response: BudgetStatusSchema },
  'home:test': { request: HomeTestRequestSchema, response: HomeTestResponseSchema },
  'home:configure': { request: HomeConfigureRequestSchema, response: HomeConfigureResponseSchema },
  /** The person's MCP servers (Settings → Tools) with their state and tools. */
  'mcp:list': { request: NoPayload, response: McpServerListSchema },
  /** Adds or replaces a server; secret values go to the keychain. */
  'mcp:save': { request: McpSaveRequestSchema, response: McpServerViewSchema },
  'mcp:remove': { request: McpIdRequestSchema, response: OkSchema },
  /** Connects (starting a local command only once its command line is approved) and lists the tools. */
  'mcp:test': { request: McpIdRequestSchema, response: McpServerViewSchema },
  /** The person approved this exact command line for this server. */
  'mcp:approveCommand': { request: McpApproveCommandRequestSchema, response: McpServerViewSchema },
  /** Runs the OAuth sign-in in the system browser. */
  'mcp:signIn': { request: McpIdRequestSchema, response: McpServerViewSchema },
  'mcp:importPreview': { request: McpImportRequestSchema, response: McpImportPreviewSchema },
  'mcp:importApply': { request: McpImportApplyRequestSchema, response: McpServerListSchema },
  /** Whether FROK's data file is open, and if not, why and what can be done. */
  'data:status': { request: NoPayload, response: DataStatusSchema },
  /** Tries the keychain again (after the person unlocked or restored it). */
  'data:retry': { request: NoPayload, response: DataStatusSchema },
  /** Sets an unreadable data file aside (kept, never deleted) and starts a new one. */
  'data:startFresh': { request: NoPayload, response: DataStatusSchema },
  /** One archive of everything: conversations, memories, runs. Main asks where to save it. */
  'data:exportAll': { request: NoPayload, response: SavedFileSchema },
  /** Deletes every conversation, memory and run, and the data key. */
  'data:deleteAll': { request: z.object({ confirm: z.literal('delete everything') }).strict(), response: DataStatusSchema },
  'history:list': { request: HistoryListRequestSchema, response: HistoryListSchema },
  'history:search': { request: HistorySearchRequestSchema, response: z.array(HistorySearchHitSchema) },
  'history:get': { request: HistoryIdRequestSchema, response: ConversationRecordSchema },
  'history:rename': { request: HistoryRenameRequestSchema, response: ConversationSummarySchema },
  /** Hidden at once; gone for good after the undo window. */
  'history:delete': { request: HistoryIdRequestSchema, response: OkSchema },
  'history:undoDelete': { request: HistoryIdRequestSchema, response: OkSchema },
  'history:export': { request: HistoryExportRequestSchema, response: SavedFileSchema },
  'memory:list': { request: MemoryListRequestSchema, response: MemoryListSchema },
  'memory:update': { request: MemoryUpdateRequestSchema, response: MemoryViewSchema },
  'memory:delete': { request: HistoryIdRequestSchema, response: OkSchema },
  /** Runs of the last 30 days, newest first, with their timelines. */
  'runs:list': { request: RunListRequestSchema, response: RunListSchema },
  'runs:totals': { request: UsageTotalsRequestSchema, response: UsageTotalsResponseSchema },
  /** One run's trace as JSON; main asks where to save it. */
  'runs:export': { request: RunIdRequestSchema, response: SavedFileSchema },
} satisfies Record<ChannelName, ChannelSpec>;

export const events = {
  'settings:changed': SettingsSchema,
  'agent:activity': ActivityEventSchema,
  'realtime:ended': RealtimeEndedEventSchema,
  'hotkeys:changed': HotkeyStatusListSchema,
  'hud:toggle': HudToggleEventSchema,
  'window:navigate': NavigateEventSchema,
  'window:openConversation': OpenConversationEventSchema,
  /** A window shortcut chosen in the application menu (shared/shortcuts.ts). */
  'window:shortcut': ShortcutEventSchema,
  'budget:alert': BudgetAlertSchema,
  /** A server's state or tools changed. */
  'mcp:changed': McpServerViewSchema,
  'data:changed': DataStatusSchema,
  /** A conversation was added to, renamed or deleted (null: many at once). */
  'history:changed': HistoryChangedEventSchema,
} satisfies Record<EventName, z.ZodType>;

export type Channels = typeof channels;
/** What a caller passes (zod input type: before defaults are applied). */
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
/** What a handler receives after parsing. */
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
export type PayloadOf<E extends EventName> = z.output<(typeof events)[E]>;
