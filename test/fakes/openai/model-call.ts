// One model call from arrival to reply: normalise, wait, ask the script, write the answer.
import type { ServerResponse } from 'node:http';
import { sendChatJson, streamChat } from './chat-completions.ts';
import { sendError } from './errors.ts';
import { sleep } from './http.ts';
import { normaliseModelRequest } from './normalize.ts';
import { resolveReply } from './reply.ts';
import { sendResponsesJson, streamResponses } from './responses-api.ts';
import type { ModelApi, ModelReply, ModelRequest, ModelScript, RecordedRequest } from './types.ts';

export type ModelCallDeps = {
  script: () => ModelScript;
  latencyMs: () => number;
  /** Receives each call as soon as it is understood, before the reply. */
  onRequest: (request: ModelRequest) => void;
  nextReplyNumber: () => number;
};

export async function handleModelCall(
  api: ModelApi,
  body: unknown,
  recorded: RecordedRequest,
  res: ServerResponse,
  deps: ModelCallDeps,
): Promise<void> {
  const request = normaliseModelRequest(api, body, recorded);
  deps.onRequest(request);
  if (request.model === '') {
    sendError(res, { status: 400, message: "Missing required parameter: 'model'.", code: 'missing_required_parameter' });
    return;
  }

  let reply: ModelReply;
  try {
    reply = await deps.script()(request);
  } catch (error) {
    // A throwing script is a test bug: say so loudly in the SDK error the test will see.
    const message = error instanceof Error ? error.message : String(error);
    sendError(res, { status: 500, message: `fake OpenAI script threw: ${message}`, type: 'fake_script_error' });
    return;
  }

  await sleep(deps.latencyMs() + (reply.delayMs ?? 0));
  if (res.destroyed) return;
  if (reply.error) {
    sendError(res, reply.error);
    return;
  }

  const resolved = resolveReply(request, reply, deps.nextReplyNumber());
  if (api === 'responses') {
    if (request.stream) await streamResponses(res, request, resolved);
    else sendResponsesJson(res, request, resolved);
  } else {
    if (request.stream) await streamChat(res, request, resolved);
    else sendChatJson(res, request, resolved);
  }
}
