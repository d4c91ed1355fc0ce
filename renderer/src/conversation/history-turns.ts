/**
 * A kept conversation (typed or spoken, from `history:get`) as the Conversation screen's
 * turns: each question with the tool calls made for it and its answer, and a tool call
 * as one short readable line.
 */
import type { ConversationRecord, HistoryMessage } from '@shared/history';
import type { ConversationTurn, RestoredToolCall } from './conversation-model';

const ARGUMENTS_MAX = 80;
const OUTPUT_MAX = 120;

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

/** `{"city":"Berlin","days":2}` → `city: "Berlin", days: 2`; anything that is not a JSON object stays as written. */
export function toolArgumentsText(args: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return clip(args, ARGUMENTS_MAX);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return clip(args, ARGUMENTS_MAX);
  return clip(
    Object.entries(parsed as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${valueText(v)}`)
      .join(', '),
    ARGUMENTS_MAX,
  );
}

/** One line for a tool call: `get_weather(city: "Berlin") → 12 °C and sunny`. */
export function toolLine(tool: RestoredToolCall): string {
  const call = `${tool.name}(${toolArgumentsText(tool.arguments)})`;
  if (tool.output === null) return `${call} → no result`;
  const output = clip(tool.output, OUTPUT_MAX);
  return `${call} → ${output === '' ? 'done' : output}`;
}

/** Questions open turns; tool calls and the answer after a question belong to it. */
export function turnsFromRecord(record: ConversationRecord): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  const start = (m: HistoryMessage, question: string): ConversationTurn => {
    const turn: ConversationTurn = {
      runId: m.runId ?? `restored-${record.id}-${m.seq}`,
      question,
      options: {},
      status: 'restored',
      result: null,
      error: null,
      answer: '',
    };
    // Two turns of one run (a retry kept both) must not share a React key.
    if (turns.some((t) => t.runId === turn.runId)) turn.runId = `${turn.runId}-${m.seq}`;
    turns.push(turn);
    return turn;
  };
  for (const m of record.messages) {
    if (m.role === 'user') {
      start(m, m.text);
      continue;
    }
    const last = turns.at(-1);
    // A turn whose answer is already there takes no more: what follows starts a turn of its own.
    const open = last && last.answer === '' ? last : start(m, '');
    if (m.role === 'tool') {
      if (m.tool) open.tools = [...(open.tools ?? []), m.tool];
      continue;
    }
    open.answer = m.text;
    if (m.cutOff) open.cutOff = true;
    if (m.helpers?.length) open.helpers = m.helpers;
  }
  return turns;
}
