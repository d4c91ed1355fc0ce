/**
 * The plain `memory.db` earlier versions kept, brought into the encrypted data file on the
 * first start with an open data file, then removed (with its -wal and -shm) — only after
 * every memory was read back from the sealed records. Anything short of that leaves the old
 * file where it is and says why in the log; the next start tries again. A damaged file, or
 * one a newer FROK wrote, is left alone too: deleting it would lose the person's memories.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../logger';
import { MEMORY_MIGRATIONS } from '../memory/memory-schema';
import type { Memory, MemoryStore } from '../memory/memory-store';
import { normaliseFact } from '../memory/memory-validation';
import type { MemoryRecords } from './memory-records';
import { describeError } from './sqlite-file';

export const LEGACY_MEMORY_FILE = 'memory.db';
const LEGACY_MEMORY_FILES = [LEGACY_MEMORY_FILE, `${LEGACY_MEMORY_FILE}-wal`, `${LEGACY_MEMORY_FILE}-shm`];

export type LegacyMemoryImportOutcome = { kind: 'none' } | { kind: 'imported'; memories: number; added: number } | { kind: 'kept'; file: string; why: string };

interface LegacyRow {
  id: unknown;
  fact: unknown;
  tags: unknown;
  source: unknown;
  created_at: unknown;
  updated_at: unknown;
}

/** Every memory of an earlier version's file, as it was (origin unknown); throws if the file can't be read whole. */
export function readLegacyMemories(file: string): Memory[] {
  const db = new DatabaseSync(file);
  try {
    const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    if (version > MEMORY_MIGRATIONS.length) throw new Error(`it was written by a newer version of FROK (schema ${version})`);
    const check = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') throw new Error(`it is damaged (${check.map((r) => r.quick_check).slice(0, 3).join('; ')})`);
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'memories'").get();
    if (!hasTable) return [];
    const rows = db.prepare('SELECT id, fact, tags, source, created_at, updated_at FROM memories ORDER BY seq').all() as unknown as LegacyRow[];
    return rows.map((row, i) => {
      const tags: unknown = typeof row.tags === 'string' ? JSON.parse(row.tags) : null;
      if (
        typeof row.id !== 'string' || typeof row.fact !== 'string' || !Array.isArray(tags) || !tags.every((t) => typeof t === 'string') ||
        (row.source !== 'user' && row.source !== 'agent') || typeof row.created_at !== 'string' || typeof row.updated_at !== 'string'
      ) {
        throw new Error(`memory ${i + 1} is not in the format FROK wrote`);
      }
      return { id: row.id, fact: row.fact, tags: tags as string[], source: row.source, createdAt: row.created_at, updatedAt: row.updated_at, origin: null };
    });
  } finally {
    db.close();
  }
}

export function importLegacyMemories(dataDir: string, store: MemoryStore, records: MemoryRecords, log: Logger): LegacyMemoryImportOutcome {
  const file = join(dataDir, LEGACY_MEMORY_FILE);
  if (!existsSync(file)) return { kind: 'none' };
  const kept = (why: string): LegacyMemoryImportOutcome => {
    log.warn('old memories were not imported; the old file was kept and the import will be tried again at the next start', { why, file });
    return { kind: 'kept', file, why };
  };
  let old: Memory[];
  try {
    old = readLegacyMemories(file);
  } catch (err) {
    return kept(`the old memory file could not be read: ${describeError(err)}`);
  }
  let added: Memory[];
  try {
    added = store.adopt(old);
  } catch (err) {
    return kept(`the memories could not be saved in the encrypted data file: ${describeError(err)}`);
  }
  // Checked before the old file goes: every memory reads back from the sealed records (the
  // file itself, not the working copy) word for word — by its id, or, if the same wording
  // was saved again since, by that wording.
  try {
    const sealed = records.all();
    const byId = new Map(sealed.map((m) => [m.id, m]));
    const wordings = new Set(sealed.map((m) => normaliseFact(m.fact)));
    const missing = old.filter((m) => byId.get(m.id)?.fact !== m.fact && !wordings.has(normaliseFact(m.fact)));
    if (missing.length > 0) return kept(`${missing.length} of ${old.length} memories did not read back from the encrypted data file (first: ${missing[0]!.id})`);
    const notInStore = old.filter((m) => byId.has(m.id) && !store.get(m.id));
    if (notInStore.length > 0) return kept(`${notInStore.length} of ${old.length} memories are missing from memory (first: ${notInStore[0]!.id})`);
  } catch (err) {
    return kept(`the imported memories could not be checked: ${describeError(err)}`);
  }
  try {
    for (const name of LEGACY_MEMORY_FILES) rmSync(join(dataDir, name), { force: true });
  } catch (err) {
    log.warn('old memories were imported, but the old plain file could not be removed', { file, why: describeError(err) });
    return { kind: 'imported', memories: old.length, added: added.length };
  }
  log.info('old memories imported into the encrypted data file', { memories: old.length, added: added.length });
  return { kind: 'imported', memories: old.length, added: added.length };
}
