// POST /v1/responses: the Responses API reply, as JSON or as the SSE event sequence
// the Agents SDK parses (see notes/SDK.md: every output item needs `status`).
import type { ServerResponse } from 'node:http';
import { sendError } from './errors.ts';
import { sendJson } from './http.ts';
import type { ResolvedReply } from './reply.ts';
import { obfuscation, openSse, textDeltas } from './sse.ts';
import type { ModelRequest, StreamFailure } from './types.ts';

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

type Ending = { error?: { code: string; message: string }; incompleteReason?: string };

function responseObject(request: ModelRequest, reply: ResolvedReply, status: string, output: OutputItem[], ending: Ending = {}) {
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
    error: ending.error ?? null,
    incomplete_details: ending.incompleteReason ? { reason: ending.incompleteReason } : null,
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

/** What a failed or incomplete reply's Response carries (the spec's examples: `usage: null`). */
function endingOf(failure: StreamFailure & { kind: 'failed' | 'incomplete' }): { status: string; ending: Ending } {
  return failure.kind === 'failed'
    ? { status: 'failed', ending: { error: { code: failure.code ?? 'server_error', message: failure.message ?? 'The model failed to generate a response.' } } }
    : { status: 'incomplete', ending: { incompleteReason: failure.reason } };
}

export function sendResponsesJson(res: ServerResponse, request: ModelRequest, reply: ResolvedReply): void {
  const failure = reply.failMidStream;
  if (failure?.kind === 'cut') {
    res.socket?.destroy();
    return;
  }
  if (failure?.kind === 'error') {
    sendError(res, { status: 500, message: failure.message ?? 'The server had an error while processing your request.', type: 'server_error', ...(failure.code ? { code: failure.code } : {}) });
    return;
  }
  if (failure) {
    const { status, ending } = endingOf(failure);
    const items = outputItems(reply).map((item) => ({ ...item, status: failure.kind === 'incomplete' ? 'incomplete' : item.status }));
    sendJson(res, 200, responseObject(request, reply, status, failure.kind === 'incomplete' ? items : [], ending));
    return;
  }
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
  // `malformed: 'truncate'` is the oldest way to say "the connection drops after the first delta".
  const failure: StreamFailure | undefined = reply.failMidStream ?? (reply.malformed === 'truncate' ? { kind: 'cut', afterDeltas: 1 } : undefined);
  const failAfter = failure ? (failure.afterDeltas ?? 2) : Infinity;
  let deltas = 0;
  /** Items already closed, as the terminal event lists them; the open one is added by `fail`. */
  const done: OutputItem[] = [];

  /** Ends the stream the way the script asked, with `open` the item being streamed and what it holds so far. */
  const fail = async (open: OutputItem | null, sofar: string): Promise<void> => {
    if (!failure) return;
    if (failure.kind === 'cut') {
      await failure.until?.();
      sse.abort();
      return;
    }
    if (failure.kind === 'error') {
      emit({ type: 'error', code: failure.code ?? 'server_error', message: failure.message ?? 'The server had an error while processing your request.', param: null });
      sse.end();
      return;
    }
    const { status, ending } = endingOf(failure);
    let output = done;
    if (failure.kind === 'incomplete' && open) {
      // An incomplete reply still closes what it was writing, with what was written.
      const index = done.length;
      const part = { type: 'output_text', text: sofar, annotations: [], logprobs: [] };
      const closed: OutputItem = open.type === 'message' ? { ...open, status: 'incomplete', content: [part] } : { ...open, status: 'incomplete', arguments: sofar };
      if (open.type === 'message') {
        emit({ type: 'response.output_text.done', output_index: index, item_id: open.id, content_index: 0, text: sofar, logprobs: [] });
        emit({ type: 'response.content_part.done', output_index: index, item_id: open.id, content_index: 0, part });
      }
      emit({ type: 'response.output_item.done', output_index: index, item: closed });
      output = [...done, closed];
    }
    emit({ type: `response.${status}`, response: responseObject(request, reply, status, output, ending) });
    sse.end();
  };

  if (failAfter <= 0) return fail(null, '');
  for (const [outputIndex, item] of items.entries()) {
    if (item.type === 'message') {
      const text = reply.text ?? '';
      const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
      emit({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      emit({ type: 'response.content_part.added', output_index: outputIndex, item_id: item.id, content_index: 0, part });
      let sofar = '';
      for (const delta of textDeltas(text)) {
        if (sse.clientGone) return;
        emit({ type: 'response.output_text.delta', output_index: outputIndex, item_id: item.id, content_index: 0, delta, logprobs: [], obfuscation: obfuscation(delta) });
        sofar += delta;
        if (++deltas >= failAfter) return fail(item, sofar);
        await sse.pause(reply.chunkDelayMs);
      }
      emit({ type: 'response.output_text.done', output_index: outputIndex, item_id: item.id, content_index: 0, text, logprobs: [] });
      emit({ type: 'response.content_part.done', output_index: outputIndex, item_id: item.id, content_index: 0, part: { ...part, text } });
    } else {
      const args = String(item.arguments);
      emit({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
      emit({ type: 'response.function_call_arguments.delta', output_index: outputIndex, item_id: item.id, delta: args, obfuscation: obfuscation(args) });
      if (++deltas >= failAfter) return fail(item, args);
      emit({ type: 'response.function_call_arguments.done', output_index: outputIndex, item_id: item.id, name: item.name, arguments: args });
    }
    emit({ type: 'response.output_item.done', output_index: outputIndex, item });
    done.push(item);
  }
  // Fewer deltas than `afterDeltas`: the failure comes where completion would have.
  if (failure) return fail(null, '');
  emit({ type: 'response.completed', response: responseObject(request, reply, 'completed', items) });
  sse.end();
}
