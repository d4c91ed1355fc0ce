/**
 * Runs the specialist team for a typed question (the `agent:*` channels): picks the
 * pattern, builds the agents for this run with the current settings (so a change of
 * provider, model or specialists applies without a restart), streams the answer and
 * every step of the run as activity events, waits for the person on sensitive actions,
 * and reports what ran, for how long and at what cost.
 */
import { answerLanguage } from '../language.ts';
import OpenAI from 'openai';
import {
  OpenAIProvider,
  Runner,
  assistant,
  setTracingDisabled,
  setTracingExportApiKey,
  user,
  type AgentInputItem,
  type Agent,
  type RunState,
  type StreamedRunResult,
  type RunToolApprovalItem,
} from '@openai/agents';
import type { AgentConfig, AskRequest, AskResult, Conversation, Usage } from '@shared/agents';
import { AGENT_PATTERNS, OPENAI_API_BASE_URL, SPECIALIST_IDS } from '@shared/domain';
import type { Settings } from '@shared/settings';
import type { EventBus } from '../events';
import { IPC_ERROR_CODES } from '@shared/ipc/result';
import { UserFacingError } from '../errors';
import { tr } from '../i18n';
import type { Caller } from '../caller';
import type { Logger } from '../logger';
import type { SettingsService } from '../services/settings/settings-service';
import { ApprovalBroker } from './approvals';
import { addUsage, costUsd, priceFor } from './cost';
import { explainRunError, withoutNoCreditRetries } from './model-errors';
import { reportingModelProvider, type ModelFailure } from './model-failures';
import { buildOrchestrator, PATTERN_DESCRIPTIONS } from './patterns';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { RunTracker, summarize, type ActivityDraft } from './run-tracker';
import { Roster } from './specialist-catalog';
import { buildSpecialists, enabledMcpSpecialists, type BuiltSpecialist, type SpecialistToolbox } from './specialists';

export interface AgentServiceDeps {
  settings: SettingsService;
  /** The OpenAI (or compatible server's) key; read from the keychain for each run. */
  getApiKey: () => Promise<string | null>;
  toolbox: SpecialistToolbox;
  events: EventBus;
  log: Logger;
  /** The HTTP client for model calls (the test harness routes it to local fakes). */
  fetch?: typeof globalThis.fetch;
  /** Wall-clock ms for event timestamps. */
  now?: () => number;
  /** For tests: the openai client's own retries and timeout. */
  client?: { maxRetries?: number; timeoutMs?: number };
  approvalTimeoutMs?: number;
  /** What an approval would do, in the person's words ("Unlock Front Door (Hallway)?"); null when the tool's owner cannot say. */
  describeApproval?: (toolName: string, args: unknown) => string | null;
  /** Where conversations are kept (the encrypted history); without it they last until the service goes. */
  history?: ConversationHistory;
}

/** What the agents need of the conversation history: a conversation's turns, and adding one. */
export interface ConversationHistory {
  turns(id: string): Promise<Conversation | null>;
  record(conversationId: string, kind: 'typed', message: { role: 'user' | 'assistant'; text: string; runId: string | null; cutOff?: boolean; helpers?: string[] }, at?: number): Promise<void>;
}

/** Conversations in memory only, for services composed without a history (some unit tests). */
export function conversationsInMemory(): ConversationHistory {
  const all = new Map<string, Conversation>();
  return {
    turns: async (id) => {
      const c = all.get(id);
      return c ? { id, turns: c.turns.map((t) => ({ ...t })) } : null;
    },
    record: async (id, _kind, m, at = Date.now()) => {
      const c = all.get(id) ?? { id, turns: [] };
      c.turns.push({ role: m.role, text: m.text, at: new Date(at).toISOString(), runId: m.runId, ...(m.cutOff ? { cutOff: true } : {}) });
      all.set(id, c);
    },
  };
}

interface ActiveRun {
  controller: AbortController;
  /** The id of the window (or harness connection) that started the run: its owner. */
  caller: string;
}

/** Refused when a window other than the run's own (or the main window) tries to steer it. */
export const NOT_YOUR_RUN = IPC_ERROR_CODES.notYourRun;

export class AgentService {
  private readonly conversations: ConversationHistory;
  private readonly approvals: ApprovalBroker;
  private readonly limiter: SlidingWindowRateLimiter;
  private readonly active = new Map<string, ActiveRun>();
  /** Which window started each conversation this session; one read from disk has none, so only the main window reaches it. */
  private readonly conversationOwners = new Map<string, string>();
  private provider: { key: string; provider: OpenAIProvider } | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: AgentServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.conversations = deps.history ?? conversationsInMemory();
    this.approvals = new ApprovalBroker(deps.approvalTimeoutMs);
    this.limiter = new SlidingWindowRateLimiter(() => deps.settings.get().agents.asksPerMinute, this.now);
  }

  async config(): Promise<AgentConfig> {
    const settings = this.deps.settings.get();
    const built = await buildSpecialists({
      providerKind: settings.provider.kind,
      model: settings.models.text,
      toolbox: this.deps.toolbox,
      enabled: [...SPECIALIST_IDS, ...enabledMcpSpecialists(this.deps.toolbox)],
      language: answerLanguage(settings.language),
    });
    return {
      defaultPattern: settings.agents.defaultPattern,
      patterns: AGENT_PATTERNS.map((id) => ({ id, ...PATTERN_DESCRIPTIONS[id] })),
      specialists: built.map((s) => ({
        id: s.id,
        name: s.profile.name,
        description: s.description,
        // A server's specialist is on while the server is (Settings → Tools).
        enabled: s.id.startsWith('mcp:') || (settings.agents.enabledSpecialists as readonly string[]).includes(s.id),
        available: s.available,
        unavailableReason: s.unavailableReason,
        tools: s.toolNames,
      })),
    };
  }

  async conversation(id: string, caller: Caller): Promise<Conversation> {
    const c = await this.conversations.turns(id);
    if (c) this.checkConversationOwner(id, caller);
    if (!c) throw new UserFacingError('conversation_not_found', tr('errors:conversations.notAvailable'));
    return c;
  }

  cancel(runId: string, caller: Caller): { cancelled: boolean } {
    const run = this.active.get(runId);
    if (!run) return { cancelled: false };
    this.checkOwner(run, caller);
    run.controller.abort();
    return { cancelled: true };
  }

  /** Every run stops (Delete all my data: no answer may be kept after it). */
  cancelAll(): void {
    for (const run of this.active.values()) run.controller.abort();
  }

  /** The window that started these runs has gone: nobody is left to see them or answer their approvals. */
  cancelAllFor(callerId: string): number {
    let cancelled = 0;
    for (const run of this.active.values()) {
      if (run.caller !== callerId) continue;
      run.controller.abort();
      cancelled += 1;
    }
    return cancelled;
  }

  decideApproval(runId: string, approvalId: string, approve: boolean, caller: Caller): { ok: true } {
    const run = this.active.get(runId);
    if (run) this.checkOwner(run, caller);
    this.approvals.decide(runId, approvalId, approve);
    return { ok: true };
  }

  /**
   * A run belongs to the window that started it. The main window may steer any run: it
   * shows the approvals of quick-ask and HUD runs. Nobody else may cancel or answer it.
   */
  /** A voice session's conversation belongs to the window running the session (main checked it). */
  claimConversation(id: string, caller: Caller): void {
    if (!this.conversationOwners.has(id)) this.conversationOwners.set(id, caller.id);
  }

  /** A conversation is read and continued only by the window that started it, or the main window. */
  private checkConversationOwner(id: string, caller: Caller): void {
    if (caller.kind === 'main' || this.conversationOwners.get(id) === caller.id) return;
    throw new UserFacingError(NOT_YOUR_RUN, tr('errors:runs.otherWindowConversation'));
  }

  private checkOwner(run: ActiveRun, caller: Caller): void {
    if (run.caller === caller.id || caller.kind === 'main') return;
    throw new UserFacingError(NOT_YOUR_RUN, tr('errors:runs.otherWindowRequest'));
  }

  async dispose(): Promise<void> {
    for (const run of this.active.values()) run.controller.abort();
    this.approvals.rejectAll();
    await this.provider?.provider.close().catch(() => undefined);
  }

  async ask(request: AskRequest, caller: Caller): Promise<AskResult> {
    const settings = this.deps.settings.get();
    const waitMs = this.limiter.tryAcquire();
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new UserFacingError(
        'rate_limited',
        tr('errors:runs.rateLimited', { asks: settings.agents.asksPerMinute, count: seconds }),
      );
    }
    const runId = request.runId ?? crypto.randomUUID();
    if (this.active.has(runId)) throw new UserFacingError('run_exists', tr('errors:runs.exists'));

    const provider = await this.providerFor(settings);
    const pattern = request.pattern ?? settings.agents.defaultPattern;
    // A per-question choice (the chips by the input box) wins over the default in Settings.
    const enabled = request.enabledSpecialists ?? [...settings.agents.enabledSpecialists, ...enabledMcpSpecialists(this.deps.toolbox)];
    if (enabled.length === 0) throw new UserFacingError('no_specialists', tr('errors:runs.noSpecialists'));

    const earlier = request.conversationId !== undefined ? await this.conversations.turns(request.conversationId) : null;
    if (earlier) this.checkConversationOwner(earlier.id, caller);
    const conversation: Conversation = earlier ?? { id: request.conversationId ?? crypto.randomUUID(), turns: [] };
    if (!this.conversationOwners.has(conversation.id)) this.conversationOwners.set(conversation.id, caller.id);
    const history: AgentInputItem[] = conversation.turns.map((t) => (t.role === 'user' ? user(t.text) : assistant(t.text)));
    const controller = new AbortController();
    this.active.set(runId, { controller, caller: caller.id });

    const startedAt = this.now();
    const clock = performance.now.bind(performance);
    const t0 = clock();
    // The activity carries the question: only the run's own window and the main window see it.
    const audience = { owner: caller.id };
    const emit = (draft: ActivityDraft) => this.deps.events.emit('agent:activity', { ...draft, runId, at: this.now() } as never, audience);
    const tracker = new RunTracker(emit, clock);
    // On disk before the window hears the run started: a question shown as sent survives FROK being killed.
    await this.keep(conversation.id, { role: 'user', text: request.query, runId }, startedAt, request.source);
    emit({ type: 'run_started', query: request.query, pattern, source: request.source ?? 'conversation', conversationId: conversation.id });

    const providerName = settings.provider.kind === 'openai' ? 'OpenAI' : hostOf(settings.provider.baseUrl);
    let modelFailure: ModelFailure | null = null;
    /** The answer as streamed so far: kept, marked cut off, if the run fails after it started. */
    let streamed = '';
    try {
      const language = answerLanguage(settings.language);
      const specialists = await buildSpecialists({ providerKind: settings.provider.kind, model: settings.models.text, toolbox: this.deps.toolbox, enabled, language });
      tracker.useRoster(new Roster(specialists.map((s) => s.profile)));
      const tracingDisabled = !settings.privacy.traceExport;
      const runConfig = { modelProvider: provider, tracingDisabled, traceIncludeSensitiveData: false, workflowName: 'FROK' };
      const explainFailure = (f: ModelFailure) => explainRunError(f.error, { providerName, model: settings.models.text, failure: f }).message;
      const orchestrator = buildOrchestrator({ pattern, language, specialists, model: settings.models.text, nestedRunConfig: runConfig, tracker, explainFailure });
      // The top-level model calls report how they fail, so a broken-off answer is explained (the SDK's own error is generic).
      const runner = new Runner({ ...runConfig, modelProvider: reportingModelProvider(provider, (f) => (modelFailure = f)) });
      runner.on('agent_start', (_ctx, agent) => tracker.agentStarted(agent.name));
      runner.on('agent_end', (_ctx, agent) => tracker.agentEnded(agent.name));
      runner.on('agent_handoff', (_ctx, from, to) => {
        tracker.agentEnded(from.name);
        tracker.handoff(from.name, to.name);
      });
      runner.on('agent_tool_start', (_ctx, _agent, tool, { toolCall }) => tracker.toolStarted(tool, toolCall));
      runner.on('agent_tool_end', (_ctx, _agent, tool, result, { toolCall }) => tracker.toolEnded(tool, toolCall, result));

      // The orchestrator's output type is plain text; `any` is how the SDK's generics spell "some agent".
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let input: AgentInputItem[] | RunState<unknown, Agent<unknown, any>> = [...history, user(request.query)];
      let usage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
      let finalText = '';
      let answeredBy: string = orchestrator.name;
      for (;;) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const result: StreamedRunResult<unknown, Agent<unknown, any>> = await runner.run(orchestrator, input, {
          stream: true,
          signal: controller.signal,
          maxTurns: settings.agents.maxTurns,
          // Reaches the tools of specialists run as tools too: the memory specialist records where a memory was said.
          context: { conversationId: conversation.id, source: request.source ?? 'conversation' },
        });
        for await (const event of result) {
          if (event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta') {
            streamed += event.data.delta;
            emit({ type: 'text_delta', delta: event.data.delta });
          }
        }
        await result.completed;
        if (result.error) throw result.error;
        // The run's usage already includes the specialists run as tools: they share its context.
        usage = addUsage(usage, result.state.usage);
        if (result.interruptions?.length) {
          for (const item of result.interruptions) {
            // The run's specialists: an MCP server's tool gets its own approval prompt from its specialist.
            const approved = await this.askPerson(runId, item, emit, controller.signal, specialists);
            if (approved) result.state.approve(item);
            else result.state.reject(item, { message: 'The person declined this action, so it was not done. Tell them it was not done.' });
          }
          if (controller.signal.aborted) throw new DOMException('cancelled', 'AbortError');
          input = result.state;
          continue;
        }
        finalText = typeof result.finalOutput === 'string' ? result.finalOutput : JSON.stringify(result.finalOutput ?? '');
        answeredBy = result.lastAgent?.name ?? answeredBy;
        break;
      }

      const askResult: AskResult = {
        runId,
        conversationId: conversation.id,
        response: finalText,
        pattern,
        specialistsAvailable: specialists.filter((s) => s.available).map((s) => s.id),
        specialistsUsed: tracker.specialistsUsed,
        durationMs: Math.round(clock() - t0),
        usage,
        costUsd: costUsd(usage, priceFor(settings.pricing, settings.models.text)),
        answeredBy,
      };
      const helpers = specialists.filter((s) => tracker.specialistsUsed.includes(s.id)).map((s) => s.profile.name);
      await this.keep(conversation.id, { role: 'assistant', text: finalText, runId, ...(helpers.length ? { helpers } : {}) }, undefined, request.source);
      emit({ type: 'run_finished', result: askResult });
      return askResult;
    } catch (err) {
      const durationMs = Math.round(clock() - t0);
      // Only our own signal means the person cancelled: the client's timeouts abort too.
      if (controller.signal.aborted) {
        tracker.closeOpenSpans('Cancelled');
        emit({ type: 'run_cancelled', durationMs });
        throw new UserFacingError('cancelled', tr('errors:runs.cancelled'));
      }
      const explained = explainRunError(err, { providerName, model: settings.models.text, failure: modelFailure });
      this.deps.log.warn(`run ${runId} failed`, summarize(err instanceof Error ? err.message : err, 500));
      if (streamed.trim() !== '') {
        // What the person already read stays in the conversation, marked as cut off.
        await this.keep(conversation.id, { role: 'assistant', text: streamed, runId, cutOff: true }, undefined, request.source);
      }
      tracker.closeOpenSpans(explained.message, { failed: true });
      emit({ type: 'run_failed', error: { code: explained.code, message: explained.message }, durationMs });
      throw explained;
    } finally {
      this.active.delete(runId);
    }
  }

  /** Saving a turn must not fail the question: the person still gets the answer, and the log says why. */
  private async keep(conversationId: string, message: Parameters<ConversationHistory['record']>[2], at?: number, source?: AskRequest['source']): Promise<void> {
    // The voice agent's questions to the team are kept in its session's conversation, as tool calls.
    if (source === 'voice') return;
    try {
      await this.conversations.record(conversationId, 'typed', message, at);
    } catch (err) {
      this.deps.log.warn('a turn could not be kept in the history', { problem: err instanceof Error ? err.message : String(err) });
    }
  }

  private describe(toolName: string, rawArgs: string | undefined, owner: BuiltSpecialist | undefined): string | null {
    let args: unknown;
    try {
      args = rawArgs ? JSON.parse(rawArgs) : {};
    } catch {
      args = rawArgs; // Unparseable arguments: the describer says it cannot tell.
    }
    try {
      return (owner?.describeApproval ?? this.deps.describeApproval)?.(toolName, args) ?? null;
    } catch {
      return null;
    }
  }

  private async askPerson(runId: string, item: RunToolApprovalItem, emit: (d: ActivityDraft) => void, signal: AbortSignal, team: BuiltSpecialist[]): Promise<boolean> {
    const raw = item.rawItem as { callId?: string; id?: string };
    const approvalId = raw.callId ?? raw.id ?? crypto.randomUUID();
    // Wait first, then ask: an answer may come back before emit() returns.
    const decision = this.approvals.wait(runId, approvalId, signal);
    const owner = team.find((s) => s.agent.name === item.agent.name);
    const description = item.name ? this.describe(item.name, item.arguments, owner) : null;
    emit({ type: 'approval_requested', approvalId, tool: item.name ?? 'tool', input: summarize(item.arguments ?? ''), agent: item.agent.name, ...(description ? { description } : {}) });
    const approved = await decision;
    emit({ type: 'approval_resolved', approvalId, approved });
    return approved;
  }

  /** One provider per (kind, base URL, key): a settings change takes effect on the next ask. */
  private async providerFor(settings: Settings): Promise<OpenAIProvider> {
    const apiKey = (await this.deps.getApiKey()) ?? '';
    if (settings.provider.kind === 'openai' && !apiKey) {
      throw new UserFacingError('no_api_key', tr('errors:keys.missing'));
    }
    const baseURL = settings.provider.baseUrl ?? OPENAI_API_BASE_URL;
    const cacheKey = `${settings.provider.kind}|${baseURL}|${apiKey}`;
    if (this.provider?.key !== cacheKey) {
      await this.provider?.provider.close().catch(() => undefined);
      const client = new OpenAI({
        // Local servers often need no key, but the client insists on one.
        apiKey: apiKey || 'no-key-needed',
        baseURL,
        maxRetries: this.deps.client?.maxRetries ?? 2,
        timeout: this.deps.client?.timeoutMs ?? 120_000,
        // A key without credit fails at once instead of waiting through the client's 429 retries.
        fetch: withoutNoCreditRetries(this.deps.fetch ?? globalThis.fetch),
      });
      this.provider = { key: cacheKey, provider: new OpenAIProvider({ openAIClient: client, useResponses: settings.provider.kind === 'openai' }) };
    }
    setTracingDisabled(!settings.privacy.traceExport);
    if (settings.privacy.traceExport && apiKey) setTracingExportApiKey(apiKey);
    return this.provider.provider;
  }
}

function hostOf(url: string | null): string {
  if (!url) return 'the model server';
  try {
    return new URL(url).host;
  } catch {
    return 'the model server';
  }
}

