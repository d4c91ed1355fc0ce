/**
 * Turns main's voice agent spec into RealtimeAgents. Every tool is a thin wrapper: main
 * decides whether a call needs the person's OK and runs the tool; the renderer only
 * carries the call there and the text back.
 */
import { RealtimeAgent, tool } from '@openai/agents-realtime';
import type { VoiceAgentSpec, VoiceToolSpec } from '@shared/realtime';

/** How the tools reach main (the `realtime:*` channels, bound to the current session). */
export interface VoiceToolBridge {
  checkApproval(name: string, args: string): Promise<{ needsApproval: boolean; reason: string | null }>;
  run(request: { callId: string; name: string; args: string; approved: boolean }): Promise<string>;
  /** Main's reason for asking, kept so the approval prompt can say what the call would do. */
  rememberApprovalReason?(callId: string | undefined, toolName: string, reason: string | null): void;
}

/** Main's spec parameters: a strict JSON schema object (see voiceToolSpec in main). */
type StrictJsonSchema = {
  type: 'object';
  properties: Record<string, never>;
  required: never[];
  additionalProperties: false;
};

export function buildVoiceTool(spec: VoiceToolSpec, bridge: VoiceToolBridge) {
  return tool({
    name: spec.name,
    description: spec.description,
    // Main sends a strict JSON schema (every property required, no extras).
    parameters: spec.parameters as unknown as StrictJsonSchema,
    strict: true,
    needsApproval: spec.mayNeedApproval
      ? async (_ctx, args, callId) => {
          const check = await bridge.checkApproval(spec.name, JSON.stringify(args ?? {}));
          if (check.needsApproval) bridge.rememberApprovalReason?.(callId, spec.name, check.reason);
          return check.needsApproval;
        }
      : false,
    execute: async (args, runContext, details) => {
      const callId = details?.toolCall?.callId ?? crypto.randomUUID();
      // The SDK only runs an approval-gated call after session.approve(); the run context
      // remembers that decision, and main wants to know the person said yes.
      const approved = spec.mayNeedApproval && runContext?.isToolApproved({ toolName: spec.name, callId }) === true;
      return bridge.run({ callId, name: spec.name, args: JSON.stringify(args ?? {}), approved });
    },
    // Main turns tool failures into text already; a failure here is the IPC itself.
    errorFunction: (_ctx, error) =>
      `The ${spec.name} tool could not run: ${error instanceof Error ? error.message : String(error)}. Tell the person it did not work.`,
  });
}

/** Builds every agent first, then wires handoffs by name (agents may hand back to each other). */
export function buildVoiceAgents(specs: VoiceAgentSpec[], bridge: VoiceToolBridge): Map<string, RealtimeAgent> {
  const agents = new Map<string, RealtimeAgent>();
  for (const spec of specs) {
    agents.set(
      spec.name,
      new RealtimeAgent({
        name: spec.name,
        instructions: spec.instructions,
        handoffDescription: spec.handoffDescription,
        tools: spec.tools.map((t) => buildVoiceTool(t, bridge)),
      }),
    );
  }
  for (const spec of specs) {
    const agent = agents.get(spec.name)!;
    agent.handoffs = spec.handoffs.flatMap((name) => {
      const target = agents.get(name);
      return target ? [target] : [];
    });
  }
  return agents;
}
