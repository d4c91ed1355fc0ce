// The realtime session object: what clients may send (mint body, session.update), checked as
// strictly as the real API (unknown or camelCase fields are refused), and the full session
// the server echoes back with every default filled in.
import { z } from 'zod';
import { newId } from './ids.ts';

/** Voices the Realtime API speaks with (`fable`, `onyx`, `nova` are TTS-only). */
export const REALTIME_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;

const audioFormat = z.strictObject({
  type: z.enum(['audio/pcm', 'audio/pcmu', 'audio/pcma']),
  rate: z.literal(24_000).optional(),
});

const commonVad = {
  create_response: z.boolean().optional(),
  interrupt_response: z.boolean().optional(),
  idle_timeout_ms: z.number().int().min(5_000).max(30_000).nullable().optional(),
};

const turnDetection = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('server_vad'),
    threshold: z.number().min(0).max(1).optional(),
    prefix_padding_ms: z.number().int().min(0).optional(),
    silence_duration_ms: z.number().int().min(0).optional(),
    ...commonVad,
  }),
  z.strictObject({
    type: z.literal('semantic_vad'),
    eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
    ...commonVad,
  }),
]);

const functionTool = z.strictObject({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
// MCP tools carry many connector fields; only their type is checked here.
const mcpTool = z.looseObject({ type: z.literal('mcp'), server_label: z.string() });

const sessionFields = {
  type: z.literal('realtime'),
  model: z.string().optional(),
  instructions: z.string().optional(),
  output_modalities: z.array(z.enum(['audio', 'text'])).optional(),
  audio: z
    .strictObject({
      input: z
        .strictObject({
          format: audioFormat.optional(),
          noise_reduction: z.strictObject({ type: z.enum(['near_field', 'far_field']) }).nullable().optional(),
          transcription: z
            .strictObject({ model: z.string().optional(), language: z.string().optional(), prompt: z.string().optional() })
            .nullable()
            .optional(),
          turn_detection: turnDetection.nullable().optional(),
        })
        .optional(),
      output: z
        .strictObject({
          format: audioFormat.optional(),
          voice: z.enum(REALTIME_VOICES).optional(),
          speed: z.number().min(0.25).max(1.5).optional(),
        })
        .optional(),
    })
    .optional(),
  tools: z.array(z.union([functionTool, mcpTool])).optional(),
  tool_choice: z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.string() })]).optional(),
  parallel_tool_calls: z.boolean().optional(),
  max_output_tokens: z.union([z.number().int().min(1).max(4096), z.literal('inf')]).optional(),
  tracing: z
    .union([
      z.literal('auto'),
      z.strictObject({ workflow_name: z.string().optional(), group_id: z.string().optional(), metadata: z.unknown().optional() }),
    ])
    .nullable()
    .optional(),
  truncation: z.unknown().optional(),
  prompt: z.unknown().optional(),
  include: z.array(z.enum(['item.input_audio_transcription.logprobs'])).nullable().optional(),
  reasoning: z.unknown().optional(),
};

/** `session` in a `session.update` event. */
export const sessionUpdateSchema = z.strictObject(sessionFields);
/** `session` when minting a client secret: the model is required there. */
export const sessionCreateSchema = z.strictObject({ ...sessionFields, model: z.string() });

export type SessionPatch = z.infer<typeof sessionUpdateSchema>;
export type TurnDetection = z.infer<typeof turnDetection>;

/** The session as the server reports it (snake_case, every field present). */
export type RealtimeSessionConfig = {
  type: 'realtime';
  object: 'realtime.session';
  id: string;
  model: string;
  output_modalities: ('audio' | 'text')[];
  instructions: string;
  tools: unknown[];
  tool_choice: unknown;
  max_output_tokens: number | 'inf';
  tracing: unknown;
  truncation: unknown;
  prompt: unknown;
  include: unknown;
  expires_at: number;
  audio: {
    input: {
      format: { type: string; rate?: number };
      noise_reduction: { type: string } | null;
      transcription: { model?: string; language?: string; prompt?: string } | null;
      turn_detection: (TurnDetection & Record<string, unknown>) | null;
    };
    output: { format: { type: string; rate?: number }; voice: string; speed: number };
  };
  [field: string]: unknown;
};

const DEFAULT_INSTRUCTIONS =
  "Your knowledge cutoff is 2023-10. You are a helpful, witty, and friendly AI. Act like a human, but remember that you aren't a human.";

export function defaultSession(model: string, expiresAt: number): RealtimeSessionConfig {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: newId('sess'),
    model,
    output_modalities: ['audio'],
    instructions: DEFAULT_INSTRUCTIONS,
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    include: null,
    expires_at: expiresAt,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24_000 },
        noise_reduction: null,
        transcription: null,
        turn_detection: withVadDefaults({ type: 'server_vad' }),
      },
      output: { format: { type: 'audio/pcm', rate: 24_000 }, voice: 'alloy', speed: 1 },
    },
  };
}

/** The real server reports turn detection with its defaults filled in (the SDK reads them). */
function withVadDefaults(detection: TurnDetection): RealtimeSessionConfig['audio']['input']['turn_detection'] {
  const common = { create_response: true, interrupt_response: true };
  if (detection.type === 'server_vad') {
    return { ...common, threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500, idle_timeout_ms: null, ...detection };
  }
  return { ...common, eagerness: 'auto', ...detection };
}

/** Applies a validated patch: top-level fields replace, `audio.input/output` merge field by field. */
export function applySessionPatch(session: RealtimeSessionConfig, patch: SessionPatch): RealtimeSessionConfig {
  const { audio, ...rest } = patch;
  const next: RealtimeSessionConfig = { ...session, ...stripUndefined(rest), type: 'realtime' };
  const input = audio?.input ?? {};
  const output = audio?.output ?? {};
  next.audio = {
    input: {
      ...session.audio.input,
      ...stripUndefined({ ...input, turn_detection: undefined }),
      turn_detection:
        input.turn_detection === undefined
          ? session.audio.input.turn_detection
          : input.turn_detection && withVadDefaults(input.turn_detection),
    },
    output: { ...session.audio.output, ...stripUndefined(output) },
  };
  return next;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
