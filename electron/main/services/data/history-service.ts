/**
 * Conversations for the rest of FROK: the History view's list, search, rename, delete
 * with undo and export; the agents' turns (what a follow-up sends the model); and the
 * voice sessions' transcripts and tool calls as main hears of them. Waits for the data
 * file to open, and tells every window when a conversation changed.
 */
import { writeFile } from 'node:fs/promises';
import type { Conversation } from '@shared/agents';
import type {
  ConversationKind,
  ConversationRecord,
  ConversationSummary,
  ExportFormat,
  HistoryList,
  HistorySearchHit,
  SavedFile,
} from '@shared/history';
import type { EventBus } from '../../events.ts';
import { UserFacingError } from '../../errors.ts';
import { tr } from '../../i18n/index.ts';
import type { DataService } from './data-service.ts';
import { conversationMarkdown, conversationsJson, fileNameFor } from './history-export.ts';
import { titleFrom, UNDO_WINDOW_MS, type MessageRecord } from './history-store.ts';

/** Asks the person where to save a file (Electron's save dialog); null when they cancel. */
export type ChooseSavePath = (o: { suggestedName: string; extension: 'md' | 'json' | 'zip' }) => Promise<string | null>;

export interface HistoryServiceDeps {
  data: DataService;
  events: EventBus;
  /** Settings → Privacy: off, a new conversation lasts only until FROK quits and is never written. */
  keepHistory: () => boolean;
  historyDays: () => number;
  chooseSavePath?: ChooseSavePath;
  now?: () => number;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** A finished voice turn as the voice window reports it (see RealtimeReportSchema). */
export interface VoiceTurn {
  itemId: string;
  role: 'user' | 'assistant';
  text: string;
  interrupted: boolean;
}

export class HistoryService {
  private readonly now: () => number;
  /** The transcript items already filed, per voice session: reports repeat the whole transcript. */
  private readonly filedVoiceItems = new Map<string, Set<string>>();
  /** Conversations begun while history was off: this session only, in memory. */
  private readonly sessionOnly = new Map<string, ConversationRecord>();
  /** Conversations deleted for good this session: a late answer or transcript must not recreate them. */
  private readonly forgotten = new Set<string>();
  /** Deleted, still undoable: when. */
  private readonly deletedAt = new Map<string, number>();
  private readonly pendingToolCalls = new Map<string, { name: string; arguments: string; output: string | null; at: number }[]>();
  private readonly purgeTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly pruneTimer: ReturnType<typeof setInterval>;

  constructor(private readonly deps: HistoryServiceDeps) {
    this.now = deps.now ?? Date.now;
    void deps.data.ready.then(() => this.prune());
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref?.();
  }

  private async store() {
    await this.deps.data.ready;
    return this.deps.data.history;
  }

  private changed(conversationId: string | null): void {
    this.deps.events.emit('history:changed', { conversationId });
  }

  async list(o: { limit?: number; before?: number } = {}): Promise<HistoryList> {
    return (await this.store()).list(o);
  }

  async search(text: string, limit?: number): Promise<HistorySearchHit[]> {
    return (await this.store()).search(text, limit);
  }

  /** Delete all my data: what this session holds only in memory goes too, and nothing of before is filed after. */
  forgetSession(alsoForget: readonly string[] = []): void {
    for (const id of alsoForget) this.forgotten.add(id);
    for (const id of [...this.sessionOnly.keys(), ...this.filedVoiceItems.keys(), ...this.pendingToolCalls.keys()]) this.forgotten.add(id);
    this.sessionOnly.clear();
    this.filedVoiceItems.clear();
    this.pendingToolCalls.clear();
  }

  async get(id: string): Promise<ConversationRecord> {
    const c = this.sessionOnly.get(id) ?? (await this.store()).get(id);
    if (!c) throw notFound();
    return c;
  }

  async rename(id: string, title: string): Promise<ConversationSummary> {
    const renamed = (await this.store()).rename(id, title);
    if (!renamed) throw notFound();
    this.changed(id);
    return renamed;
  }

  async delete(id: string): Promise<{ ok: true }> {
    const store = await this.store();
    if (!store.delete(id)) throw notFound();
    this.deletedAt.set(id, this.now());
    this.changed(id);
    const timer = setTimeout(() => {
      this.purgeTimers.delete(timer);
      this.deps.data.history.purgeDeleted();
      if (this.deletedAt.has(id)) {
        this.deletedAt.delete(id);
        this.forgotten.add(id);
      }
    }, UNDO_WINDOW_MS + 1000);
    timer.unref?.();
    this.purgeTimers.add(timer);
    return { ok: true };
  }

  async undoDelete(id: string): Promise<{ ok: true }> {
    this.deletedAt.delete(id);
    if (!(await this.store()).undoDelete(id)) {
      throw new UserFacingError('undo_too_late', tr('errors:conversations.undoTooLate'));
    }
    this.changed(id);
    return { ok: true };
  }

  /** One conversation, or all of them, saved where the person chooses. */
  async export(o: { id?: string; format: ExportFormat }): Promise<SavedFile> {
    const store = await this.store();
    const conversations = o.id ? [await this.get(o.id)] : [...store.all()];
    if (conversations.length === 0) throw new UserFacingError('nothing_to_export', tr('errors:conversations.nothingToExport'));
    const one = o.id ? conversations[0]! : null;
    const extension = o.format === 'markdown' ? 'md' : 'json';
    const suggestedName = one ? fileNameFor(one.title, extension) : `FROK conversations.${extension}`;
    const content = o.format === 'json' ? conversationsJson(conversations, this.now()) : conversations.map((c) => conversationMarkdown(c)).join('\n\n');
    return this.saveAs(suggestedName, extension, content);
  }

  async saveAs(suggestedName: string, extension: 'md' | 'json' | 'zip', content: string | Uint8Array): Promise<SavedFile> {
    if (!this.deps.chooseSavePath) throw new UserFacingError('export_unavailable', tr('errors:conversations.exportUnavailable'));
    const path = await this.deps.chooseSavePath({ suggestedName, extension });
    if (!path) return { saved: false, path: null };
    try {
      await writeFile(path, content, { mode: 0o600 });
    } catch (err) {
      throw new UserFacingError('export_failed', tr('errors:conversations.exportFailed', { path, reason: err instanceof Error ? err.message : String(err) }));
    }
    return { saved: true, path };
  }

  // ── For the agents ──────────────────────────────────────────────────────────────

  /** A conversation's turns as the agents see them (text only), or null when there is none. */
  async turns(id: string): Promise<Conversation | null> {
    const c = this.sessionOnly.get(id) ?? (await this.store()).get(id);
    if (!c) return null;
    return {
      id: c.id,
      turns: c.messages
        .filter((m) => m.role !== 'tool')
        .map((m) => ({ role: m.role as 'user' | 'assistant', text: m.text, at: new Date(m.at).toISOString(), runId: m.runId, ...(m.cutOff ? { cutOff: true } : {}) })),
    };
  }

  async record(conversationId: string, kind: ConversationKind, message: MessageRecord, at: number = this.now()): Promise<void> {
    const store = await this.store();
    // Deleted (or all deleted) while its answer was on its way: the answer is not kept.
    if (this.forgotten.has(conversationId)) return;
    const inSession = this.sessionOnly.get(conversationId);
    if (inSession || (!this.deps.keepHistory() && !store.get(conversationId))) {
      const c = inSession ?? { id: conversationId, kind, title: titleFrom(message.role === 'user' ? message.text : ''), startedAt: at, updatedAt: at, messageCount: 0, messages: [] };
      c.messages.push({ ...message, seq: c.messages.length + 1, at });
      c.messageCount = c.messages.length;
      c.updatedAt = at;
      this.sessionOnly.set(conversationId, c);
      return;
    }
    store.append(conversationId, kind, message, at);
    this.changed(conversationId);
  }

  // ── For voice sessions ──────────────────────────────────────────────────────────

  /**
   * Files the finished turns not filed yet; a voice session is its own conversation.
   * Tool calls reach main before the turn that asked for them is reported, so they wait
   * and are filed just before the first new answer: question, tool call, answer.
   */
  async voiceTranscript(sessionId: string, turns: readonly VoiceTurn[]): Promise<void> {
    const filed = this.filedVoiceItems.get(sessionId) ?? new Set<string>();
    this.filedVoiceItems.set(sessionId, filed);
    const store = await this.store();
    // Worked out after the wait: a report and the session's end can both be on their way at once.
    const fresh = turns.filter((t) => !filed.has(t.itemId) && t.text.trim() !== '');
    if (fresh.length === 0 || this.forgotten.has(sessionId)) return;
    for (const turn of fresh) {
      filed.add(turn.itemId);
      if (turn.role === 'assistant') this.fileToolCalls(sessionId);
      store.append(sessionId, 'voice', { role: turn.role, text: turn.text, runId: null, ...(turn.interrupted ? { cutOff: true } : {}) });
    }
    this.changed(sessionId);
  }

  voiceToolCall(sessionId: string, call: { name: string; arguments: string; output: string | null }): void {
    const pending = this.pendingToolCalls.get(sessionId) ?? [];
    pending.push({ ...call, at: this.now() });
    this.pendingToolCalls.set(sessionId, pending);
  }

  /** The session ended: what it still held back is filed. */
  async voiceSessionEnded(sessionId: string, turns: readonly VoiceTurn[] = []): Promise<void> {
    await this.voiceTranscript(sessionId, turns);
    if (this.pendingToolCalls.has(sessionId)) {
      await this.deps.data.ready;
      this.fileToolCalls(sessionId);
      this.changed(sessionId);
    }
    this.filedVoiceItems.delete(sessionId);
  }

  private fileToolCalls(sessionId: string): void {
    const pending = this.pendingToolCalls.get(sessionId);
    this.pendingToolCalls.delete(sessionId);
    if (this.forgotten.has(sessionId)) return;
    for (const { at, ...tool } of pending ?? []) this.deps.data.history.append(sessionId, 'voice', { role: 'tool', text: '', runId: null, tool }, at);
  }

  prune(): void {
    if (this.deps.data.history.prune(this.deps.historyDays()) > 0) this.changed(null);
  }

  close(): void {
    clearInterval(this.pruneTimer);
    for (const t of this.purgeTimers) clearTimeout(t);
  }
}

function notFound(): UserFacingError {
  return new UserFacingError('conversation_not_found', tr('errors:conversations.notKept'));
}
