/**
 * The Memory view's side in main: every memory, searchable, editable and deletable, each
 * with where it came from and the title of that conversation while it is kept. It waits
 * for the data file's first opening, so the view never shows the empty stand-in.
 */
import type { MemoryView } from '@shared/history';
import { UserFacingError } from '../../errors';
import { tr } from '../../i18n';
import type { Memory, MemoryStore } from './memory-store';

export interface MemoryBookDeps {
  store: MemoryStore;
  /** Settles when the data file's first opening is done (DataService.ready). */
  ready: Promise<void>;
  /** The title of a kept conversation; null when it is no longer kept (or never was). */
  conversationTitle: (conversationId: string) => string | null;
}

export interface MemoryList {
  items: MemoryView[];
  total: number;
}

function notFound(): UserFacingError {
  return new UserFacingError('memory_not_found', tr('errors:memory.notFound'));
}

export class MemoryBook {
  constructor(private readonly deps: MemoryBookDeps) {}

  /** With a query: best match first. Without: newest first. A page at a time, with the total. */
  async list(request: { query?: string; limit?: number; offset?: number } = {}): Promise<MemoryList> {
    await this.deps.ready;
    const { store } = this.deps;
    const page = request.query?.trim()
      ? store.search({ query: request.query, ...(request.limit !== undefined ? { limit: request.limit } : {}), ...(request.offset !== undefined ? { offset: request.offset } : {}) })
      : store.list({ ...(request.limit !== undefined ? { limit: request.limit } : {}), ...(request.offset !== undefined ? { offset: request.offset } : {}) });
    // One title lookup per conversation on the page (each unseals that conversation).
    const titles = new Map<string, string | null>();
    const title = (id: string): string | null => {
      if (!titles.has(id)) titles.set(id, this.deps.conversationTitle(id));
      return titles.get(id) ?? null;
    };
    return { items: page.items.map((m) => this.view(m, title)), total: page.total };
  }

  /** The person's edit: same id and creation time, new wording (and tags when given). */
  async update(request: { id: string; fact: string; tags?: string[] | undefined }): Promise<MemoryView> {
    await this.deps.ready;
    const edited = this.deps.store.edit(request.id, { fact: request.fact, ...(request.tags !== undefined ? { tags: request.tags } : {}) });
    if (!edited) throw notFound();
    return this.view(edited);
  }

  async delete(id: string): Promise<{ ok: true }> {
    await this.deps.ready;
    if (!this.deps.store.forget(id)) throw notFound();
    return { ok: true };
  }

  view(memory: Memory, lookUp: (conversationId: string) => string | null = this.deps.conversationTitle): MemoryView {
    const conversationId = memory.origin?.conversationId ?? null;
    let conversationTitle: string | null = null;
    if (conversationId) {
      try {
        conversationTitle = lookUp(conversationId);
      } catch {
        conversationTitle = null;
      }
    }
    return {
      id: memory.id,
      fact: memory.fact,
      tags: memory.tags,
      createdAt: memory.createdAt,
      updatedAt: memory.updatedAt,
      source: memory.source,
      origin: memory.origin ? { conversationId: memory.origin.conversationId, savedBy: memory.origin.savedBy, voiceSessionId: memory.origin.voiceSessionId } : null,
      conversationTitle,
    };
  }
}
