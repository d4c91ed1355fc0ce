// Fills in what a script left out (ids, JSON arguments, token counts) once, for both APIs.
import type { ModelReply, ModelRequest } from './types.ts';

export type ResolvedToolCall = { name: string; arguments: string; callId: string; itemId: string };

export type ResolvedReply = {
  /** Response / completion number on this server, for readable unique ids. */
  n: number;
  text: string | undefined;
  toolCalls: ResolvedToolCall[];
  usage: { inputTokens: number; outputTokens: number };
  chunkDelayMs: number;
  malformed: ModelReply['malformed'];
  failMidStream: ModelReply['failMidStream'];
};

// Rough but deterministic: about four characters a token, like OpenAI's rule of thumb.
const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export function resolveReply(request: ModelRequest, reply: ModelReply, n: number): ResolvedReply {
  const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    callId: call.callId ?? `call_${n}_${i + 1}`,
    itemId: `fc_${n}_${i + 1}`,
  }));
  // A reply with neither text nor calls is still a valid (empty) assistant message.
  const text = reply.text ?? (toolCalls.length === 0 ? '' : undefined);
  const outputChars = (text ?? '') + toolCalls.map((c) => c.name + c.arguments).join('');
  const usage = reply.usage ?? {
    inputTokens: estimateTokens(request.instructions + JSON.stringify(request.input) + JSON.stringify(request.tools)),
    outputTokens: estimateTokens(outputChars),
  };
  return { n, text, toolCalls, usage, chunkDelayMs: reply.chunkDelayMs ?? 0, malformed: reply.malformed, failMidStream: reply.failMidStream };
}
