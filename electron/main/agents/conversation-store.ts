/**
 * The turns of each text conversation, so a follow-up reaches the agents with what
 * came before. Text only (not tool calls): it stays small and works across patterns.
 * Bounded: the oldest conversations and turns are dropped first.
 *
 * Durable when given a file: `conversations.json` in the data dir, validated on load
 * (a damaged file is moved aside, never deleted), rewritten atomically on each append.
 * Turns older than `historyDays` (Settings → Privacy) are dropped on load and hourly.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { ConversationSchema, type Conversation } from '@shared/agents';
import type { Logger } from '../logger';

const MAX_CONVERSATIONS = 200;
const MAX_TURNS = 60;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const ConversationFileSchema = z
  .object({ version: z.literal(1), conversations: z.array(ConversationSchema).max(MAX_CONVERSATIONS) })
  .strict();

export interface ConversationStoreOptions {
  /** The JSON file to keep conversations in; null or absent keeps them in memory only. */
  filePath?: string | null;
  /** How many days of turns to keep; read each time so a settings change applies. */
  historyDays?: () => number;
  /** Wall-clock ms, injectable for tests. */
  now?: () => number;
  log?: Logger;
}

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private filePath: string | null;
  private readonly now: () => number;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly options: ConversationStoreOptions = {},
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.filePath = options.filePath ?? null;
    this.now = options.now ?? Date.now;
    this.load();
    this.prune();
    this.timer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.timer.unref?.();
  }

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
    this.capConversations();
    return created;
  }

  append(id: string, turn: Conversation['turns'][number]): void {
    const c = this.open(id);
    c.turns.push(turn);
    if (c.turns.length > MAX_TURNS) c.turns.splice(0, c.turns.length - MAX_TURNS);
    // Re-insert so the map's order is least-recently-used first.
    this.conversations.delete(id);
    this.conversations.set(id, c);
    this.save();
  }

  /** Drops turns older than `historyDays`, then conversations left empty, saving when anything changed (returned). */
  prune(): boolean {
    const days = this.options.historyDays?.();
    let changed = false;
    if (days !== undefined && Number.isFinite(days) && days > 0) {
      const cutoff = this.now() - days * DAY_MS;
      for (const c of this.conversations.values()) {
        const kept = c.turns.filter((t) => !(Date.parse(t.at) < cutoff));
        if (kept.length !== c.turns.length) {
          c.turns = kept;
          changed = true;
        }
      }
    }
    for (const [id, c] of this.conversations) {
      if (c.turns.length === 0) {
        this.conversations.delete(id);
        changed = true;
      }
    }
    if (changed) this.save();
    return changed;
  }

  /** Stops the hourly pruning. */
  close(): void {
    clearInterval(this.timer);
  }

  private capConversations(): void {
    while (this.conversations.size > MAX_CONVERSATIONS) {
      const oldest = this.conversations.keys().next().value as string;
      this.conversations.delete(oldest);
    }
  }

  private load(): void {
    if (!this.filePath) return;
    let text: string;
    try {
      text = readFileSync(this.filePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.options.log?.warn('the conversation history could not be read', { path: this.filePath, problem: String(err) });
      return;
    }
    let problem: string;
    try {
      const parsed = ConversationFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        for (const c of parsed.data.conversations) {
          this.conversations.set(c.id, { id: c.id, turns: c.turns.slice(-MAX_TURNS) });
        }
        return;
      }
      problem = parsed.error.issues[0]?.message ?? 'invalid';
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    const stamp = new Date(this.now()).toISOString().replaceAll(':', '-');
    const aside = join(dirname(this.filePath), `${basename(this.filePath, '.json')}.damaged-${stamp}.json`);
    this.options.log?.warn('the conversation history was damaged; it was moved aside and FROK starts with none', { path: this.filePath, problem, aside });
    try {
      renameSync(this.filePath, aside);
    } catch (err) {
      this.options.log?.warn('the damaged conversation history could not be moved aside; keeping conversations in memory only', { path: this.filePath, problem: String(err) });
      // Never overwrite a file we could not move aside.
      this.filePath = null;
    }
  }

  private save(): void {
    if (!this.filePath) return;
    const data: z.infer<typeof ConversationFileSchema> = { version: 1, conversations: [...this.conversations.values()].filter((c) => c.turns.length > 0) };
    const temporary = `${this.filePath}.tmp`;
    try {
      mkdirSync(dirname(this.filePath), { recursive: true });
      writeFileSync(temporary, JSON.stringify(data), { mode: 0o600 });
      renameSync(temporary, this.filePath);
    } catch (err) {
      // A failed write must not fail the ask; the turns stay in memory.
      this.options.log?.warn('the conversation history could not be saved', { path: this.filePath, problem: String(err) });
    }
  }
}
