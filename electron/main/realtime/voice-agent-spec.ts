/**
 * The voice agents, described as data the renderer turns into RealtimeAgents: one
 * source of truth for instructions and tools, kept in main with the tools themselves.
 */
import { answerLanguageInstruction, type ShippedLanguage } from '@shared/language';
import type { VoiceAgentSpec } from '@shared/realtime';
import { voiceToolSpec } from './voice-tools';

export const VOICE_AGENT_NAMES = { main: 'FROK', home: 'Home voice specialist', research: 'Research voice specialist' } as const;

const SPOKEN_STYLE =
  'You are speaking, not writing: short sentences, no lists or Markdown, numbers said naturally. ' +
  'Keep answers to one to three sentences unless asked for more. If you are interrupted, stop and listen.';

export function buildVoiceAgentSpecs(o: { enableSpecialistTools: boolean; language: ShippedLanguage }): { agents: VoiceAgentSpec[]; startAgent: string } {
  const spoken = `${SPOKEN_STYLE} ${answerLanguageInstruction(o.language)}`;
  if (!o.enableSpecialistTools) {
    return {
      startAgent: VOICE_AGENT_NAMES.main,
      agents: [
        {
          name: VOICE_AGENT_NAMES.main,
          instructions: `You are FROK, a friendly desktop voice assistant. ${spoken} You have no tools in this mode: answer from what you know and say so when you cannot check something.`,
          handoffDescription: 'The main FROK voice assistant.',
          tools: [],
          handoffs: [],
        },
      ],
    };
  }
  return {
    startAgent: VOICE_AGENT_NAMES.main,
    agents: [
      {
        name: VOICE_AGENT_NAMES.main,
        instructions:
          `You are FROK, a friendly desktop voice assistant. ${spoken} ` +
          'Use your quick tools for arithmetic, the weather, remembering what the person tells you about themselves and recalling it, and simple device control. ' +
          'For anything deeper than a quick fact — research, planning, code, several steps — say briefly that you are checking, then call ask_specialists and tell the person what they found. ' +
          `Hand the conversation to the ${VOICE_AGENT_NAMES.home} for a longer smart-home conversation, and to the ${VOICE_AGENT_NAMES.research} when the person wants to dig into a topic.`,
        handoffDescription: 'The main FROK voice assistant: quick answers, and everything that is not home control or research.',
        tools: ['calculate', 'get_weather', 'recall_preference', 'remember_preference', 'control_home', 'ask_specialists'].map(voiceToolSpec),
        handoffs: [VOICE_AGENT_NAMES.home, VOICE_AGENT_NAMES.research],
      },
      {
        name: VOICE_AGENT_NAMES.home,
        instructions:
          `You are FROK's home specialist, speaking with the person about their smart home. ${spoken} ` +
          'Check the home status when a device name is unclear. Confirm each change you made by name. ' +
          `When the person moves on to something else, hand back to ${VOICE_AGENT_NAMES.main}.`,
        handoffDescription: 'Talks the person through controlling their smart home: lights, climate, locks, doors.',
        tools: ['control_home', 'get_home_status'].map(voiceToolSpec),
        handoffs: [VOICE_AGENT_NAMES.main],
      },
      {
        name: VOICE_AGENT_NAMES.research,
        instructions:
          `You are FROK's research specialist, speaking with the person. ${spoken} ` +
          'Research questions with research_question, say where facts come from in a few words, and offer to go deeper. ' +
          `When the person moves on, hand back to ${VOICE_AGENT_NAMES.main}.`,
        handoffDescription: 'Researches a topic on the web with the person and explains what it finds.',
        tools: ['research_question', 'calculate'].map(voiceToolSpec),
        handoffs: [VOICE_AGENT_NAMES.main],
      },
    ],
  };
}
