/**
 * Main's view of the voice sessions beyond the registry: what each is doing right now
 * (listening, thinking, speaking — for the tray), and what it cost when it ended (for the
 * budget). It sits in front of RealtimeService's start and report without changing them:
 * start first checks the microphone permission, report is passed on and then observed.
 */
import type { z } from 'zod';
import type { Usage } from '@shared/agents';
import type { VoiceActivity, VoiceActivityReportSchema } from '@shared/desktop';
import type { RealtimeReportSchema, RealtimeStartRequestSchema, RealtimeStartResponse } from '@shared/realtime';
import type { ModelPrice } from '@shared/settings';
import { costUsd, priceFor } from '../../agents/cost';
import type { Caller } from '../../caller';
import { UserFacingError } from '../../errors';
import { tr } from '../../i18n';
import type { Logger } from '../../logger';
import { microphoneDeniedMessage } from './microphone-access';

type StartRequest = z.infer<typeof RealtimeStartRequestSchema>;
type ReportRequest = z.infer<typeof RealtimeReportSchema>;

interface LiveSession {
  owner: Caller;
  model: string;
  usage: Usage | null;
  activity: VoiceActivity;
}

export interface VoiceSessionsDeps {
  start(request: StartRequest, caller: Caller): Promise<RealtimeStartResponse>;
  report(request: ReportRequest, caller: Caller): { ok: true };
  /** Resolves false when the system refuses FROK the microphone (macOS). */
  microphoneAccess?: () => Promise<boolean>;
  pricing(): Record<string, ModelPrice>;
  /** A session ended; its cost (null when its model has no price). */
  onCost(costUsd: number | null): void;
  /** What the sessions are doing changed. */
  onChange(): void;
  log: Logger;
}

export class VoiceSessions {
  private readonly live = new Map<string, LiveSession>();

  constructor(private readonly deps: VoiceSessionsDeps) {}

  async start(request: StartRequest, caller: Caller): Promise<RealtimeStartResponse> {
    if (this.deps.microphoneAccess && !(await this.deps.microphoneAccess())) {
      throw new UserFacingError('microphone_denied', microphoneDeniedMessage());
    }
    const response = await this.deps.start(request, caller);
    // A reconnect replaces the old session, whose usage ends with it.
    if (request.replacesSessionId && this.live.get(request.replacesSessionId)?.owner.id === caller.id) this.finish(request.replacesSessionId);
    this.live.set(response.sessionId, { owner: caller, model: response.model, usage: null, activity: 'listening' });
    this.deps.onChange();
    return response;
  }

  report(request: ReportRequest, caller: Caller): { ok: true } {
    const result = this.deps.report(request, caller);
    const session = this.live.get(request.sessionId);
    if (session && session.owner.id === caller.id) {
      if (request.usage) session.usage = { ...request.usage };
      if (request.state === 'ended' || request.state === 'error') this.finish(request.sessionId);
    }
    return result;
  }

  activity(request: z.infer<typeof VoiceActivityReportSchema>, caller: Caller): { ok: true } {
    const session = this.live.get(request.sessionId);
    if (!session || session.owner.id !== caller.id) {
      throw new UserFacingError('session_not_found', tr('errors:voice.alreadyEnded'));
    }
    if (session.activity !== request.activity) {
      session.activity = request.activity;
      this.deps.onChange();
    }
    return { ok: true };
  }

  /** The registry ended a session itself (time limit, Sessions list, quit). */
  ended(sessionId: string): void {
    this.finish(sessionId);
  }

  /** A window closed or reloaded: its sessions ended with it. */
  ownerGone(callerId: string): void {
    for (const [id, session] of [...this.live]) if (session.owner.id === callerId) this.finish(id);
  }

  activities(): VoiceActivity[] {
    return [...this.live.values()].map((s) => s.activity);
  }

  /** Whether a session owned by a window of this kind is running (the tray's Stop voice is for the HUD's). */
  runningIn(kind: Caller['kind']): boolean {
    return [...this.live.values()].some((s) => s.owner.kind === kind);
  }

  /** Quitting: whatever is still open has ended. */
  dispose(): void {
    for (const id of [...this.live.keys()]) this.finish(id);
  }

  private finish(sessionId: string): void {
    const session = this.live.get(sessionId);
    if (!session) return;
    this.live.delete(sessionId);
    if (session.usage) this.deps.onCost(costUsd(session.usage, priceFor(this.deps.pricing(), session.model)));
    this.deps.onChange();
  }
}
