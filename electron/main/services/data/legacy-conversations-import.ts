/**
 * The plain `conversations.json` earlier versions kept, brought into the encrypted history
 * on the first start with an open data file, then removed — only after every turn was
 * read back from the new store. A file that does not parse is left where it is (and the
 * log says so): it may be a newer format, and deleting it would lose the person's words.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConversationSchema } from '@shared/agents';
import type { Logger } from '../../logger.ts';
import type { HistoryStore } from './history-store.ts';

export const LEGACY_CONVERSATIONS_FILE = 'conversations.json';

const LegacyFileSchema = z.object({ version: z.literal(1), conversations: z.array(ConversationSchema) }).strict();

export type LegacyImportOutcome = { kind: 'none' } | { kind: 'imported'; conversations: number; turns: number } | { kind: 'kept'; why: string };

function spokenTexts(messages: readonly { role: string; text: string }[]): string[] {
  return messages.filter((m) => m.role !== 'tool').map((m) => m.text);
}

export function importLegacyConversations(dataDir: string, history: HistoryStore, log: Logger): LegacyImportOutcome {
  const file = join(dataDir, LEGACY_CONVERSATIONS_FILE);
  if (!existsSync(file)) return { kind: 'none' };
  let parsed: z.infer<typeof LegacyFileSchema>;
  try {
    const result = LegacyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'not the format FROK wrote');
    parsed = result.data;
  } catch (err) {
    const why = `the old conversation file could not be read (${err instanceof Error ? err.message : String(err)}); it was left at ${file}`;
    log.warn('old conversations were not imported', { why });
    return { kind: 'kept', why };
  }
  let turns = 0;
  for (const c of parsed.conversations) {
    // Imported once: a second start after a crash mid-import finds them already there —
    // whole (or continued since), or cut short, which is imported again from the start.
    const kept = history.get(c.id);
    if (kept) {
      const texts = spokenTexts(kept.messages);
      if (c.turns.every((t, i) => texts[i] === t.text)) continue;
      if (texts.every((text, i) => c.turns[i]?.text === text)) history.removeForGood(c.id);
      else continue; // Something else under the same id: the read-back below keeps the old file.
    }
    for (const t of c.turns) {
      const at = Date.parse(t.at);
      history.append(c.id, 'typed', { role: t.role, text: t.text, runId: t.runId, ...(t.cutOff ? { cutOff: true } : {}) }, Number.isFinite(at) ? at : undefined);
    }
  }
  // Checked before the old file goes: every turn is in the new store, word for word.
  for (const c of parsed.conversations) {
    const kept = history.get(c.id);
    const texts = kept ? spokenTexts(kept.messages) : [];
    if (c.turns.some((t, i) => texts[i] !== t.text)) {
      const why = `conversation ${c.id} did not read back the same from the new store; the old file was left at ${file}`;
      log.warn('old conversations were not imported', { why });
      return { kind: 'kept', why };
    }
    turns += c.turns.length;
  }
  rmSync(file, { force: true });
  log.info('old conversations imported into the encrypted history', { conversations: parsed.conversations.length, turns });
  return { kind: 'imported', conversations: parsed.conversations.length, turns };
}
