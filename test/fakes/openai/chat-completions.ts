// POST /v1/chat/completions: a completion as JSON, or `chat.completion.chunk` SSE
// ending in `[DONE]` (with a usage chunk when `stream_options.include_usage`).
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';
import type { ResolvedReply } from './reply.ts';
import { obfuscation, openSse, textDeltas } from './sse.ts';
import type { ModelRequest } from './types.ts';

function usageObject(reply: ResolvedReply) {
  const { inputTokens, outputTokens } = reply.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

const finishReason = (reply: ResolvedReply): string => (reply.toolCalls.length > 0 ? 'tool_calls' : 'stop');

export function sendChatJson(res: ServerResponse, request: ModelRequest, reply: ResolvedReply): void {
  const toolCalls = reply.toolCalls.map((c) => ({
    id: c.callId,
    type: 'function',
    function: { name: c.name, arguments: c.arguments },
  }));
  sendJson(res, 200, {
    id: `chatcmpl-${reply.n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          refusal: null,
          annotations: [],
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(reply),
      },
    ],
    usage: usageObject(reply),
  });
}

export async function streamChat(res: ServerResponse, request: ModelRequest, reply: ResolvedReply): Promise<void> {
  const sse = openSse(res);
  const created = Math.floor(Date.now() / 1000);
  const options = request.raw.stream_options as { include_usage?: boolean } | undefined;
  const includeUsage = options?.include_usage === true;
  // With include_usage every chunk says `usage: null` until the last (usage-only) one.
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id: `chatcmpl-${reply.n}`,
    object: 'chat.completion.chunk',
    created,
    model: request.model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
    obfuscation: obfuscation(JSON.stringify(delta)),
  });

  sse.send(chunk({ role: 'assistant', content: '', refusal: null }));
  if (reply.malformed === 'garbage') {
    sse.sendRaw('data: {"id":"chatcmpl-broken","choices":[{"delta":\n\n');
    sse.end();
    return;
  }
  if (reply.text !== undefined && reply.text !== '') {
    for (const delta of textDeltas(reply.text)) {
      if (sse.clientGone) return;
      sse.send(chunk({ content: delta }));
      if (reply.malformed === 'truncate') {
        sse.abort();
        return;
      }
      await sse.pause(reply.chunkDelayMs);
    }
  }
  for (const [index, call] of reply.toolCalls.entries()) {
    // OpenAI names the call in its first chunk and streams the arguments after.
    sse.send(chunk({ tool_calls: [{ index, id: call.callId, type: 'function', function: { name: call.name, arguments: '' } }] }));
    if (reply.malformed === 'truncate') {
      sse.abort();
      return;
    }
    sse.send(chunk({ tool_calls: [{ index, function: { arguments: call.arguments } }] }));
  }
  if (reply.malformed === 'truncate') {
    sse.abort();
    return;
  }
  sse.send(chunk({}, finishReason(reply)));
  if (includeUsage) {
    sse.send({ ...chunk({}), choices: [], usage: usageObject(reply) });
  }
  sse.send('[DONE]');
  sse.end();
}
