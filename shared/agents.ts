/** What crosses IPC about the specialist team: asks, their results, and the live activity of a run. */
import { z } from 'zod';
import { AgentPatternSchema, SpecialistIdSchema } from './domain';

export const UsageSchema = z
  .object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0), totalTokens: z.number().int().min(0) })
  .strict();
export type Usage = z.infer<typeof UsageSchema>;

export const AskSourceSchema = z.enum(['conversation', 'quick-ask', 'voice']);
export type AskSource = z.infer<typeof AskSourceSchema>;

export const AskRequestSchema = z
  .object({
    query: z.string().trim().min(1, 'Type a question first.').max(20_000),
    pattern: AgentPatternSchema.optional(),
    enabledSpecialists: z.array(SpecialistIdSchema).max(100).optional(),
    /** Continues an earlier conversation: its turns reach the agents. */
    conversationId: z.string().min(1).max(100).optional(),
    /** Chosen by the caller so it can follow (and cancel) the run's activity before the answer arrives. */
    runId: z.string().min(1).max(100).optional(),
    source: AskSourceSchema.optional(),
  })
  .strict();
export type AskRequest = z.infer<typeof AskRequestSchema>;

export const AskResultSchema = z
  .object({
    runId: z.string(),
    conversationId: z.string(),
    response: z.string(),
    pattern: AgentPatternSchema,
    specialistsAvailable: z.array(SpecialistIdSchema),
    /** In the order they were first called. */
    specialistsUsed: z.array(SpecialistIdSchema),
    durationMs: z.number().min(0),
    usage: UsageSchema,
    /** null when a model's price is unknown (see Settings → Pricing). */
    costUsd: z.number().min(0).nullable(),
    /** The agent that wrote the answer (the specialist after a handoff). */
    answeredBy: z.string(),
  })
  .strict();
export type AskResult = z.infer<typeof AskResultSchema>;

export const SpecialistInfoSchema = z
  .object({
    id: SpecialistIdSchema,
    name: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    available: z.boolean(),
    /** Why it cannot work right now, in words for the person (e.g. Home Assistant not set up). */
    unavailableReason: z.string().nullable(),
    tools: z.array(z.string()),
  })
  .strict();
export type SpecialistInfo = z.infer<typeof SpecialistInfoSchema>;

export const AgentConfigSchema = z
  .object({
    defaultPattern: AgentPatternSchema,
    patterns: z.array(z.object({ id: AgentPatternSchema, label: z.string(), description: z.string() }).strict()),
    specialists: z.array(SpecialistInfoSchema),
  })
  .strict();
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

export const CancelRequestSchema = z.object({ runId: z.string().min(1).max(100) }).strict();
export const ApprovalDecisionSchema = z
  .object({ runId: z.string().min(1).max(100), approvalId: z.string().min(1).max(200), approve: z.boolean() })
  .strict();

export const ConversationTurnSchema = z
  // `cutOff`: an answer that broke off (the run failed after it started streaming); the text is what arrived.
  .object({ role: z.enum(['user', 'assistant']), text: z.string(), at: z.string(), runId: z.string().nullable(), cutOff: z.boolean().optional() })
  .strict();
export const ConversationSchema = z
  .object({ id: z.string(), turns: z.array(ConversationTurnSchema) })
  .strict();
export type Conversation = z.infer<typeof ConversationSchema>;

const base = { runId: z.string(), at: z.number() };
const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() }).strict();

/**
 * One step of a run, as it happens. `spanId` ties a start to its end; `parentSpanId`
 * nests a specialist's own tool calls under it in the Activity timeline.
 */
export const ActivityEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('run_started'), query: z.string(), pattern: AgentPatternSchema, source: AskSourceSchema, conversationId: z.string() }).strict(),
  z.object({ ...base, type: z.literal('agent_started'), spanId: z.string(), agent: z.string(), specialist: SpecialistIdSchema.nullable(), parentSpanId: z.string().nullable() }).strict(),
  // `error`: the run failed while this agent was speaking, and why (in the person's words).
  z.object({ ...base, type: z.literal('agent_ended'), spanId: z.string(), agent: z.string(), durationMs: z.number(), error: z.string().optional() }).strict(),
  z.object({ ...base, type: z.literal('specialist_started'), spanId: z.string(), specialist: SpecialistIdSchema, input: z.string() }).strict(),
  z
    .object({
      ...base,
      type: z.literal('specialist_ended'),
      spanId: z.string(),
      specialist: SpecialistIdSchema,
      durationMs: z.number(),
      ok: z.boolean(),
      summary: z.string(),
      usage: UsageSchema.nullable(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('tool_started'), spanId: z.string(), parentSpanId: z.string().nullable(), tool: z.string(), input: z.string() }).strict(),
  z.object({ ...base, type: z.literal('tool_ended'), spanId: z.string(), tool: z.string(), durationMs: z.number(), ok: z.boolean(), summary: z.string() }).strict(),
  z.object({ ...base, type: z.literal('handoff'), from: z.string(), to: z.string(), specialist: SpecialistIdSchema.nullable() }).strict(),
  z.object({ ...base, type: z.literal('approval_requested'), approvalId: z.string(), tool: z.string(), input: z.string(), agent: z.string(), description: z.string().optional() }).strict(),
  z.object({ ...base, type: z.literal('approval_resolved'), approvalId: z.string(), approved: z.boolean() }).strict(),
  z.object({ ...base, type: z.literal('text_delta'), delta: z.string() }).strict(),
  z.object({ ...base, type: z.literal('run_finished'), result: AskResultSchema }).strict(),
  z.object({ ...base, type: z.literal('run_failed'), error: ErrorInfoSchema, durationMs: z.number() }).strict(),
  z.object({ ...base, type: z.literal('run_cancelled'), durationMs: z.number() }).strict(),
]);
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;
export type ActivityEventOf<T extends ActivityEvent['type']> = Extract<ActivityEvent, { type: T }>;
