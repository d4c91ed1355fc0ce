// The queue of scripted user turns and the reading of one AssistantReply.
import { toolName } from './tool-name.ts';
import type { AssistantReply, ScriptedTurn, ToolCallSpec } from './types.ts';

export class ScriptQueue {
  private turns: ScriptedTurn[] = [];

  set(turns: ScriptedTurn[]): void {
    this.turns = [...turns];
  }

  next(): ScriptedTurn | undefined {
    return this.turns.shift();
  }

  get remaining(): number {
    return this.turns.length;
  }
}

/** The reply's function calls, its handoff included as the SDK names it. */
export function replyToolCalls(reply: AssistantReply): ToolCallSpec[] {
  const calls = [...(reply.toolCalls ?? [])];
  if (reply.handoff) calls.push({ name: `transfer_to_${toolName(reply.handoff)}`, arguments: {} });
  return calls;
}

/** Whether the reply has a spoken (message) part. */
export const replySpeaks = (reply: AssistantReply): boolean =>
  (reply.transcript ?? '') !== '' || (reply.audioSeconds ?? 0) > 0;

/** Audio length for a tone reply: about the time it takes to say the transcript. */
export function toneSeconds(reply: AssistantReply): number {
  if (reply.audioSeconds !== undefined) return reply.audioSeconds;
  const chars = (reply.transcript ?? '').length;
  return Math.min(8, Math.max(0.4, chars * 0.065));
}
