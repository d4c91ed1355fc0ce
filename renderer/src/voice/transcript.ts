/**
 * The live transcript as pure functions over a list of turns. Live text arrives as deltas
 * (transport events); the SDK's history brings the final text later. An interrupted
 * assistant turn keeps what was said before the cut: the API's final transcript of an
 * interrupted response may be empty or missing, and the person heard the partial one.
 */
import type { RealtimeItem } from '@openai/agents-realtime';
import type { TranscriptTurn } from './types';

export const MAX_REPORTED_TURNS = 500;

export function turnKey(connection: number, itemId: string): string {
  return `${connection}:${itemId}`;
}

function update(turns: TranscriptTurn[], key: string, change: (turn: TranscriptTurn) => TranscriptTurn): TranscriptTurn[] {
  const at = turns.findIndex((t) => t.key === key);
  if (at < 0) return turns;
  const before = turns[at]!;
  const after = change(before);
  if (after === before) return turns;
  const next = turns.slice();
  next[at] = after;
  return next;
}

/** Adds an empty turn for the item unless it is already there (turns keep first-seen order). */
export function ensureTurn(
  turns: TranscriptTurn[],
  t: { key: string; itemId: string; role: TranscriptTurn['role']; agent: string | null },
): TranscriptTurn[] {
  if (turns.some((x) => x.key === t.key)) return turns;
  return [...turns, { ...t, text: '', final: false, interrupted: false }];
}

export function appendText(turns: TranscriptTurn[], key: string, delta: string): TranscriptTurn[] {
  if (!delta) return turns;
  // Late deltas of a turn that was already cut off are audio the person never heard.
  return update(turns, key, (t) => (t.interrupted ? t : { ...t, text: t.text + delta }));
}

/** The final text of a turn. An interrupted turn keeps its partial text unless it has none. */
export function setFinalText(turns: TranscriptTurn[], key: string, text: string): TranscriptTurn[] {
  return update(turns, key, (t) => {
    if (t.interrupted) return t.text ? (t.final ? t : { ...t, final: true }) : { ...t, text, final: true };
    if (t.final && t.text === text) return t;
    return { ...t, text: text || t.text, final: true };
  });
}

export function markInterrupted(turns: TranscriptTurn[], key: string): TranscriptTurn[] {
  return update(turns, key, (t) => (t.interrupted ? t : { ...t, interrupted: true, final: true }));
}

/** The assistant turn still being spoken, if any. */
export function openAssistantTurn(turns: TranscriptTurn[]): TranscriptTurn | undefined {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    if (t.role === 'assistant') return t.final ? undefined : t;
  }
  return undefined;
}

/** The text of a history message item, or null for other items. */
export function historyText(item: RealtimeItem): { role: 'user' | 'assistant'; text: string; done: boolean; incomplete: boolean } | null {
  if (item.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant')) return null;
  const text = item.content
    .map((part) => {
      if (part.type === 'input_text' || part.type === 'output_text') return part.text;
      if (part.type === 'input_audio' || part.type === 'output_audio') return part.transcript ?? '';
      return '';
    })
    .join(' ')
    .trim();
  return { role: item.role, text, done: item.status !== 'in_progress', incomplete: item.status === 'incomplete' };
}

/**
 * Folds the SDK's history (final transcripts) into the turns of one connection. Items not
 * seen live (typed messages) are added; items without text yet are left for later.
 */
export function applyHistory(
  turns: TranscriptTurn[],
  connection: number,
  items: readonly RealtimeItem[],
  agentForNew: string | null,
): TranscriptTurn[] {
  let next = turns;
  for (const item of items) {
    const message = historyText(item);
    if (!message) continue;
    const key = turnKey(connection, item.itemId);
    const known = next.some((t) => t.key === key);
    if (!known && !message.text) continue;
    if (!known) next = ensureTurn(next, { key, itemId: item.itemId, role: message.role, agent: message.role === 'assistant' ? agentForNew : null });
    if (message.role === 'assistant' && message.incomplete) next = markInterrupted(next, key);
    if (message.done && message.text) next = setFinalText(next, key, message.text);
  }
  return next;
}

/** What main keeps as the session's transcript: finished turns with words in them. */
export function reportableTurns(turns: TranscriptTurn[]): { itemId: string; role: 'user' | 'assistant'; text: string; agent: string | null; interrupted: boolean }[] {
  return turns
    .filter((t) => (t.final || t.interrupted) && t.text.trim() !== '')
    .slice(-MAX_REPORTED_TURNS)
    .map((t) => ({ itemId: t.itemId, role: t.role, text: t.text, agent: t.agent, interrupted: t.interrupted }));
}

/** A tool call that ran (its output went back) on an earlier connection of this session. */
export interface ToolRun {
  name: string;
  args: string;
  output: string;
}

/** At most this many turns are put back after a reconnect (the newest). */
export const MAX_REPLAYED_TURNS = 100;

/**
 * The conversation so far as history items for a new connection, so the model remembers
 * what was said: each turn with words as text (a cut-off answer as far as it got, marked
 * incomplete), then a system note of the tools that already ran, so they are not run again.
 * Ids start with `idPrefix`, which must be new for each connection.
 */
export function replayItems(turns: readonly TranscriptTurn[], toolsRun: readonly ToolRun[], idPrefix: string): RealtimeItem[] {
  const spoken = turns.filter((t) => t.text.trim() !== '').slice(-MAX_REPLAYED_TURNS);
  const items: RealtimeItem[] = spoken.map((t, i) =>
    t.role === 'user'
      ? { itemId: `${idPrefix}${i}`, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: t.text }] }
      : {
          itemId: `${idPrefix}${i}`,
          type: 'message',
          role: 'assistant',
          status: t.interrupted ? 'incomplete' : 'completed',
          content: [{ type: 'output_text', text: t.text }],
        },
  );
  if (toolsRun.length > 0) {
    const runs = toolsRun.map((r) => `- ${r.name}(${r.args}) → ${r.output.slice(0, 500)}`).join('\n');
    items.push({
      itemId: `${idPrefix}tools`,
      type: 'message',
      role: 'system',
      content: [
        {
          type: 'input_text',
          text: `The connection dropped and was restored. These tool calls already ran before that, with these results; do not run them again unless the person asks again:\n${runs}`,
        },
      ],
    });
  }
  return items;
}
