/** Domain constants shared by main and renderer: one list each, so UI and schemas agree. */
import { z } from 'zod';

/** Voices the Realtime API accepts (openai@7 types). `fable`, `onyx`, `nova` are TTS-only. */
export const REALTIME_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;
export const VoiceSchema = z.enum(REALTIME_VOICES);
export type Voice = z.infer<typeof VoiceSchema>;
export const DEFAULT_VOICE: Voice = 'marin';

/** FROK's own five specialists. */
export const SPECIALIST_IDS = ['home', 'memory', 'research', 'code', 'general'] as const;
export const BuiltInSpecialistIdSchema = z.enum(SPECIALIST_IDS);
export type BuiltInSpecialistId = z.infer<typeof BuiltInSpecialistIdSchema>;
/** A specialist made of one of the person's MCP servers (Settings → Tools): `mcp:<server id>`. */
export const McpSpecialistIdSchema = z.templateLiteral(['mcp:', z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/)]);
export const SpecialistIdSchema = z.union([BuiltInSpecialistIdSchema, McpSpecialistIdSchema]);
export type SpecialistId = z.infer<typeof SpecialistIdSchema>;
export const isBuiltInSpecialist = (id: SpecialistId): id is BuiltInSpecialistId => (SPECIALIST_IDS as readonly string[]).includes(id);

/** How the specialists are used: see DESIGN.md "The agents". */
export const AGENT_PATTERNS = ['manager', 'handoffs', 'hybrid'] as const;
export const AgentPatternSchema = z.enum(AGENT_PATTERNS);
export type AgentPattern = z.infer<typeof AgentPatternSchema>;

/** Turn-taking modes offered to the person; `server-vad` exposes threshold and silence under Advanced. */
export const TURN_TAKING_MODES = ['standard', 'aggressive', 'patient', 'push-to-talk', 'server-vad'] as const;
export const TurnTakingModeSchema = z.enum(TURN_TAKING_MODES);
export type TurnTakingMode = z.infer<typeof TurnTakingModeSchema>;

export const VOICE_TRANSPORTS = ['webrtc', 'websocket'] as const;
export const VoiceTransportSchema = z.enum(VOICE_TRANSPORTS);
export type VoiceTransport = z.infer<typeof VoiceTransportSchema>;

export const PROVIDER_KINDS = ['openai', 'openai-compatible'] as const;
export const ProviderKindSchema = z.enum(PROVIDER_KINDS);
export type ProviderKind = z.infer<typeof ProviderKindSchema>;

export const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';

/** Secrets the app keeps; the renderer only ever learns whether each is set and its last four characters. */
export const SECRET_NAMES = ['openaiApiKey', 'compatibleApiKey', 'homeAssistantToken'] as const;
export const AppSecretNameSchema = z.enum(SECRET_NAMES);
export type AppSecretName = z.infer<typeof AppSecretNameSchema>;

/**
 * A secret of one of the person's MCP servers (Settings → Tools), keyed by the server's id:
 * an environment value, a header value, its bearer token, or its OAuth tokens / client.
 * These are never listed in SecretsStatus; the MCP service reports which are set.
 */
export type McpSecretName =
  | `mcp:${string}:env:${string}`
  | `mcp:${string}:header:${string}`
  | `mcp:${string}:bearer`
  | `mcp:${string}:oauth-tokens`
  | `mcp:${string}:oauth-client`;
const MCP_SECRET_NAME = /^mcp:[a-z0-9][a-z0-9-]{0,39}:(env:[A-Za-z_][A-Za-z0-9_]{0,127}|header:[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}|bearer|oauth-tokens|oauth-client)$/;
export const McpSecretNameSchema = z.custom<McpSecretName>((value) => typeof value === 'string' && MCP_SECRET_NAME.test(value), 'not an MCP secret name');

/** Secrets only main ever names: the key that encrypts FROK's data (history, memories, runs). */
export const INTERNAL_SECRET_NAMES = ['dataKey'] as const;
export type InternalSecretName = (typeof INTERNAL_SECRET_NAMES)[number];

export const SecretNameSchema = z.union([AppSecretNameSchema, McpSecretNameSchema, z.enum(INTERNAL_SECRET_NAMES)]);
export type SecretName = AppSecretName | McpSecretName | InternalSecretName;

/**
 * The secret that holds a provider's key. An OpenAI-compatible server gets a key of its own,
 * kept apart from the OpenAI key, so choosing or checking one never replaces or sends the other.
 */
export function providerKeyName(kind: ProviderKind): 'openaiApiKey' | 'compatibleApiKey' {
  return kind === 'openai' ? 'openaiApiKey' : 'compatibleApiKey';
}
