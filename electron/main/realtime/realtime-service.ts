/**
 * The realtime session registry (the `realtime:*` channels). Main decides whether a
 * voice session may start, mints its short-lived client secret with the long-lived key,
 * hands the renderer the voice agent spec, runs the voice tools for the session's owner
 * only, and ends sessions when their time is up, their window goes away, or the person
 * ends them.
 */
import { answerLanguage } from '../language.ts';
import type { z } from 'zod';
import { OPENAI_API_BASE_URL, type Voice, type VoiceTransport } from '@shared/domain';
import type {
  RealtimeApprovalCheckSchema,
  RealtimeReportSchema,
  RealtimeSessionInfo,
  RealtimeSessionState,
  RealtimeStartRequestSchema,
  RealtimeStartResponse,
  RealtimeToolCallRequestSchema,
} from '@shared/realtime';
import type { Usage } from '@shared/agents';
import { costUsd, priceFor } from '../agents/cost';
import { SlidingWindowRateLimiter } from '../agents/rate-limiter';
import type { EventBus } from '../events';
import type { Caller } from '../caller';
import { UserFacingError } from '../errors';
import { tr } from '../i18n';
import type { Logger } from '../logger';
import type { SettingsService } from '../services/settings/settings-service';
import { mintClientSecret } from './client-secrets';
import { fetchVoicePreview } from './voice-preview';
import { toApiTurnDetection, turnDetectionFor } from './turn-detection';
import { buildVoiceAgentSpecs } from './voice-agent-spec';
import type { VoiceToolRunner } from './voice-tools';

export interface RealtimeLimits {
  perWindow: number;
  total: number;
  startsPerMinute: number;
  /** The Realtime API ends a session after 60 minutes. */
  maxSessionMs: number;
  clientSecretSeconds: number;
  sweepEveryMs: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  perWindow: 1,
  total: 3,
  startsPerMinute: 5,
  maxSessionMs: 60 * 60_000,
  clientSecretSeconds: 600,
  sweepEveryMs: 30_000,
};

export interface RealtimeServiceDeps {
  settings: SettingsService;
  getApiKey: () => Promise<string | null>;
  fetch: typeof globalThis.fetch;
  events: EventBus;
  tools: VoiceToolRunner;
  log: Logger;
  now?: () => number;
  limits?: Partial<RealtimeLimits>;
  /** Where each session's transcript and tool calls are kept (the history). */
  history?: VoiceHistory;
}

/** What a voice session leaves in the history: its finished turns and its tool calls. */
export interface VoiceHistory {
  voiceTranscript(sessionId: string, turns: readonly { itemId: string; role: 'user' | 'assistant'; text: string; interrupted: boolean }[]): Promise<void>;
  voiceToolCall(sessionId: string, call: { name: string; arguments: string; output: string | null }): void;
  voiceSessionEnded(sessionId: string, turns: readonly { itemId: string; role: 'user' | 'assistant'; text: string; interrupted: boolean }[]): Promise<void>;
}

interface SessionRecord {
  id: string;
  owner: Caller;
  createdAt: number;
  endsAt: number;
  state: RealtimeSessionState;
  transport: VoiceTransport;
  model: string;
  voice: Voice;
  usage: Usage;
  currentAgent: string | null;
  transcript: z.infer<typeof RealtimeReportSchema>['transcript'];
  /** Aborts tool calls still running when the session ends. */
  controller: AbortController;
}

/** A prefetched secret is used only while it has most of its 10 minutes left. */
const PREPARED_SECRET_MAX_AGE_MS = 5 * 60_000;

const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export class RealtimeService {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly prepared = new Map<string, { configKey: string; at: number; secret: Promise<{ value: string; expiresAt: Date }> }>();
  private readonly limits: RealtimeLimits;
  private readonly starts: SlidingWindowRateLimiter;
  private readonly now: () => number;
  private readonly sweepTimer: ReturnType<typeof setInterval>;

  constructor(private readonly deps: RealtimeServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.limits = { ...DEFAULT_REALTIME_LIMITS, ...deps.limits };
    this.starts = new SlidingWindowRateLimiter(() => this.limits.startsPerMinute, this.now);
    this.sweepTimer = setInterval(() => this.sweep(), this.limits.sweepEveryMs);
    this.sweepTimer.unref?.();
  }

  async start(request: z.infer<typeof RealtimeStartRequestSchema>, caller: Caller): Promise<RealtimeStartResponse> {
    this.sweep();
    const replaced = request.replacesSessionId ? this.ownedSession(request.replacesSessionId, caller) : null;
    if (replaced) this.endSession(replaced, 'reconnecting', false);
    this.checkLimits(caller, Boolean(replaced));

    const settings = this.deps.settings.get();
    if (settings.provider.kind !== 'openai') {
      throw new UserFacingError('voice_needs_openai', tr('errors:voice.needsOpenAI'));
    }
    const apiKey = await this.deps.getApiKey();
    if (!apiKey) throw new UserFacingError('no_api_key', tr('errors:keys.missingVoice'));

    const base = (settings.provider.baseUrl ?? OPENAI_API_BASE_URL).replace(/\/+$/, '');
    const model = settings.models.realtime;
    const voice = settings.voice.voice;
    const transport = request.transport ?? settings.voice.transport;
    const turnDetection = turnDetectionFor(settings.voice.turnTaking, settings.voice.serverVad);
    const { agents, startAgent } = buildVoiceAgentSpecs({ enableSpecialistTools: settings.voice.enableSpecialistTools, language: answerLanguage(settings.language) });
    const entry = agents.find((a) => a.name === startAgent)!;

    const session = {
      type: 'realtime',
      model,
      instructions: entry.instructions,
      audio: {
        input: { turn_detection: toApiTurnDetection(turnDetection), noise_reduction: { type: 'near_field' }, transcription: { model: 'gpt-4o-mini-transcribe' } },
        output: { voice },
      },
    };
    const secret = (await this.takePrepared(caller, JSON.stringify([base, session]))) ?? (await this.mint(base, apiKey, session));

    const createdAt = this.now();
    const record: SessionRecord = {
      id: `rt_${crypto.randomUUID()}`,
      owner: caller,
      createdAt,
      endsAt: createdAt + this.limits.maxSessionMs,
      state: 'connecting',
      transport,
      model,
      voice,
      usage: { ...ZERO_USAGE },
      currentAgent: startAgent,
      transcript: [],
      controller: new AbortController(),
    };
    this.sessions.set(record.id, record);
    this.deps.log.info('voice session started', { sessionId: record.id, owner: caller.id, transport });

    return {
      sessionId: record.id,
      clientSecret: secret.value,
      expiresAt: secret.expiresAt.toISOString(),
      transport,
      callsUrl: `${base}/realtime/calls`,
      websocketUrl: `${base.replace(/^http/, 'ws')}/realtime?model=${encodeURIComponent(model)}`,
      model,
      voice,
      turnTaking: settings.voice.turnTaking,
      turnDetection,
      agents,
      startAgent,
      endsAt: new Date(record.endsAt).toISOString(),
    };
  }

  /**
   * Mints a client secret ahead of a likely start (the Voice screen or the HUD opened), so
   * Start does not wait for the round trip to OpenAI. Kept for this window only, used once,
   * and only while the settings it was made for are unchanged.
   */
  async prepare(caller: Caller): Promise<{ ok: true }> {
    // Nothing to prepare for a start that would be refused anyway.
    const live = [...this.sessions.values()];
    const ownLive = live.filter((s) => s.owner.id === caller.id).length;
    if (ownLive >= this.limits.perWindow || live.length >= this.limits.total || this.starts.waitMs() > 0) return { ok: true };
    const settings = this.deps.settings.get();
    // A key not checked with this server is refused at Start, with the reason; not here.
    const apiKey = await this.deps.getApiKey().catch(() => null);
    if (settings.provider.kind !== 'openai' || !apiKey) return { ok: true };
    const base = (settings.provider.baseUrl ?? OPENAI_API_BASE_URL).replace(/\/+$/, '');
    const { agents, startAgent } = buildVoiceAgentSpecs({ enableSpecialistTools: settings.voice.enableSpecialistTools, language: answerLanguage(settings.language) });
    const session = {
      type: 'realtime',
      model: settings.models.realtime,
      instructions: agents.find((a) => a.name === startAgent)!.instructions,
      audio: {
        input: {
          turn_detection: toApiTurnDetection(turnDetectionFor(settings.voice.turnTaking, settings.voice.serverVad)),
          noise_reduction: { type: 'near_field' },
          transcription: { model: 'gpt-4o-mini-transcribe' },
        },
        output: { voice: settings.voice.voice },
      },
    };
    const configKey = JSON.stringify([base, session]);
    const existing = this.prepared.get(caller.id);
    if (existing && existing.configKey === configKey && this.now() - existing.at < PREPARED_SECRET_MAX_AGE_MS) return { ok: true };
    const secret = this.mint(base, apiKey, session);
    // A failed prefetch is forgotten quietly: Start will mint again and report any error.
    secret.catch(() => this.prepared.delete(caller.id));
    this.prepared.set(caller.id, { configKey, at: this.now(), secret });
    return { ok: true };
  }

  /** A short sample of a voice for Settings (OpenAI's speech endpoint, with the key kept in main). */
  async preview(voice: Voice): Promise<{ mimeType: string; audioBase64: string }> {
    const settings = this.deps.settings.get();
    if (settings.provider.kind !== 'openai') {
      throw new UserFacingError('voice_needs_openai', tr('errors:voice.samplesNeedOpenAI'));
    }
    const apiKey = await this.deps.getApiKey();
    if (!apiKey) throw new UserFacingError('no_api_key', tr('errors:keys.missing'));
    return fetchVoicePreview({ voice, baseUrl: settings.provider.baseUrl ?? OPENAI_API_BASE_URL, apiKey, fetch: this.deps.fetch });
  }

  list(caller: Caller): RealtimeSessionInfo[] {
    this.sweep();
    const pricing = this.deps.settings.get().pricing;
    return [...this.sessions.values()]
      .filter((s) => s.owner.id === caller.id)
      .map((s) => ({
        sessionId: s.id,
        state: s.state,
        createdAt: new Date(s.createdAt).toISOString(),
        transport: s.transport,
        model: s.model,
        voice: s.voice,
        usage: { ...s.usage },
        costUsd: costUsd(s.usage, priceFor(pricing, s.model)),
        currentAgent: s.currentAgent,
        endReason: null,
      }));
  }

  end(sessionId: string, caller: Caller): { ok: true } {
    const record = this.ownedSession(sessionId, caller);
    if (!record) throw new UserFacingError('session_not_found', tr('errors:voice.alreadyEnded'));
    this.endSession(record, tr('errors:voice.endedFromList'), true);
    return { ok: true };
  }

  async toolCall(request: z.infer<typeof RealtimeToolCallRequestSchema>, caller: Caller): Promise<{ output: string }> {
    const record = this.liveSession(request.sessionId, caller);
    let output: string;
    try {
      output = await this.deps.tools.run(request.name, request.args, {
        caller,
        sessionId: record.id,
        approved: request.approved ?? false,
        signal: record.controller.signal,
      });
    } catch (err) {
      this.deps.history?.voiceToolCall(record.id, { name: request.name, arguments: request.args, output: null });
      throw err;
    }
    this.deps.history?.voiceToolCall(record.id, { name: request.name, arguments: request.args, output });
    // The session may have ended while the tool ran: the result has nowhere to go.
    if (!this.sessions.has(record.id)) throw new UserFacingError('session_ended', tr('errors:voice.endedBeforeTool'));
    return { output };
  }

  async checkApproval(request: z.infer<typeof RealtimeApprovalCheckSchema>, caller: Caller): Promise<{ needsApproval: boolean; reason: string | null }> {
    this.liveSession(request.sessionId, caller);
    return this.deps.tools.checkApproval(request.name, request.args);
  }

  report(request: z.infer<typeof RealtimeReportSchema>, caller: Caller): { ok: true } {
    const record = this.ownedSession(request.sessionId, caller);
    if (!record) throw new UserFacingError('session_not_found', tr('errors:voice.alreadyEnded'));
    if (request.usage) record.usage = { ...request.usage };
    if (request.currentAgent) record.currentAgent = request.currentAgent;
    if (request.transcript) {
      record.transcript = request.transcript;
      this.keepTranscript(record.id, request.transcript);
    }
    if (request.state === 'ended' || request.state === 'error') {
      this.endSession(record, request.error ?? (request.state === 'error' ? tr('errors:voice.connectionFailed') : tr('errors:voice.endedInWindow')), false);
    } else if (request.state) {
      record.state = request.state;
    }
    return { ok: true };
  }

  /** Every session ends (Delete all my data: nothing said after it may be filed under before). */
  endAll(reason: string): string[] {
    const ended = [...this.sessions.values()];
    for (const record of ended) this.endSession(record, reason, true);
    return ended.map((r) => r.id);
  }

  /** The window closed or reloaded: its sessions go with it. */
  endAllFor(ownerId: string, reason: string): void {
    this.prepared.delete(ownerId);
    for (const record of [...this.sessions.values()]) if (record.owner.id === ownerId) this.endSession(record, reason, false);
  }

  /** Ends sessions past the API's time limit. Runs on a timer and before every start. */
  sweep(): void {
    const now = this.now();
    for (const record of [...this.sessions.values()]) {
      if (now >= record.endsAt) this.endSession(record, tr('errors:voice.maxLength'), true);
    }
  }

  dispose(): void {
    clearInterval(this.sweepTimer);
    for (const record of [...this.sessions.values()]) this.endSession(record, tr('errors:mcp.quitting'), true);
  }

  private checkLimits(caller: Caller, isReconnect: boolean): void {
    const live = [...this.sessions.values()];
    if (live.filter((s) => s.owner.id === caller.id).length >= this.limits.perWindow) {
      throw new UserFacingError('voice_session_exists', tr('errors:voice.alreadyRunning'));
    }
    if (live.length >= this.limits.total) {
      throw new UserFacingError('voice_too_many_sessions', tr('errors:voice.tooMany', { count: this.limits.total }));
    }
    if (isReconnect) return;
    const waitMs = this.starts.tryAcquire();
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new UserFacingError(
        'voice_start_rate_limited',
        tr('errors:voice.startRateLimited', { starts: this.limits.startsPerMinute, count: seconds }),
      );
    }
  }

  private mint(baseUrl: string, apiKey: string, session: Record<string, unknown>): Promise<{ value: string; expiresAt: Date }> {
    return mintClientSecret({ baseUrl, apiKey, fetch: this.deps.fetch, expiresInSeconds: this.limits.clientSecretSeconds, session });
  }

  /** A prefetched secret for exactly this configuration, if one is fresh; used at most once. */
  private async takePrepared(caller: Caller, configKey: string): Promise<{ value: string; expiresAt: Date } | null> {
    const entry = this.prepared.get(caller.id);
    if (!entry) return null;
    this.prepared.delete(caller.id);
    if (entry.configKey !== configKey || this.now() - entry.at >= PREPARED_SECRET_MAX_AGE_MS) return null;
    return entry.secret.catch(() => null);
  }

  private ownedSession(sessionId: string, caller: Caller): SessionRecord | null {
    const record = this.sessions.get(sessionId);
    return record && record.owner.id === caller.id ? record : null;
  }

  private liveSession(sessionId: string, caller: Caller): SessionRecord {
    const record = this.ownedSession(sessionId, caller);
    if (!record) throw new UserFacingError('session_ended', tr('errors:voice.notRunning'));
    return record;
  }

  private keepTranscript(sessionId: string, transcript: SessionRecord['transcript']): void {
    this.deps.history?.voiceTranscript(sessionId, transcript ?? []).catch((err: unknown) => this.deps.log.warn('a voice transcript could not be kept', { problem: err instanceof Error ? err.message : String(err) }));
  }

  private endSession(record: SessionRecord, reason: string, tellRenderer: boolean): void {
    if (!this.sessions.delete(record.id)) return;
    this.deps.history?.voiceSessionEnded(record.id, record.transcript ?? []).catch((err: unknown) => this.deps.log.warn('a voice transcript could not be kept', { problem: err instanceof Error ? err.message : String(err) }));
    record.controller.abort();
    record.state = 'ended';
    this.deps.log.info('voice session ended', { sessionId: record.id, reason });
    if (tellRenderer) this.deps.events.emit('realtime:ended', { sessionId: record.id, reason }, record.owner.id);
  }
}
