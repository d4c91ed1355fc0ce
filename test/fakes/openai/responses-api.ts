// POST /v1/responses: the Responses API reply, as JSON or as the SSE event sequence
// the Agents SDK parses (see notes/SDK.md: every output item needs `status`).
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';
import type { ResolvedReply } from './reply.ts';
import { obfuscation, openSse, textDeltas } from './sse.ts';
import type { ModelRequest } from './types.ts';

type OutputItem = Record<string, unknown> & { type: string; id: string };

function outputItems(reply: ResolvedReply): OutputItem[] {
  const items: OutputItem[] = [];
  if (reply.text !== undefined) {
    items.push({
      type: 'message',
      id: `msg_${reply.n}`,
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }],
    });
  }
  for (const call of reply.toolCalls) {
    items.push({
      type: 'function_call',
      id: call.itemId,
      call_id: call.callId,
      name: call.name,
      arguments: call.arguments,
      status: 'completed',
    });
  }
  return items;
}

function responseObject(request: ModelRequest, reply: ResolvedReply, status: string, output: OutputItem[]) {
  const { inputTokens, outputTokens } = reply.usage;
  const raw = request.raw;
  const createdAt = Math.floor(Date.now() / 1000);
  // Every field the real API returns, the request's settings echoed (see the Response schema).
  return {
    id: `resp_${reply.n}`,
    object: 'response',
    created_at: createdAt,
    status,
    background: raw.background ?? false,
    completed_at: status === 'completed' ? createdAt : null,
    error: null,
    incomplete_details: null,
    instructions: raw.instructions ?? null,
    max_output_tokens: raw.max_output_tokens ?? null,
    max_tool_calls: raw.max_tool_calls ?? null,
    model: request.model,
    output,
    parallel_tool_calls: raw.parallel_tool_calls ?? true,
    previous_response_id: raw.previous_response_id ?? null,
    prompt_cache_key: raw.prompt_cache_key ?? null,
    reasoning: raw.reasoning ?? { effort: null, summary: null },
    safety_identifier: raw.safety_identifier ?? null,
    service_tier: raw.service_tier && raw.service_tier !== 'auto' ? raw.service_tier : 'default',
    store: raw.store ?? true,
    temperature: raw.temperature ?? 1,
    text: raw.text ?? { format: { type: 'text' } },
    tool_choice: raw.tool_choice ?? 'auto',
    tools: raw.tools ?? [],
    top_logprobs: raw.top_logprobs ?? 0,
    top_p: raw.top_p ?? 1,
    truncation: raw.truncation ?? 'disabled',
    user: raw.user ?? null,
    metadata: raw.metadata ?? {},
    usage:
      status === 'completed'
        ? {
            input_tokens: inputTokens,
            input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
            output_tokens: outputTokens,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: inputTokens + outputTokens,
          }
        : null,
  };
}

export function sendResponsesJson(res: ServerResponse, request: ModelRequest, reply: ResolvedReply): void {
  sendJson(res, 200, responseObject(request, reply, 'completed', outputItems(reply)));
}

export async function streamResponses(res: ServerResponse, request: ModelRequest, reply: ResolvedReply): Promise<void> {
  const sse = openSse(res);
  let seq = 0;
  const emit = (event: Record<string, unknown> & { type: string }): void =>
    sse.send({ ...event, sequence_number: seq++ }, event.type);

  const items = outputItems(reply);
  emit({ type: 'response.created', response: responseObject(request, reply, 'in_progress', []) });
  emit({ type: 'response.in_progress', response: responseObject(request, reply, 'in_progress', []) });

  if (reply.malformed === 'garbage') {
    sse.sendRaw('data: {"type":"response.output_text.delta","delta":\n\n');
    sse.end();
    return;
  }

  for (const [outputIndex, item] of items.entries()) {
    if (item.type === 'message') {
      const text = reply.text ?? '';
      const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
      emit({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      emit({ type: 'response.content_part.added', output_index: outputIndex, item_id: item.id, content_index: 0, part });
      for (const delta of textDeltas(text)) {
        if (sse.clientGone) return;
        emit({ type: 'response.output_text.delta', output_index: outputIndex, item_id: item.id, content_index: 0, delta, logprobs: [], obfuscation: obfuscation(delta) });
        if (reply.malformed === 'truncate') {
          // A dropped connection mid-answer: no completion event ever arrives.
          sse.abort();
          return;
        }
        await sse.pause(reply.chunkDelayMs);
      }
      emit({ type: 'response.output_text.done', output_index: outputIndex, item_id: item.id, content_index: 0, text, logprobs: [] });
      emit({ type: 'response.content_part.done', output_index: outputIndex, item_id: item.id, content_index: 0, part: { ...part, text } });
    } else {
      const args = String(item.arguments);
      emit({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
      emit({ type: 'response.function_call_arguments.delta', output_index: outputIndex, item_id: item.id, delta: args, obfuscation: obfuscation(args) });
      if (reply.malformed === 'truncate') {
        sse.abort();
        return;
      }
      emit({ type: 'response.function_call_arguments.done', output_index: outputIndex, item_id: item.id, name: item.name, arguments: args });
    }
    emit({ type: 'response.output_item.done', output_index: outputIndex, item });
  }
  if (reply.malformed === 'truncate') {
    sse.abort();
    return;
  }
  emit({ type: 'response.completed', response: responseObject(request, reply, 'completed', items) });
  sse.end();
}
