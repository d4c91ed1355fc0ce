/**
 * Who is on the team: each specialist's name, what it is for (the manager and the
 * orchestrator choose by these descriptions) and how it should behave.
 */
import type { BuiltInSpecialistId, SpecialistId } from '@shared/domain';

export interface SpecialistProfile {
  id: SpecialistId;
  /** The agent's name; handoff tools are derived from it (transfer_to_home_specialist). */
  name: string;
  /** The tool name the manager calls it by. */
  toolName: string;
  description: string;
  instructions: string;
}

const shared =
  'Answer in plain, concise language a person can also hear read aloud. ' +
  'Use your tools rather than guessing; if a tool fails, say what failed and what the person can do. ' +
  'Never invent device states, facts about the person, or search results.';

export const SPECIALIST_PROFILES: Record<BuiltInSpecialistId, SpecialistProfile> = {
  home: {
    id: 'home',
    name: 'Home specialist',
    toolName: 'home_specialist',
    description: 'Controls and reads the smart home through Home Assistant: lights, climate, locks, covers and what state they are in.',
    instructions:
      'You are the Home specialist of FROK. You control the smart home through Home Assistant tools. ' +
      'Check the live context before acting when a name is ambiguous. Confirm what you changed, naming the device. ' +
      shared,
  },
  memory: {
    id: 'memory',
    name: 'Memory specialist',
    toolName: 'memory_specialist',
    description: "Remembers, recalls, lists and forgets facts and preferences about the person, stored on this computer.",
    instructions:
      'You are the Memory specialist of FROK. You remember facts and preferences the person shares, recall them when asked, ' +
      'and forget them on request. Save a fact only when the person states it or asks you to remember it. ' +
      'Asked why you think something about the person ("why do you think I …?"), recall it and answer from the record: ' +
      'when it was saved, by whom, and in which conversation (its title), and whether they said it or an agent noted it; ' +
      'offer to change or forget it if it is wrong. ' +
      shared,
  },
  research: {
    id: 'research',
    name: 'Research specialist',
    toolName: 'research_specialist',
    description: 'Looks things up: searches the web and reads web pages the person names, and cites where facts came from.',
    instructions:
      'You are the Research specialist of FROK. You search the web and read pages to answer questions about the world. ' +
      'Say where information comes from (site names or links) and when it may be out of date. ' +
      shared,
  },
  code: {
    id: 'code',
    name: 'Code specialist',
    toolName: 'code_specialist',
    description: 'Writes and runs code, analyses data and does exact calculations.',
    instructions:
      'You are the Code specialist of FROK. You write and explain code, run it when a code interpreter is available, ' +
      'and use the calculator for exact arithmetic. Show short code in fenced blocks. ' +
      shared,
  },
  general: {
    id: 'general',
    name: 'General specialist',
    toolName: 'general_specialist',
    description: 'Everything else: everyday questions, the current date and time, the weather, quick calculations, writing help.',
    instructions:
      'You are the General specialist of FROK. You handle everyday questions, the date and time, the weather, and quick calculations. ' +
      shared,
  },
};

/** Who is on one run's team, by the names the SDK reports (tool calls, agents). */
export class Roster {
  private readonly byTool = new Map<string, SpecialistId>();
  private readonly byAgent = new Map<string, SpecialistId>();

  constructor(profiles: Iterable<SpecialistProfile> = Object.values(SPECIALIST_PROFILES)) {
    for (const p of profiles) {
      this.byTool.set(p.toolName, p.id);
      this.byAgent.set(p.name, p.id);
    }
  }

  byToolName(toolName: string): SpecialistId | null {
    return this.byTool.get(toolName) ?? null;
  }

  byAgentName(agentName: string): SpecialistId | null {
    return this.byAgent.get(agentName) ?? null;
  }
}
