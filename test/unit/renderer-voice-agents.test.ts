// The renderer's RealtimeAgents built from main's spec, inside a real RealtimeSession on the
// SDK's own scripted transport: tools carry calls to main and the text back, approvals go
// through main's check and the person's decision reaches main, handoffs resolve by name.
import { describe, expect, it, vi } from 'vitest';
import { RealtimeSession } from '@openai/agents-realtime';
import { ScriptedRealtimeTransport } from '@openai/agents-realtime/testing';
import type { VoiceAgentSpec } from '@shared/realtime';
import { buildVoiceAgents, type VoiceToolBridge } from '../../renderer/src/voice/agents';

const strict = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false });

const SPECS: VoiceAgentSpec[] = [
  {
    name: 'FROK',
    instructions: 'Main voice agent.',
    handoffDescription: 'main',
    tools: [
      { name: 'get_weather', description: 'Weather.', parameters: strict({ location: { type: 'string' }, units: { type: ['string', 'null'], enum: ['metric', 'imperial', null] } }), mayNeedApproval: false },
      { name: 'control_home', description: 'Home.', parameters: strict({ action: { type: 'string' }, name: { type: ['string', 'null'] } }), mayNeedApproval: true },
    ],
    handoffs: ['Home voice specialist', 'Nobody'],
  },
  { name: 'Home voice specialist', instructions: 'Home agent.', handoffDescription: 'home', tools: [], handoffs: ['FROK'] },
];

function bridge(needsApproval = false) {
  const runs: Parameters<VoiceToolBridge['run']>[0][] = [];
  const checks: [string, string][] = [];
  const reasons: [string | undefined, string | null][] = [];
  const b: VoiceToolBridge = {
    checkApproval: async (name, args) => {
      checks.push([name, args]);
      return { needsApproval, reason: needsApproval ? 'unlock Front Door' : null };
    },
    run: async (request) => {
      runs.push(request);
      return `${request.name} done`;
    },
    rememberApprovalReason: (callId, _tool, reason) => reasons.push([callId, reason]),
  };
  return { b, runs, checks, reasons };
}

async function connected(agentName = 'FROK', b: VoiceToolBridge = bridge().b) {
  const agents = buildVoiceAgents(SPECS, b);
  const transport = new ScriptedRealtimeTransport();
  const session = new RealtimeSession(agents.get(agentName)!, { transport, tracingDisabled: true });
  await session.connect({ apiKey: 'ek_test' });
  return { agents, transport, session };
}

const toolCall = (name: string, args: object, callId = 'call_1') => ({ type: 'function_call' as const, name, callId, arguments: JSON.stringify(args), responseId: 'resp_1' });

const outputs = (transport: ScriptedRealtimeTransport) =>
  transport.calls.filter((c) => c.method === 'sendFunctionCallOutput') as unknown as { output: string; toolCall: { callId: string } }[];

describe('voice agents from the spec', () => {
  it('builds every agent with its tools (strict JSON schemas) and wires handoffs by name, skipping unknown ones', () => {
    const agents = buildVoiceAgents(SPECS, bridge().b);
    const main = agents.get('FROK')!;
    expect(main.tools.map((t) => t.name)).toEqual(['get_weather', 'control_home']);
    expect((main.tools[0] as { parameters: unknown; strict: boolean }).strict).toBe(true);
    expect(main.handoffs).toEqual([agents.get('Home voice specialist')]);
    expect(agents.get('Home voice specialist')!.handoffs).toEqual([main]);
    expect(agents.get('Home voice specialist')!.handoffDescription).toBe('home');
  });

  it('a tool call runs in main with the call id and the arguments as JSON text; the output goes back', async () => {
    const { b, runs, checks } = bridge();
    const { transport } = await connected('FROK', b);
    transport.emit('function_call', toolCall('get_weather', { location: 'Paris', units: null }, 'call_w'));
    await vi.waitFor(() => expect(outputs(transport)).toHaveLength(1));
    expect(runs).toEqual([{ callId: 'call_w', name: 'get_weather', args: '{"location":"Paris","units":null}', approved: false }]);
    expect(checks).toEqual([]);
    expect(outputs(transport)[0]).toMatchObject({ output: 'get_weather done', toolCall: { callId: 'call_w' } });
  });

  it('a call main says needs approval waits for the person; approving tells main it was approved', async () => {
    const { b, runs, checks, reasons } = bridge(true);
    const { transport, session } = await connected('FROK', b);
    const requested = new Promise<Parameters<Parameters<typeof session.on<'tool_approval_requested'>>[1]>[2]>((resolve) =>
      session.on('tool_approval_requested', (_ctx, _agent, request) => resolve(request)),
    );
    transport.emit('function_call', toolCall('control_home', { action: 'turn_off', name: 'Front Door' }, 'call_lock'));
    const request = await requested;
    expect(checks).toEqual([['control_home', '{"action":"turn_off","name":"Front Door"}']]);
    expect(reasons).toEqual([['call_lock', 'unlock Front Door']]);
    expect(runs).toEqual([]);
    await session.approve(request.approvalItem);
    await vi.waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0]).toMatchObject({ callId: 'call_lock', name: 'control_home', approved: true });
  });

  it('a rejected call never reaches main; the model is told it was not done', async () => {
    const { b, runs } = bridge(true);
    const { transport, session } = await connected('FROK', b);
    session.on('tool_approval_requested', (_ctx, _agent, request) => void session.reject(request.approvalItem, { message: 'The person said no.' }));
    transport.emit('function_call', toolCall('control_home', { action: 'turn_off', name: 'Front Door' }));
    await vi.waitFor(() => expect(outputs(transport)).toHaveLength(1));
    expect(runs).toEqual([]);
    expect(outputs(transport)[0]!.output).toBe('The person said no.');
  });

  it("a failing bridge becomes text the model can say, not a broken session", async () => {
    const b: VoiceToolBridge = { checkApproval: async () => ({ needsApproval: false, reason: null }), run: async () => Promise.reject(new Error('IPC went away')) };
    const { transport } = await connected('FROK', b);
    transport.emit('function_call', toolCall('get_weather', { location: 'Oslo', units: null }));
    await vi.waitFor(() => expect(outputs(transport)).toHaveLength(1));
    expect(outputs(transport)[0]!.output).toBe('The get_weather tool could not run: IPC went away. Tell the person it did not work.');
  });

  it('the handoff tool the SDK names transfer_to_Home_voice_specialist switches the agent', async () => {
    const { transport, session } = await connected();
    const handoffs: string[] = [];
    session.on('agent_handoff', (_ctx, _from, to) => handoffs.push(to.name));
    transport.emit('function_call', toolCall('transfer_to_Home_voice_specialist', {}));
    await vi.waitFor(() => expect(session.currentAgent.name).toBe('Home voice specialist'));
    expect(handoffs).toEqual(['Home voice specialist']);
  });
});
