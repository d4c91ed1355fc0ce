/**
 * FROK answers in the person's language: the language chosen in Settings (or the system's)
 * reaches every agent's instructions — the orchestrator and each specialist it asks through
 * the real SDK against the fake OpenAI — and the voice agents' instructions.
 */
import { describe, expect, it } from 'vitest';
import { buildVoiceAgentSpecs } from '../../electron/main/realtime/voice-agent-spec';
import { scriptByRoute } from '../fakes/openai/server';
import { useAgentsWorld } from '../support/agents-world';

const caller = { id: 'window-1', kind: 'main' as const };
const world = useAgentsWorld();

function askTheGeneralSpecialist() {
  world.fake.setScript(
    scriptByRoute([
      { when: { offersTool: 'general_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'general_specialist', arguments: { input: 'What day is it?' } }] } },
      { when: { instructionsStartWith: 'You are the General specialist of FROK' }, reply: { text: 'Es ist Donnerstag.' } },
      { when: { hasToolOutputFrom: 'general_specialist' }, reply: { text: 'Heute ist Donnerstag.' } },
    ]),
  );
}

describe('the language FROK answers in', () => {
  it('is the one chosen in Settings, for the orchestrator and the specialist it asks', async () => {
    world.env.services.settings.update({ language: 'de' });
    askTheGeneralSpecialist();
    const result = await world.env.services.agents.ask({ query: 'Welcher Tag ist heute?', pattern: 'manager' }, caller);
    expect(result.response).toBe('Heute ist Donnerstag.');
    const requests = world.fake.modelRequests;
    expect(requests.length).toBe(3);
    for (const r of requests) expect(r.instructions).toContain('Answer in German unless the person writes in another language or asks for one.');
  });

  it('follows the system when set to "system" (English here), and changes with the setting', async () => {
    askTheGeneralSpecialist();
    await world.env.services.agents.ask({ query: 'What day is it?', pattern: 'manager' }, caller);
    expect(world.fake.modelRequests.every((r) => r.instructions.includes('Answer in English'))).toBe(true);
  });

  it('reaches the voice agents', () => {
    for (const language of ['de', 'en'] as const) {
      const { agents } = buildVoiceAgentSpecs({ enableSpecialistTools: true, language });
      const name = language === 'de' ? 'German' : 'English';
      for (const agent of agents) expect(agent.instructions, agent.name).toContain(`Answer in ${name} unless`);
    }
  });
});
