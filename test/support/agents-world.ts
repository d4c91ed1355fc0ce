/**
 * The world most tests of the specialist team need, set up once: one fake OpenAI for the
 * file, and for each test fresh services on a fresh data folder (with a fake Home Assistant
 * when asked), with every activity event recorded. Call it at the top of a test file; it
 * registers its own vitest hooks, so a file's own `beforeEach` runs after it.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ActivityEvent } from '../../shared/agents';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server';
import { scriptByRoute, startFakeOpenAI, type FakeOpenAI, type ModelReply, type ModelRequest, type RoutedScript } from '../fakes/openai/server';
import { startTestServices, type TestServices, type TestServicesOptions } from './node-services';

export type ActivityOf<T extends ActivityEvent['type']> = Extract<ActivityEvent, { type: T }>;

export interface AgentsWorld {
  readonly fake: FakeOpenAI;
  readonly env: TestServices;
  /** Only with `{ homeAssistant: true }`. */
  readonly ha: FakeHomeAssistant;
  /** This test's activity events, in order. */
  readonly activity: ActivityEvent[];
  ofType<T extends ActivityEvent['type']>(type: T): ActivityOf<T>[];
  /** Called with each activity event of this test (cleared between tests). */
  onActivity(listener: (event: ActivityEvent) => void): void;
  /** Starts this test's services again with other options (e.g. a short model timeout). */
  replaceServices(extra: Partial<TestServicesOptions>): Promise<TestServices>;
}

/** The last output the model was given from `tool`. */
export const lastOutput = (request: ModelRequest, tool: string): string => request.toolOutputs.filter((o) => o.name === tool).at(-1)?.output ?? '';

/**
 * Manager → home specialist (as a tool) → HassTurnOff on the Front Door (which needs the
 * person's approval) → the specialist reports → the manager answers (by default, repeating the report).
 */
export function unlockFrontDoorScript(managerAnswer?: ModelReply): RoutedScript {
  return scriptByRoute([
    { when: { offersTool: 'home_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'home_specialist', arguments: { input: 'Unlock the front door' } }] } },
    { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'HassTurnOff', arguments: { name: 'Front Door' } }] } },
    { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputFrom: 'HassTurnOff' }, reply: (r) => ({ text: `Home: ${lastOutput(r, 'HassTurnOff')}` }) },
    { when: { hasToolOutputFrom: 'home_specialist' }, reply: managerAnswer ?? ((r) => ({ text: `Manager: ${lastOutput(r, 'home_specialist')}` })) },
  ]);
}

export function useAgentsWorld(options: { homeAssistant?: boolean } = {}): AgentsWorld {
  let fake: FakeOpenAI | null = null;
  let env: TestServices | null = null;
  let ha: FakeHomeAssistant | null = null;
  let activity: ActivityEvent[] = [];
  let listeners: ((event: ActivityEvent) => void)[] = [];

  async function start(extra: Partial<TestServicesOptions>): Promise<TestServices> {
    const started = await startTestServices({
      openaiUrl: fake!.url,
      ...(ha ? { homeAssistantToken: ha.token, settings: { homeAssistant: { url: ha.url } } } : {}),
      ...extra,
    });
    started.services.events.subscribe((e) => {
      if (e.name !== 'agent:activity') return;
      const event = e.payload as ActivityEvent;
      activity.push(event);
      for (const listener of listeners) listener(event);
    });
    return started;
  }

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(async () => {
    fake!.reset();
    activity = [];
    listeners = [];
    if (options.homeAssistant) ha = await startFakeHomeAssistant();
    env = await start({});
  });
  afterEach(async () => {
    await env?.close();
    await ha?.close();
    env = null;
    ha = null;
  });

  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is set up only inside a test (and Home Assistant only with { homeAssistant: true })`);
    return value;
  };
  return {
    get fake() {
      return need(fake, 'the fake OpenAI');
    },
    get env() {
      return need(env, 'the services');
    },
    get ha() {
      return need(ha, 'the fake Home Assistant');
    },
    get activity() {
      return activity;
    },
    ofType: <T extends ActivityEvent['type']>(type: T) => activity.filter((e): e is ActivityOf<T> => e.type === type),
    onActivity(listener) {
      listeners.push(listener);
    },
    async replaceServices(extra) {
      await env?.close();
      env = await start(extra);
      return env;
    },
  };
}
