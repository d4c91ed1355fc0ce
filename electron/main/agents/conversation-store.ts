/**
 * The turns of each text conversation, so a follow-up reaches the agents with what
 * came before. Text only (not tool calls): it stays small and works across patterns.
 * Bounded: the oldest conversations and turns are dropped first.
 */
import type { Conversation } from '@shared/agents';

const MAX_CONVERSATIONS = 200;
const MAX_TURNS = 60;

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly newId: () => string = () => crypto.randomUUID()) {}

  get(id: string): Conversation | null {
    const c = this.conversations.get(id);
    return c ? { id: c.id, turns: c.turns.map((t) => ({ ...t })) } : null;
  }

  /** Returns the conversation, creating it (with this id, or a new one) when unknown. */
  open(id: string | undefined): Conversation {
    const existing = id ? this.conversations.get(id) : undefined;
    if (existing) return existing;
    const created: Conversation = { id: id ?? this.newId(), turns: [] };
    this.conversations.set(created.id, created);
    while (this.conversations.size > MAX_CONVERSATIONS) {
      const oldest = this.conversations.keys().next().value as string;
      this.conversations.delete(oldest);
    }
    return created;
  }

  append(id: string, turn: Conversation['turns'][number]): void {
    const c = this.open(id);
    c.turns.push(turn);
    if (c.turns.length > MAX_TURNS) c.turns.splice(0, c.turns.length - MAX_TURNS);
    // Re-insert so the map's order is least-recently-used first.
    this.conversations.delete(id);
    this.conversations.set(id, c);
  }
}
