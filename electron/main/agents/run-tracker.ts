/**
 * Turns what the SDK reports during one run — Runner hooks for the top-level agents,
 * `onStream` events from specialists running as tools — into the typed activity events
 * the window draws, and keeps the run's bookkeeping: which specialists ran in which
 * order, what each cost in tokens, and whether each succeeded.
 */
import type { RunStreamEvent, Tool } from '@openai/agents';
import type { ActivityEvent } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import { Roster } from './specialist-catalog';

/** Distributive Omit, so each event keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ActivityDraft = DistributiveOmit<ActivityEvent, 'runId' | 'at'>;

interface UsageLike {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

interface OpenSpan {
  spanId: string;
  startedAt: number;
}

/** Keeps event texts short: the window shows summaries, not whole documents. */
export function summarize(value: unknown, max = 240): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The specialist tool's single argument is `{ input }`: show the question, not the JSON. */
function describeSpecialistInput(args: string | undefined): string {
  if (!args) return '';
  try {
    const parsed = JSON.parse(args) as unknown;
    if (parsed && typeof parsed === 'object' && 'input' in parsed && typeof parsed.input === 'string') return summarize(parsed.input);
  } catch {
    // fall through: show the raw text
  }
  return summarize(args);
}

/**
 * The SDK answers a failed tool (a specialist run as a tool among them) with this fixed
 * text, whatever went wrong; the cause is captured elsewhere (the specialist's model calls
 * report their failures, and its errors are explained) and shown instead.
 */
const SDK_TOOL_ERROR = /^An error occurred while running the tool/i;

/** When a specialist failed and nothing said why (not one of its model calls: a bug, a limit inside the SDK). */
const UNEXPLAINED_SPECIALIST_FAILURE = 'It stopped with an error before it could answer. Try again; if it keeps happening, FROK\'s log has the details.';

function toolNameOf(tool: Tool): string {
  return 'name' in tool && typeof tool.name === 'string' ? tool.name : tool.type;
}

interface ToolCallLike {
  type?: string;
  callId?: string;
  id?: string;
  name?: string;
  arguments?: string;
}

function callIdOf(call: ToolCallLike | undefined): string | null {
  return call?.callId ?? call?.id ?? null;
}

export class RunTracker {
  private spanCounter = 0;
  private readonly agentSpans = new Map<string, OpenSpan & { name: string }>();
  private readonly specialistSpans = new Map<string, OpenSpan & { specialist: SpecialistId }>();
  /** Specialists stopped for the person's approval: their span resumes with the run. */
  private readonly pausedSpecialists = new Map<string, OpenSpan & { specialist: SpecialistId }>();
  private readonly toolSpans = new Map<string, OpenSpan & { tool: string }>();
  private readonly succeeded = new Set<string>();
  private readonly nestedUsage = new Map<string, UsageLike>();
  private readonly used: SpecialistId[] = [];
  private currentAgentSpan: string | null = null;
  /** FROK's own five until the run's team is known (it may include the person's MCP servers). */
  private roster = new Roster();

  constructor(
    private readonly emit: (draft: ActivityDraft) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  useRoster(roster: Roster): void {
    this.roster = roster;
  }

  /** Specialists in the order they first joined the run (as a tool or by handoff). */
  get specialistsUsed(): SpecialistId[] {
    return [...this.used];
  }

  private nextSpan(prefix: string): string {
    this.spanCounter += 1;
    return `${prefix}-${this.spanCounter}`;
  }

  private noteUsed(id: SpecialistId): void {
    if (!this.used.includes(id)) this.used.push(id);
  }

  // ---- Runner hooks (top-level agents) ----

  agentStarted(agentName: string): void {
    const spanId = this.nextSpan('agent');
    this.agentSpans.set(agentName, { spanId, startedAt: this.now(), name: agentName });
    this.currentAgentSpan = spanId;
    const specialist = this.roster.byAgentName(agentName);
    if (specialist) this.noteUsed(specialist);
    this.emit({ type: 'agent_started', spanId, agent: agentName, specialist, parentSpanId: null });
  }

  agentEnded(agentName: string): void {
    const span = this.agentSpans.get(agentName);
    if (!span) return;
    this.agentSpans.delete(agentName);
    this.emit({ type: 'agent_ended', spanId: span.spanId, agent: agentName, durationMs: this.now() - span.startedAt });
  }

  handoff(from: string, to: string): void {
    const specialist = this.roster.byAgentName(to);
    if (specialist) this.noteUsed(specialist);
    this.emit({ type: 'handoff', from, to, specialist });
  }

  toolStarted(tool: Tool, call: ToolCallLike): void {
    const name = toolNameOf(tool);
    const callId = callIdOf(call) ?? this.nextSpan('call');
    const specialist = this.roster.byToolName(name);
    const startedAt = this.now();
    if (specialist) {
      const paused = this.pausedSpecialists.get(callId);
      if (paused) {
        // The same call again after an approval: one bar in the timeline, not two.
        this.pausedSpecialists.delete(callId);
        this.specialistSpans.set(callId, paused);
        return;
      }
      const spanId = this.nextSpan('specialist');
      this.specialistSpans.set(callId, { spanId, startedAt, specialist });
      this.noteUsed(specialist);
      this.emit({ type: 'specialist_started', spanId, specialist, input: describeSpecialistInput(call.arguments) });
    } else {
      const spanId = this.nextSpan('tool');
      this.toolSpans.set(callId, { spanId, startedAt, tool: name });
      this.emit({ type: 'tool_started', spanId, parentSpanId: this.currentAgentSpan, tool: name, input: summarize(call.arguments ?? '') });
    }
  }

  toolEnded(tool: Tool, call: ToolCallLike, result: string): void {
    const callId = callIdOf(call);
    if (!callId) return;
    const specialistSpan = this.specialistSpans.get(callId);
    if (specialistSpan) {
      this.specialistSpans.delete(callId);
      // A run stopped for approval also passes through the output extractor, with an empty answer.
      if (this.approvalAsked.delete(callId)) {
        this.succeeded.delete(callId);
        this.pausedSpecialists.set(callId, specialistSpan);
        return;
      }
      const ok = this.succeeded.has(callId);
      const usage = this.nestedUsage.get(callId);
      const reason = ok ? undefined : (this.failureReasons.get(specialistSpan.specialist) ?? (SDK_TOOL_ERROR.test(result) || !result.trim() ? UNEXPLAINED_SPECIALIST_FAILURE : undefined));
      this.failureReasons.delete(specialistSpan.specialist);
      this.emit({
        type: 'specialist_ended',
        spanId: specialistSpan.spanId,
        specialist: specialistSpan.specialist,
        durationMs: this.now() - specialistSpan.startedAt,
        ok,
        summary: reason ?? summarize(result),
        usage: usage ? { ...usage } : null,
      });
      return;
    }
    const toolSpan = this.toolSpans.get(callId);
    if (!toolSpan) return;
    this.toolSpans.delete(callId);
    this.emit({
      type: 'tool_ended',
      spanId: toolSpan.spanId,
      tool: toolNameOf(tool),
      durationMs: this.now() - toolSpan.startedAt,
      ok: !SDK_TOOL_ERROR.test(result),
      summary: summarize(result),
    });
  }

  /** Why a specialist's model call failed, in the person's words, until its span ends. */
  private readonly failureReasons = new Map<SpecialistId, string>();

  specialistFailed(specialist: SpecialistId, reason: string): void {
    this.failureReasons.set(specialist, reason);
  }

  /** Specialist calls whose run asked for the person's approval: when they stop, they are paused, not done. */
  private readonly approvalAsked = new Set<string>();

  // ---- specialists running as tools ----

  /** A specialist's nested run finished normally: its answer is in, its tokens are counted. */
  specialistSucceeded(callId: string | undefined, usage: UsageLike): void {
    if (!callId) return;
    this.succeeded.add(callId);
    this.nestedUsage.set(callId, { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, totalTokens: usage.totalTokens });
  }

  /** Events streamed from inside a specialist's run: its own tool calls nest under it. */
  specialistStream(event: RunStreamEvent, parentCall: ToolCallLike | undefined): void {
    if (event.type !== 'run_item_stream_event') return;
    const parentId = callIdOf(parentCall);
    if (event.name === 'tool_approval_requested' && parentId) {
      this.approvalAsked.add(parentId);
      return;
    }
    const parentSpan = parentId ? (this.specialistSpans.get(parentId)?.spanId ?? null) : null;
    const raw = (event.item as { rawItem?: ToolCallLike & { output?: unknown } }).rawItem;
    if (event.name === 'tool_called' && raw) {
      const key = `nested:${callIdOf(raw) ?? this.nextSpan('call')}`;
      const spanId = this.nextSpan('tool');
      const tool = raw.name ?? raw.type ?? 'tool';
      this.toolSpans.set(key, { spanId, startedAt: this.now(), tool });
      this.emit({ type: 'tool_started', spanId, parentSpanId: parentSpan, tool, input: summarize(raw.arguments ?? '') });
    } else if (event.name === 'tool_output' && raw) {
      const key = `nested:${callIdOf(raw) ?? ''}`;
      const span = this.toolSpans.get(key);
      if (!span) return;
      this.toolSpans.delete(key);
      const output = (event.item as { output?: unknown }).output ?? raw.output;
      const text = summarize(output);
      this.emit({
        type: 'tool_ended',
        spanId: span.spanId,
        tool: span.tool,
        durationMs: this.now() - span.startedAt,
        ok: !SDK_TOOL_ERROR.test(typeof output === 'string' ? output : text),
        summary: text,
      });
    }
  }

  /** Closes whatever is still open when a run stops early (failure, cancel). */
  closeOpenSpans(reason: string, how: { failed?: boolean } = {}): void {
    for (const [callId, span] of this.pausedSpecialists) {
      this.specialistSpans.set(callId, span);
      this.pausedSpecialists.delete(callId);
    }
    for (const [callId, span] of this.specialistSpans) {
      this.emit({ type: 'specialist_ended', spanId: span.spanId, specialist: span.specialist, durationMs: this.now() - span.startedAt, ok: false, summary: reason, usage: null });
      this.specialistSpans.delete(callId);
    }
    for (const [callId, span] of this.toolSpans) {
      this.emit({ type: 'tool_ended', spanId: span.spanId, tool: span.tool, durationMs: this.now() - span.startedAt, ok: false, summary: reason });
      this.toolSpans.delete(callId);
    }
    for (const [name, span] of this.agentSpans) {
      // An agent still speaking when the run failed (a specialist handed the conversation) failed with it.
      this.emit({ type: 'agent_ended', spanId: span.spanId, agent: name, durationMs: this.now() - span.startedAt, ...(how.failed ? { error: reason } : {}) });
      this.agentSpans.delete(name);
    }
  }
}
