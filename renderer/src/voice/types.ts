/** What the Voice screen shows about a voice session, as plain data the controller publishes. */
import type { Usage } from '@shared/agents';
import type { TurnTakingMode, VoiceTransport } from '@shared/domain';

export type VoiceState =
  | 'idle'
  | 'connecting'
  | 'listening'
  | 'user-speaking'
  | 'thinking'
  | 'assistant-speaking'
  | 'interrupted'
  | 'reconnecting'
  | 'error'
  | 'ended';

/** States in which a session is open (or being opened) and End makes sense. */
export const LIVE_STATES: ReadonlySet<VoiceState> = new Set([
  'connecting',
  'listening',
  'user-speaking',
  'thinking',
  'assistant-speaking',
  'interrupted',
  'reconnecting',
]);

export interface TranscriptTurn {
  /** Unique across reconnects: `<connection>:<item id>`. */
  key: string;
  itemId: string;
  role: 'user' | 'assistant';
  text: string;
  /** The agent that spoke (assistant turns). */
  agent: string | null;
  /** The final transcript arrived (or the turn was cut off); live deltas are not final. */
  final: boolean;
  /** The assistant was cut off, by the person talking over it or by Stop. */
  interrupted: boolean;
}

/** A tool call waiting for the person's OK (e.g. unlocking a door). */
export interface PendingApproval {
  id: string;
  toolName: string;
  /** What the tool would do, in words from main; null when main gave none. */
  reason: string | null;
}

export interface VoiceSnapshot {
  state: VoiceState;
  sessionId: string | null;
  transport: VoiceTransport | null;
  turnTaking: TurnTakingMode | null;
  model: string | null;
  turns: TranscriptTurn[];
  /** The agent currently speaking for FROK (changes after a handoff). */
  agent: string | null;
  /** A tool running right now (the state is `thinking` meanwhile). */
  tool: string | null;
  muted: boolean;
  /** Push-to-talk: the talk key or button is held. */
  talking: boolean;
  usage: Usage;
  /** When the current session started (epoch ms), for the timer. */
  startedAt: number | null;
  endsAt: number | null;
  /** Something went wrong that the person must act on (role=alert). */
  error: string | null;
  /** Something worth knowing that needs no action (reconnecting, ended from elsewhere). */
  notice: string | null;
  approvals: PendingApproval[];
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export const IDLE_SNAPSHOT: VoiceSnapshot = {
  state: 'idle',
  sessionId: null,
  transport: null,
  turnTaking: null,
  model: null,
  turns: [],
  agent: null,
  tool: null,
  muted: false,
  talking: false,
  usage: ZERO_USAGE,
  startedAt: null,
  endsAt: null,
  error: null,
  notice: null,
  approvals: [],
};
