/**
 * Builds the five specialist agents from their profiles and the real tools. Tools that
 * exist only on OpenAI's Responses API (web search, code interpreter) are left out for
 * an OpenAI-compatible provider, and the description says so, so the manager does not
 * promise what the specialist cannot do.
 */
import { answerLanguageInstruction, type ShippedLanguage } from '@shared/language';
import { Agent, codeInterpreterTool, webSearchTool, type Tool } from '@openai/agents';
import type { ProviderKind, SpecialistId } from '@shared/domain';
import { SPECIALIST_IDS } from '@shared/domain';
import { mcpSpecialistId } from '@shared/mcp';
import { buildMcpSpecialist, type McpToolSource } from './mcp-specialists';
import { SPECIALIST_PROFILES, type SpecialistProfile } from './specialist-catalog';

/** The real tools the specialists use, built once by the agent service. */
export interface SpecialistToolbox {
  calculate: Tool;
  currentTime: Tool;
  weather: Tool;
  memory: Tool[];
  fetchPage: Tool;
  /** Home Assistant's tools, or why there are none (not configured, unreachable…). */
  home: () => Promise<{ tools: Tool[] } | { unavailable: string }>;
  /** The person's own MCP servers, each a specialist of its own. */
  mcp?: McpToolSource;
}

export interface BuiltSpecialist {
  id: SpecialistId;
  /** Its name and the tool name the manager calls it by. */
  profile: SpecialistProfile;
  agent: Agent;
  /** What the manager and the orchestrator read to choose it. */
  description: string;
  available: boolean;
  unavailableReason: string | null;
  toolNames: string[];
  /** The approval prompt for one of its own tools, when it knows better than FROK's generic one. */
  describeApproval?: (toolName: string, args: unknown) => string | null;
}

/** The specialist ids of the person's MCP servers that are switched on. */
export function enabledMcpSpecialists(toolbox: SpecialistToolbox): SpecialistId[] {
  return toolbox.mcp?.enabledServers().map((s) => mcpSpecialistId(s.id)) ?? [];
}

export interface BuildSpecialistsOptions {
  providerKind: ProviderKind;
  model: string;
  toolbox: SpecialistToolbox;
  /** Only these are built (a disabled specialist is not offered at all). */
  enabled: readonly SpecialistId[];
  /** The language a specialist answers in when it talks to the person (handoffs). */
  language: ShippedLanguage;
}

const HOSTED_TOOLS_NOTE = ' (Web search and the code interpreter need OpenAI as the provider; they are off with this provider.)';

function toolName(tool: Tool): string {
  return 'name' in tool && typeof tool.name === 'string' ? tool.name : tool.type;
}

export async function buildSpecialists(options: BuildSpecialistsOptions): Promise<BuiltSpecialist[]> {
  const { providerKind, model, toolbox } = options;
  const hosted = providerKind === 'openai';
  const built: BuiltSpecialist[] = [];

  for (const id of SPECIALIST_IDS) {
    if (!options.enabled.includes(id)) continue;
    const profile = SPECIALIST_PROFILES[id];
    let tools: Tool[] = [];
    let description = profile.description;
    let instructions = profile.instructions;
    let unavailableReason: string | null = null;

    switch (id) {
      case 'home': {
        const home = await toolbox.home();
        if ('tools' in home) {
          tools = home.tools;
        } else {
          unavailableReason = home.unavailable;
          // The specialist still answers, so the person hears why instead of silence.
          instructions += ` Home Assistant cannot be used right now: ${home.unavailable} Tell the person this plainly; do not pretend to act.`;
          description += ` Currently unavailable: ${home.unavailable}`;
        }
        break;
      }
      case 'memory':
        tools = [...toolbox.memory];
        break;
      case 'research':
        tools = hosted ? [webSearchTool(), toolbox.fetchPage] : [toolbox.fetchPage];
        if (!hosted) description += HOSTED_TOOLS_NOTE;
        break;
      case 'code':
        tools = hosted ? [codeInterpreterTool(), toolbox.calculate] : [toolbox.calculate];
        if (!hosted) description += HOSTED_TOOLS_NOTE;
        break;
      case 'general':
        tools = [toolbox.calculate, toolbox.currentTime, toolbox.weather];
        break;
    }

    const agent = new Agent({
      name: profile.name,
      instructions: `${instructions} ${answerLanguageInstruction(options.language)}`,
      handoffDescription: description,
      model,
      tools,
      modelSettings: { parallelToolCalls: true },
    });
    built.push({ id, profile, agent, description, available: unavailableReason === null, unavailableReason, toolNames: tools.map(toolName) });
  }
  // The person's servers come after FROK's own, in the order they were added; each is asked for its tools at once.
  const servers = toolbox.mcp?.enabledServers().filter((server) => options.enabled.includes(mcpSpecialistId(server.id))) ?? [];
  const mcp = await Promise.all(servers.map((server) => buildMcpSpecialist(server, toolbox.mcp!, model, options.language)));
  for (const m of mcp) {
    built.push({ id: m.profile.id, profile: m.profile, agent: m.agent, description: m.description, available: m.unavailableReason === null, unavailableReason: m.unavailableReason, toolNames: m.toolNames, describeApproval: m.describeApproval });
  }
  return built;
}
