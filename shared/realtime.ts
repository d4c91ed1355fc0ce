/**
 * What crosses IPC about realtime voice sessions. Main owns the session registry and
 * every secret; the renderer gets a short-lived client secret and a *voice agent spec*
 * (instructions, voice, tools as JSON schemas, handoffs) from which it builds the
 * RealtimeAgents whose tool calls come back to main.
 */
import { z } from 'zod';
import { TurnTakingModeSchema, VoiceSchema, VoiceTransportSchema } from './domain';
import { UsageSchema } from './agents';

export const VoiceToolSpecSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    /** A JSON schema object (strict: every property required, additionalProperties false). */
    parameters: z.record(z.string(), z.unknown()),
    /** Some calls of this tool need the person's OK first (asked through realtime:checkApproval). */
    mayNeedApproval: z.boolean(),
  })
  .strict();
export type VoiceToolSpec = z.infer<typeof VoiceToolSpecSchema>;

export const VoiceAgentSpecSchema = z
  .object({
    name: z.string(),
    instructions: z.string(),
    handoffDescription: z.string(),
    tools: z.array(VoiceToolSpecSchema),
    /** Names of other agents in the same spec this one can hand the conversation to. */
    handoffs: z.array(z.string()),
  })
  .strict();
export type VoiceAgentSpec = z.infer<typeof VoiceAgentSpecSchema>;

/** Turn detection as the Agents SDK's session config spells it (camelCase); null = push-to-talk. */
export const TurnDetectionConfigSchema = z
  .union([
    z.object({ type: z.literal('semantic_vad'), eagerness: z.enum(['low', 'medium', 'high', 'auto']), createResponse: z.boolean(), interruptResponse: z.boolean() }).strict(),
    z
      .object({
        type: z.literal('server_vad'),
        threshold: z.number(),
        prefixPaddingMs: z.number(),
        silenceDurationMs: z.number(),
        createResponse: z.boolean(),
        interruptResponse: z.boolean(),
      })
      .strict(),
  ])
  .nullable();
export type TurnDetectionConfig = z.infer<typeof TurnDetectionConfigSchema>;

export const RealtimeStartRequestSchema = z
  .object({
    /** Overrides the transport in settings (e.g. after WebRTC failed). */
    transport: VoiceTransportSchema.optional(),
    /** Reconnecting after a dropped connection: the old session is replaced, not counted twice. */
    replacesSessionId: z.string().min(1).max(100).optional(),
  })
  .strict();

export const RealtimeStartResponseSchema = z
  .object({
    sessionId: z.string(),
    clientSecret: z.string().startsWith('ek_'),
    expiresAt: z.string(),
    transport: VoiceTransportSchema,
    /** Where the WebRTC SDP offer goes (OpenAIRealtimeWebRTC baseUrl). */
    callsUrl: z.string(),
    /** Where the WebSocket transport connects. */
    websocketUrl: z.string(),
    model: z.string(),
    voice: VoiceSchema,
    turnTaking: TurnTakingModeSchema,
    turnDetection: TurnDetectionConfigSchema,
    agents: z.array(VoiceAgentSpecSchema).min(1),
    /** The agent the session starts with. */
    startAgent: z.string(),
    /** The session is ended by main after this (the API's own limit is 60 minutes). */
    endsAt: z.string(),
  })
  .strict();
export type RealtimeStartResponse = z.infer<typeof RealtimeStartResponseSchema>;

export const RealtimeSessionStateSchema = z.enum(['starting', 'connecting', 'connected', 'reconnecting', 'ended', 'error']);
export type RealtimeSessionState = z.infer<typeof RealtimeSessionStateSchema>;

export const RealtimeSessionInfoSchema = z
  .object({
    sessionId: z.string(),
    state: RealtimeSessionStateSchema,
    createdAt: z.string(),
    transport: VoiceTransportSchema,
    model: z.string(),
    voice: VoiceSchema,
    usage: UsageSchema,
    costUsd: z.number().nullable(),
    currentAgent: z.string().nullable(),
    endReason: z.string().nullable(),
  })
  .strict();
export type RealtimeSessionInfo = z.infer<typeof RealtimeSessionInfoSchema>;

export const RealtimeToolCallRequestSchema = z
  .object({
    sessionId: z.string().min(1).max(100),
    callId: z.string().min(1).max(200),
    name: z.string().min(1).max(100),
    /** The model's arguments, as the JSON text it sent. */
    args: z.string().max(20_000),
    /** The person approved this call in the window (only for tools that may need approval). */
    approved: z.boolean().optional(),
  })
  .strict();
export const RealtimeToolCallResponseSchema = z.object({ output: z.string() }).strict();

export const RealtimeApprovalCheckSchema = z
  .object({ sessionId: z.string().min(1).max(100), name: z.string().min(1).max(100), args: z.string().max(20_000) })
  .strict();
export const RealtimeApprovalCheckResponseSchema = z.object({ needsApproval: z.boolean(), reason: z.string().nullable() }).strict();

export const TranscriptItemSchema = z
  .object({
    itemId: z.string(),
    role: z.enum(['user', 'assistant']),
    text: z.string(),
    agent: z.string().nullable(),
    interrupted: z.boolean(),
  })
  .strict();

export const RealtimeReportSchema = z
  .object({
    sessionId: z.string().min(1).max(100),
    state: RealtimeSessionStateSchema.optional(),
    usage: UsageSchema.optional(),
    currentAgent: z.string().max(200).optional(),
    /** The final transcript of finished turns (history holds final transcripts only). */
    transcript: z.array(TranscriptItemSchema).max(500).optional(),
    error: z.string().max(2000).optional(),
  })
  .strict();

export const RealtimeEndedEventSchema = z.object({ sessionId: z.string(), reason: z.string() }).strict();
