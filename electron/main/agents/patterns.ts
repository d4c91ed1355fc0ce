/**
 * The three ways FROK uses its specialists (DESIGN.md, "The agents"):
 *  - manager: one agent calls specialists as tools — several at once when a request
 *    spans domains — and writes the one answer;
 *  - handoffs: an orchestrator hands the conversation to one specialist, who answers;
 *  - hybrid: one orchestrator that can do either (the default).
 */
import { answerLanguageInstruction, type ShippedLanguage } from '@shared/language';
import { Agent, handoff, type Handoff, type RunConfig, type Tool } from '@openai/agents';
import type { AgentPattern } from '@shared/domain';
import { reportingModelProvider, type ModelFailure } from './model-failures';
import type { BuiltSpecialist } from './specialists';
import type { RunTracker } from './run-tracker';

export const PATTERN_DESCRIPTIONS: Record<AgentPattern, { label: string; description: string }> = {
  manager: { label: 'Manager', description: 'A manager asks the specialists it needs — at the same time — and writes one answer.' },
  handoffs: { label: 'Handoffs', description: 'The request is handed to the one specialist best placed to answer it.' },
  hybrid: { label: 'Hybrid', description: 'Asks specialists and combines their answers, or hands over to one, whichever fits.' },
};

export const ORCHESTRATOR_NAMES: Record<AgentPattern, string> = {
  manager: 'FROK manager',
  handoffs: 'FROK orchestrator',
  hybrid: 'FROK orchestrator',
};

const VOICE_OF_FROK =
  'You are FROK, a desktop assistant. Be warm, direct and brief; use Markdown only where it helps (lists, code). ' +
  'Answer greetings and small talk yourself.';

function roster(specialists: BuiltSpecialist[]): string {
  return specialists.map((s) => `- ${s.profile.toolName}: ${s.description}`).join('\n');
}

export interface OrchestratorOptions {
  pattern: AgentPattern;
  /** The language FROK answers in unless the person asks for another. */
  language: ShippedLanguage;
  specialists: BuiltSpecialist[];
  model: string;
  /** Specialists run as tools start runs of their own: they need the same provider and tracing choice. */
  nestedRunConfig: Partial<RunConfig>;
  tracker: RunTracker;
  /** A specialist's failed model call, in the person's words, for its bar in Activity. */
  explainFailure?: (failure: ModelFailure) => string;
}

function sumUsage(usages: { inputTokens: number; outputTokens: number; totalTokens: number }[]) {
  return usages.reduce(
    (total, u) => ({ inputTokens: total.inputTokens + u.inputTokens, outputTokens: total.outputTokens + u.outputTokens, totalTokens: total.totalTokens + u.totalTokens }),
    { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  );
}

/** A specialist's own run reports why its model calls fail, so Activity can say why it failed. */
function nestedRunConfigFor(o: OrchestratorOptions, id: BuiltSpecialist['id']): Partial<RunConfig> {
  const { modelProvider } = o.nestedRunConfig;
  const explain = o.explainFailure;
  if (!modelProvider || !explain) return o.nestedRunConfig;
  return { ...o.nestedRunConfig, modelProvider: reportingModelProvider(modelProvider, (f) => o.tracker.specialistFailed(id, explain(f))) };
}

function specialistTools(o: OrchestratorOptions): Tool[] {
  return o.specialists.map((s) =>
    s.agent.asTool({
      toolName: s.profile.toolName,
      toolDescription: `${s.description} Give it a self-contained request, including any details from the conversation it needs.`,
      runConfig: nestedRunConfigFor(o, s.id),
      onStream: ({ event, toolCall }) => o.tracker.specialistStream(event, toolCall),
      customOutputExtractor: (result) => {
        // state.usage is shared with the parent run; this specialist's own share is in its responses.
        o.tracker.specialistSucceeded(result.agentToolInvocation.toolCallId, sumUsage(result.rawResponses.map((r) => r.usage)));
        return typeof result.finalOutput === 'string' ? result.finalOutput : JSON.stringify(result.finalOutput ?? '');
      },
    }),
  );
}

/** Handoffs named like the tools (transfer_to_home_specialist), whatever the agent's display name. */
function specialistHandoffs(specialists: BuiltSpecialist[]): Handoff[] {
  return specialists.map((s) =>
    handoff(s.agent, {
      toolNameOverride: `transfer_to_${s.profile.toolName}`,
      toolDescriptionOverride: `Hand the conversation to the ${s.profile.name}: ${s.description}`,
    }),
  );
}

export function buildOrchestrator(o: OrchestratorOptions): Agent {
  const { pattern, specialists, model } = o;
  const name = ORCHESTRATOR_NAMES[pattern];
  const modelSettings = { parallelToolCalls: true };

  if (pattern === 'manager') {
    return new Agent({
      name,
      model,
      modelSettings,
      tools: specialistTools(o),
      instructions:
        `${VOICE_OF_FROK} ${answerLanguageInstruction(o.language)}\nYou lead a team of specialists, available to you as tools:\n${roster(specialists)}\n` +
        'For anything beyond small talk, ask the specialists whose domain the request touches. When a request spans several domains, ' +
        'call all the specialists it needs in the same turn so they work at the same time. Then write ONE answer that combines what they found; ' +
        'if a specialist failed, say so briefly and answer with what the others found. Never claim an action happened unless a specialist confirmed it.',
    });
  }

  if (pattern === 'handoffs') {
    return new Agent({
      name,
      model,
      modelSettings,
      handoffs: specialistHandoffs(specialists),
      instructions:
        `${VOICE_OF_FROK} ${answerLanguageInstruction(o.language)}\nYou route each request to the one specialist best placed to handle it by handing the conversation over:\n${roster(specialists)}\n` +
        'Hand off for anything beyond small talk; do not try to answer specialist questions yourself.',
    });
  }

  return new Agent({
    name,
    model,
    modelSettings,
    tools: specialistTools(o),
    handoffs: specialistHandoffs(specialists),
    instructions:
      `${VOICE_OF_FROK} ${answerLanguageInstruction(o.language)}\nYou work with a team of specialists:\n${roster(specialists)}\n` +
      'You can use them in two ways. Call them as tools (several in the same turn when the request spans domains) when the answer ' +
      'needs facts or actions from more than one of them — then write one combined answer. Hand the conversation over to one ' +
      'specialist (transfer_to_…) when the request belongs entirely to its domain and it should talk to the person directly.',
  });
}
