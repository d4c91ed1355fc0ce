// Turns a Responses or Chat Completions request body into one ModelRequest shape,
// so scripts need not care which API the SDK used.
import type { ModelApi, ModelRequest, RecordedRequest, ToolOutput, ToolSpec } from './types.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Text of a message `content`: a string, or parts with `text`. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) ? str(part.text) || str(part.refusal) : typeof part === 'string' ? part : ''))
    .join('');
}

/** A tool output may be a string or a list of content parts. */
function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  const text = contentText(output);
  return text !== '' ? text : JSON.stringify(output ?? null);
}

function responsesTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isObject).flatMap((t) =>
    typeof t.name === 'string' ? [{ name: t.name, description: str(t.description), parameters: t.parameters }] : [],
  );
}

function chatTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isObject).flatMap((t) => {
    const fn = isObject(t.function) ? t.function : undefined;
    return fn && typeof fn.name === 'string'
      ? [{ name: fn.name, description: str(fn.description), parameters: fn.parameters }]
      : [];
  });
}

function normaliseResponses(body: Json): Omit<ModelRequest, 'recorded' | 'api'> {
  const input: unknown[] =
    typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body.input) ? body.input : [];
  const callNames = new Map<string, string>();
  const toolOutputs: ToolOutput[] = [];
  let lastUserText = '';
  const systemTexts: string[] = [];
  for (const item of input) {
    if (!isObject(item)) continue;
    if (item.type === 'function_call' && typeof item.call_id === 'string') callNames.set(item.call_id, str(item.name));
    else if (item.type === 'function_call_output' && typeof item.call_id === 'string') {
      const name = callNames.get(item.call_id);
      toolOutputs.push({ callId: item.call_id, ...(name ? { name } : {}), output: outputText(item.output) });
    } else if (item.role === 'user') lastUserText = contentText(item.content);
    else if (item.role === 'system' || item.role === 'developer') systemTexts.push(contentText(item.content));
  }
  const instructions = [str(body.instructions), ...systemTexts].filter((s) => s !== '').join('\n');
  return {
    model: str(body.model),
    instructions,
    input,
    tools: responsesTools(body.tools),
    toolOutputs,
    lastUserText,
    stream: body.stream === true,
    raw: body,
  };
}

function normaliseChat(body: Json): Omit<ModelRequest, 'recorded' | 'api'> {
  const messages: unknown[] = Array.isArray(body.messages) ? body.messages : [];
  const callNames = new Map<string, string>();
  const toolOutputs: ToolOutput[] = [];
  const systemTexts: string[] = [];
  let lastUserText = '';
  for (const m of messages) {
    if (!isObject(m)) continue;
    if (m.role === 'system' || m.role === 'developer') systemTexts.push(contentText(m.content));
    else if (m.role === 'user') lastUserText = contentText(m.content);
    else if (m.role === 'assistant' && Array.isArray(m.tool_calls)) {
      for (const call of m.tool_calls) {
        if (isObject(call) && typeof call.id === 'string' && isObject(call.function)) {
          callNames.set(call.id, str(call.function.name));
        }
      }
    } else if (m.role === 'tool' && typeof m.tool_call_id === 'string') {
      const name = callNames.get(m.tool_call_id);
      toolOutputs.push({ callId: m.tool_call_id, ...(name ? { name } : {}), output: outputText(m.content) });
    }
  }
  return {
    model: str(body.model),
    instructions: systemTexts.join('\n'),
    input: messages,
    tools: chatTools(body.tools),
    toolOutputs,
    lastUserText,
    stream: body.stream === true,
    raw: body,
  };
}

export function normaliseModelRequest(api: ModelApi, body: unknown, recorded: RecordedRequest): ModelRequest {
  const json = isObject(body) ? body : {};
  const common = api === 'responses' ? normaliseResponses(json) : normaliseChat(json);
  return { api, ...common, recorded };
}
