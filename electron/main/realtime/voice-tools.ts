/**
 * The voice agent's tools, run in main: the renderer's RealtimeAgent tools are thin
 * wrappers whose `execute` sends the call here over IPC. Fast ones answer directly;
 * `ask_specialists` runs the whole specialist team (manager pattern) behind one call.
 * Every result is text the voice model can say; a failure is text too, so the session
 * goes on and the agent can tell the person what went wrong.
 */
import { z } from 'zod';
import type { VoiceToolSpec } from '@shared/realtime';
import type { AgentService } from '../agents/agent-service';
import type { Caller } from '../caller';
import { UserFacingError } from '../errors';
import type { Logger } from '../logger';
import type { HomeAssistantService } from '../services/home/home-assistant';
import type { MemoryStore } from '../services/memory/memory-store';
import { recallPreferenceForVoice } from '../services/memory/memory-tools';
import { toSecondPerson } from '../services/memory/spoken-memory';
import { calculateForTool } from '../tools/calculator';
import { getWeatherForTool, type WeatherService } from '../tools/weather';

export interface VoiceToolDeps {
  weather: WeatherService;
  memory: MemoryStore;
  home: HomeAssistantService;
  agents: AgentService;
  log: Logger;
}

export interface VoiceToolContext {
  caller: Caller;
  sessionId: string;
  approved: boolean;
  signal?: AbortSignal;
}

interface VoiceTool {
  description: string;
  parameters: z.ZodObject;
  mayNeedApproval: boolean;
  run(args: unknown, ctx: VoiceToolContext, deps: VoiceToolDeps): Promise<string> | string;
  /** For tools that may need approval: does this call? And how to describe it to the person. */
  approval?(args: unknown, deps: VoiceToolDeps): Promise<{ needsApproval: boolean; reason: string | null }>;
}

const HOME_ACTIONS = {
  turn_on: 'HassTurnOn',
  turn_off: 'HassTurnOff',
  set_brightness: 'HassLightSet',
  set_temperature: 'HassClimateSetTemperature',
} as const;

const ControlHomeArgs = z
  .object({
    action: z.enum(['turn_on', 'turn_off', 'set_brightness', 'set_temperature']).describe('What to do. Locks: turn_on locks, turn_off unlocks. Covers/garage: turn_on opens.'),
    name: z.string().nullable().describe('The device name as the person said it, e.g. "Living Room Lamp"; null to act on a whole area.'),
    area: z.string().nullable().describe('The room or area, e.g. "Kitchen"; null when a name is given.'),
    value: z.number().nullable().describe('Brightness 0-100 for set_brightness, degrees for set_temperature; otherwise null.'),
  })
  .strict();

/** Maps the voice schema onto Home Assistant's own intent tools. */
function homeCall(args: z.infer<typeof ControlHomeArgs>): { tool: string; args: Record<string, unknown> } {
  const target: Record<string, unknown> = {};
  if (args.name) target['name'] = args.name;
  if (args.area) target['area'] = args.area;
  if (args.action === 'set_brightness') target['brightness'] = args.value ?? 100;
  if (args.action === 'set_temperature') target['temperature'] = args.value;
  return { tool: HOME_ACTIONS[args.action], args: target };
}

async function homeText(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserFacingError) return err.message;
    throw err;
  }
}

const askTeam = (pattern: 'manager', enabled?: ('research' | 'general')[]) =>
  async (args: unknown, ctx: VoiceToolContext, deps: VoiceToolDeps): Promise<string> => {
    const { request } = z.object({ request: z.string() }).parse(args);
    try {
      // Main checked the session is this window's (RealtimeService.toolCall), so its conversation is too.
      deps.agents.claimConversation(ctx.sessionId, ctx.caller);
      const result = await deps.agents.ask(
        // In the session's own conversation: the team sees what was said so far, and a memory it saves points back to this session.
        { query: request, pattern, source: 'voice', conversationId: ctx.sessionId, ...(enabled ? { enabledSpecialists: enabled } : {}) },
        ctx.caller,
      );
      return result.response;
    } catch (err) {
      if (err instanceof UserFacingError) return `The specialists could not answer: ${err.message}`;
      throw err;
    }
  };

export const VOICE_TOOLS: Record<string, VoiceTool> = {
  calculate: {
    description: 'Exact arithmetic, including percentages ("15% of 80") and spoken forms ("3 squared plus 4 squared").',
    parameters: z.object({ expression: z.string().describe('The arithmetic to do.') }).strict(),
    mayNeedApproval: false,
    run: (args) => calculateForTool(args),
  },
  get_weather: {
    description: 'Current weather and the forecast for today and tomorrow at a place.',
    parameters: z
      .object({
        location: z.string().describe('A city, optionally with region or country.'),
        units: z.enum(['metric', 'imperial']).nullable().describe('null for the usual units.'),
      })
      .strict(),
    mayNeedApproval: false,
    run: (args, _ctx, deps) => getWeatherForTool(deps.weather, args),
  },
  recall_preference: {
    description: 'Recall something the person told FROK before: a preference, a fact about them. Quick, local.',
    parameters: z.object({ topic: z.string().describe('What to recall, e.g. "favourite lighting in the evening".') }).strict(),
    mayNeedApproval: false,
    run: (args, _ctx, deps) => recallPreferenceForVoice(deps.memory, z.object({ topic: z.string() }).parse(args).topic),
  },
  remember_preference: {
    description:
      'Save a lasting fact the person tells you about themselves — a preference, a name, a date, a routine — when they state it or ask you to remember it. Quick, local, one fact per call.',
    parameters: z
      .object({
        fact: z.string().describe('One fact in the person\'s own first person, e.g. "I prefer warm lighting in the evening".'),
        tags: z.array(z.string()).nullable().describe('A few short topic words, e.g. ["home", "lighting"], or null.'),
      })
      .strict(),
    mayNeedApproval: false,
    run: (args, ctx, deps) => {
      const { fact, tags } = z.object({ fact: z.string(), tags: z.array(z.string()).nullable() }).parse(args);
      try {
        // Voice sessions are filed as conversations under their session id.
        const saved = deps.memory.remember({
          fact,
          tags: tags ?? [],
          source: 'agent',
          origin: { conversationId: ctx.sessionId, savedBy: 'voice', voiceSessionId: ctx.sessionId },
        });
        return `Saved: ${toSecondPerson(saved.fact)}`;
      } catch (err) {
        if (err instanceof UserFacingError) return `That was not saved: ${err.message}`;
        throw err;
      }
    },
  },
  control_home: {
    description: 'Control a smart-home device through Home Assistant: lights on/off and brightness, thermostat temperature, locks, covers. Unlocking, opening and disarming ask the person first.',
    parameters: ControlHomeArgs,
    mayNeedApproval: true,
    run: (args, ctx, deps) =>
      homeText(async () => {
        const call = homeCall(ControlHomeArgs.parse(args));
        return deps.home.callTool(call.tool, call.args, { approved: ctx.approved });
      }),
    approval: async (args, deps) => {
      const parsed = ControlHomeArgs.safeParse(args);
      if (!parsed.success) return { needsApproval: false, reason: null };
      const call = homeCall(parsed.data);
      const needsApproval = await deps.home.requiresApproval(call.tool, call.args).catch(() => true);
      return { needsApproval, reason: needsApproval ? deps.home.approvalPrompt(call.tool, call.args) : null };
    },
  },
  get_home_status: {
    description: 'What every device in the home is doing right now (lights, climate, locks, doors).',
    parameters: z.object({}).strict(),
    mayNeedApproval: false,
    run: (_args, _ctx, deps) => homeText(() => deps.home.callTool('GetLiveContext', {})),
  },
  ask_specialists: {
    description:
      "Ask FROK's team of specialists (home, memory, research, code, general, and the person's own tools from Settings → Tools) anything deeper than a quick fact: research, planning, code, several steps. Say you're checking before calling it; it can take a few seconds.",
    parameters: z.object({ request: z.string().describe('The full request, with any details from the conversation the team needs.') }).strict(),
    mayNeedApproval: false,
    run: askTeam('manager'),
  },
  research_question: {
    description: 'Research a question on the web through the research specialist and get a short, sourced answer.',
    parameters: z.object({ request: z.string().describe('The question to research.') }).strict(),
    mayNeedApproval: false,
    run: askTeam('manager', ['research']),
  },
};

export type VoiceToolName = keyof typeof VOICE_TOOLS;

export function voiceToolSpec(name: string): VoiceToolSpec {
  const tool = VOICE_TOOLS[name];
  if (!tool) throw new Error(`unknown voice tool ${name}`);
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(tool.parameters) as Record<string, unknown>;
  return { name, description: tool.description, parameters, mayNeedApproval: tool.mayNeedApproval };
}

function parseArgs(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

export class VoiceToolRunner {
  constructor(private readonly deps: VoiceToolDeps) {}

  async run(name: string, argsText: string, ctx: VoiceToolContext): Promise<string> {
    const tool = VOICE_TOOLS[name];
    if (!tool) return `There is no tool called "${name}".`;
    const args = parseArgs(argsText);
    const checked = tool.parameters.safeParse(args);
    if (!checked.success) return `The ${name} tool got arguments it cannot use: ${checked.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')}.`;
    try {
      return await tool.run(checked.data, ctx, this.deps);
    } catch (err) {
      this.deps.log.warn(`voice tool ${name} failed`, err);
      const detail = err instanceof Error ? err.message : String(err);
      return `The ${name} tool failed: ${detail}. Tell the person it did not work.`;
    }
  }

  async checkApproval(name: string, argsText: string): Promise<{ needsApproval: boolean; reason: string | null }> {
    const tool = VOICE_TOOLS[name];
    if (!tool?.approval) return { needsApproval: false, reason: null };
    return tool.approval(parseArgs(argsText), this.deps);
  }
}
