/**
 * The memory specialist's tools. Parameters are zod objects whose fields are all required,
 * some nullable, because OpenAI's strict JSON schema has no optional fields. Replies are
 * compact JSON with memory ids, so the model can forget what it just recalled. Problems
 * the model can fix (an over-long fact, an unknown id) come back as `{ "error": … }`
 * rather than a thrown error, which the SDK would turn into a generic failure message.
 */
import { tool, type Tool } from '@openai/agents';
import { z } from 'zod';
import { UserFacingError } from '../../errors.ts';
import { searchTerms } from './fts-query.ts';
import type { Memory, MemoryOrigin, MemoryStore } from './memory-store.ts';
import { MEMORY_LIMITS } from './memory-validation.ts';

export { recallPreferenceForVoice } from './spoken-memory.ts';

/** A list for the model, not a UI page: enough to choose from, small enough to read. */
const TOOL_LIST_LIMITS = { default: 20, max: 50 } as const;

function forModel(memory: Memory): { id: string; fact: string; tags: string[]; savedAt: string } {
  return { id: memory.id, fact: memory.fact, tags: memory.tags, savedAt: memory.updatedAt };
}

/**
 * What the run was started with (agent-service.ts passes it as the Agents SDK run
 * context, which reaches specialists run as tools): the conversation being had.
 */
export interface MemoryRunContext {
  conversationId?: string;
  source?: string;
  voiceSessionId?: string;
}

export interface MemoryToolsOptions {
  /** The title of a conversation while it is kept; null when it is not (or is unknown). */
  conversationTitle?: (conversationId: string) => string | null;
}

/** Who saved a memory, as a model can say it. */
function savedByWords(origin: MemoryOrigin | null): string | null {
  if (!origin?.savedBy) return null;
  if (origin.savedBy === 'voice') return 'the voice assistant, during a voice conversation';
  return `the ${origin.savedBy} specialist`;
}

/** A recalled memory with where it came from, for answering "why do you think I …?". */
function withProvenance(memory: Memory, conversationTitle: MemoryToolsOptions['conversationTitle']) {
  const conversationId = memory.origin?.conversationId ?? null;
  let title: string | null = null;
  if (conversationId && conversationTitle) {
    try {
      title = conversationTitle(conversationId);
    } catch {
      title = null;
    }
  }
  return {
    ...forModel(memory),
    firstSavedAt: memory.createdAt,
    savedBy: savedByWords(memory.origin),
    person: memory.source === 'user' ? 'said by the person' : 'noted by an agent',
    conversation: conversationId ? (title ?? 'a conversation that is no longer kept') : null,
  };
}

function contextOf(runContext: unknown): MemoryRunContext {
  const context = (runContext as { context?: unknown } | undefined)?.context;
  return context && typeof context === 'object' ? (context as MemoryRunContext) : {};
}

function originOf(runContext: unknown): MemoryOrigin {
  const c = contextOf(runContext);
  const voiceSessionId = typeof c.voiceSessionId === 'string' ? c.voiceSessionId : null;
  return { conversationId: typeof c.conversationId === 'string' ? c.conversationId : null, savedBy: 'memory', voiceSessionId };
}

/** Runs a tool body, handing problems the model can act on back to it as text. */
function reply(body: () => unknown): string {
  try {
    return JSON.stringify(body());
  } catch (err) {
    if (err instanceof UserFacingError) return JSON.stringify({ error: err.message });
    throw err;
  }
}

const RememberParameters = z.object({
  fact: z
    .string()
    .describe(
      `One fact, in the person's own first person so it reads well later without this conversation, e.g. "I prefer warm lighting in the evening" or "My sister Anna's birthday is 3 May". At most ${MEMORY_LIMITS.factChars} characters.`,
    ),
  tags: z
    .array(z.string())
    .nullable()
    .describe(`A few short topic words, e.g. ["home", "lighting"] (at most ${MEMORY_LIMITS.tags}, each up to ${MEMORY_LIMITS.tagChars} characters), or null.`),
});

const RecallParameters = z.object({
  query: z.string().describe('What to look for, in plain words, e.g. "favourite colour" or "sister birthday".'),
  limit: z.number().nullable().describe('How many memories to return, 1–50; null for 5.'),
});

const ForgetParameters = z.object({
  id: z.string().describe('The id of the memory to delete, e.g. "mem_1f2e3d4c5b6a7980", as returned by recall or list_memories.'),
});

const ListParameters = z.object({
  limit: z.number().nullable().describe(`How many of the most recent memories to return, 1–${TOOL_LIST_LIMITS.max}; null for ${TOOL_LIST_LIMITS.default}.`),
});

export function createMemoryTools(store: MemoryStore, o: MemoryToolsOptions = {}): Tool[] {
  const remember = tool({
    name: 'remember',
    description:
      'Save a lasting fact about the person: a preference, a name, a date, a routine. One fact per call. Saving the same fact again refreshes it and adds any new tags instead of duplicating it.',
    parameters: RememberParameters,
    execute: ({ fact, tags }, runContext) =>
      reply(() => ({ saved: forModel(store.remember({ fact, tags: tags ?? [], source: 'agent', origin: originOf(runContext) })) })),
  });

  const recall = tool({
    name: 'recall',
    description:
      'Search saved memories about the person by words, best match first. Returns each memory with its id and where it came from: when it was first saved, who saved it, and the conversation it was saved in (its title while that conversation is kept). A query with no specific words returns the most recent memories.',
    parameters: RecallParameters,
    execute: ({ query, limit }) =>
      reply(() => {
        const memories = store.recall({ query, limit: limit ?? undefined }).map((m) => withProvenance(m, o.conversationTitle));
        if (searchTerms(query).length === 0) return { memories, note: 'The query had no specific words, so these are the most recent memories.' };
        if (memories.length === 0) return { memories, note: `Nothing saved matches "${query}".` };
        return { memories };
      }),
  });

  const forget = tool({
    name: 'forget',
    description: 'Delete one saved memory by its id (from recall or list_memories), when the person asks to forget it or it is no longer true.',
    parameters: ForgetParameters,
    execute: ({ id }) =>
      reply(() =>
        store.forget(id)
          ? { forgotten: id.trim() }
          : { error: `No memory has the id "${id}". Find the right id with recall or list_memories.` },
      ),
  });

  const listMemories = tool({
    name: 'list_memories',
    description: 'List the most recently saved memories, newest first, with their ids and the total number saved.',
    parameters: ListParameters,
    execute: ({ limit }) =>
      reply(() => {
        const capped = Math.min(TOOL_LIST_LIMITS.max, Math.max(1, Math.floor(limit ?? TOOL_LIST_LIMITS.default)));
        const { items, total } = store.list({ limit: capped });
        return { total, memories: items.map(forModel) };
      }),
  });

  return [remember, recall, forget, listMemories];
}
