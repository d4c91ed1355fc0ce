/**
 * What the person's own data looks like across IPC: their conversations (typed and
 * spoken), memories and past runs, and the state of the encrypted file they live in.
 */
import { z } from 'zod';
import { ActivityEventSchema } from './agents';

// ── The data file ───────────────────────────────────────────────────────────────────

export const DataLockReasonSchema = z.enum(['key-missing', 'key-wrong', 'keychain-unavailable', 'file-unavailable', 'newer-version']);
export type DataLockReason = z.infer<typeof DataLockReasonSchema>;

/**
 * `open`: kept on disk, encrypted. `locked`: a data file exists that FROK cannot open now
 * (it is left untouched; history lives in memory until this is fixed). `memory-only`:
 * there is nowhere safe to keep the key, so nothing is written.
 */
export const DataStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('opening') }).strict(),
  z
    .object({
      state: z.literal('open'),
      file: z.string(),
      movedAside: z.string().nullable(),
      /** Where the data key is: the keychain, safeStorage's encrypted file, or (Linux without a keyring) a plain file. */
      keyStorage: z.enum(['keychain', 'encrypted-file', 'plaintext-file', 'none']),
    })
    .strict(),
  z.object({ state: z.literal('locked'), reason: DataLockReasonSchema, message: z.string(), file: z.string() }).strict(),
  z.object({ state: z.literal('memory-only'), message: z.string() }).strict(),
]);
export type DataStatus = z.infer<typeof DataStatusSchema>;

/** "Start fresh" is offered only for a file no key here opens; the other locks are fixed where they are. */
export function canStartFresh(status: DataStatus): status is Extract<DataStatus, { state: 'locked' }> {
  return status.state === 'locked' && (status.reason === 'key-missing' || status.reason === 'key-wrong');
}

export const SavedFileSchema = z.object({ saved: z.boolean(), path: z.string().nullable() }).strict();
export type SavedFile = z.infer<typeof SavedFileSchema>;

// ── Conversations ───────────────────────────────────────────────────────────────────

export const ConversationKindSchema = z.enum(['typed', 'voice']);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

export const HistoryMessageSchema = z
  .object({
    seq: z.number().int(),
    at: z.number(),
    role: z.enum(['user', 'assistant', 'tool']),
    text: z.string(),
    runId: z.string().nullable(),
    cutOff: z.boolean().optional(),
    tool: z.object({ name: z.string(), arguments: z.string(), output: z.string().nullable() }).strict().optional(),
    helpers: z.array(z.string()).optional(),
  })
  .strict();
export type HistoryMessage = z.infer<typeof HistoryMessageSchema>;

export const ConversationSummarySchema = z
  .object({ id: z.string(), kind: ConversationKindSchema, title: z.string(), startedAt: z.number(), updatedAt: z.number(), messageCount: z.number().int() })
  .strict();
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationRecordSchema = ConversationSummarySchema.extend({ messages: z.array(HistoryMessageSchema) }).strict();
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;

const IdSchema = z.string().min(1).max(100);
export const HistoryIdRequestSchema = z.object({ id: IdSchema }).strict();
export const HistoryListRequestSchema = z
  .object({ limit: z.number().int().min(1).max(200).optional(), before: z.number().optional() })
  .strict()
  .optional();
export const HistoryListSchema = z.object({ items: z.array(ConversationSummarySchema), total: z.number().int() }).strict();
export type HistoryList = z.infer<typeof HistoryListSchema>;

export const HistorySearchRequestSchema = z.object({ text: z.string().max(500), limit: z.number().int().min(1).max(200).optional() }).strict();
export const SnippetPartSchema = z.object({ text: z.string(), match: z.boolean() }).strict();
export const HistorySearchHitSchema = z
  .object({
    conversationId: z.string(),
    kind: ConversationKindSchema,
    title: z.string(),
    seq: z.number().int(),
    at: z.number(),
    role: z.enum(['user', 'assistant', 'tool']),
    snippet: z.array(SnippetPartSchema),
  })
  .strict();
export type HistorySearchHit = z.infer<typeof HistorySearchHitSchema>;

export const HistoryRenameRequestSchema = z.object({ id: IdSchema, title: z.string().max(200) }).strict();

export const ExportFormatSchema = z.enum(['markdown', 'json']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
/** No `id`: every conversation. */
export const HistoryExportRequestSchema = z.object({ id: IdSchema.optional(), format: ExportFormatSchema }).strict();

export const HistoryChangedEventSchema = z.object({ conversationId: z.string().nullable() }).strict();

// ── Memories ────────────────────────────────────────────────────────────────────────

/** Where a memory came from: which conversation, when, and who saved it. */
export const MemoryOriginSchema = z
  .object({
    conversationId: z.string().nullable(),
    /** The specialist (or 'voice') that saved it. */
    savedBy: z.string().nullable(),
    voiceSessionId: z.string().nullable(),
  })
  .strict();
export type MemoryOrigin = z.infer<typeof MemoryOriginSchema>;

export const MemoryViewSchema = z
  .object({
    id: z.string(),
    fact: z.string(),
    tags: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    source: z.enum(['user', 'agent']),
    origin: MemoryOriginSchema.nullable(),
    /** The title of the conversation it came from, while that conversation is kept. */
    conversationTitle: z.string().nullable(),
  })
  .strict();
export type MemoryView = z.infer<typeof MemoryViewSchema>;

export const MemoryListRequestSchema = z
  .object({ query: z.string().max(500).optional(), limit: z.number().int().min(1).max(100).optional(), offset: z.number().int().min(0).optional() })
  .strict()
  .optional();
export const MemoryListSchema = z.object({ items: z.array(MemoryViewSchema), total: z.number().int() }).strict();
export const MemoryUpdateRequestSchema = z.object({ id: IdSchema, fact: z.string().min(1).max(2000), tags: z.array(z.string().max(40)).max(20).optional() }).strict();

// ── Runs (Activity) ─────────────────────────────────────────────────────────────────

/** A finished run as kept: its timeline (without the streamed text deltas; the answer is in run_finished). */
export const StoredRunSchema = z.object({ runId: z.string(), startedAt: z.number(), events: z.array(ActivityEventSchema) }).strict();
export type StoredRun = z.infer<typeof StoredRunSchema>;

export const RunListRequestSchema = z
  .object({ specialist: z.string().max(100).optional(), days: z.number().int().min(1).max(30).optional(), limit: z.number().int().min(1).max(500).optional() })
  .strict()
  .optional();
export const RunListSchema = z.object({ runs: z.array(StoredRunSchema) }).strict();

const UsageTotalsSchema = z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number().nullable(), runs: z.number().int() }).strict();
export const UsagePeriodSchema = UsageTotalsSchema.extend({
  /** 'YYYY-MM-DD' for a day, 'YYYY-MM' for a month (the person's local time). */
  period: z.string(),
  bySpecialist: z.array(UsageTotalsSchema.extend({ specialist: z.string() }).strict()),
}).strict();
export type UsagePeriod = z.infer<typeof UsagePeriodSchema>;
export const UsageTotalsResponseSchema = z.object({ days: z.array(UsagePeriodSchema), months: z.array(UsagePeriodSchema) }).strict();
export type UsageTotalsResponse = z.infer<typeof UsageTotalsResponseSchema>;
export const RunIdRequestSchema = z.object({ runId: IdSchema }).strict();
/** The person's offset from UTC in minutes (e.g. 60 for Berlin in winter): days and months are theirs. */
export const UsageTotalsRequestSchema = z.object({ utcOffsetMinutes: z.number().int().min(-840).max(840) }).strict().optional();
