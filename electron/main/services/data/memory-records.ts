/**
 * The person's memories in the encrypted data file: one sealed record per memory (fact,
 * tags, source, times, origin as JSON inside), with only its id and a time in plain form.
 * The memory store keeps its searchable working copy in memory and writes every change
 * through to these records (memory-store.ts `attach`).
 *
 * Node runs the memory benchmark by stripping types, so this file uses only erasable
 * TypeScript and explicit `.ts` import paths.
 */
import type { StatementSync } from 'node:sqlite';
import { UserFacingError } from '../../errors.ts';
import { tr } from '../../i18n/index.ts';
import type { Memory, MemoryPersistence } from '../memory/memory-store.ts';
import type { DataVault } from './data-vault.ts';
import { describeError } from './sqlite-file.ts';
import { inTransaction } from './sqlite-transaction.ts';

const TABLE = 'memories';

/** What is sealed: everything but the id, which is the record's place. */
interface SealedMemory {
  fact: string;
  tags: string[];
  source: Memory['source'];
  createdAt: string;
  updatedAt: string;
  origin: Memory['origin'];
}

function asMemory(id: string, value: unknown): Memory | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<SealedMemory>;
  if (typeof v.fact !== 'string' || !Array.isArray(v.tags) || (v.source !== 'user' && v.source !== 'agent')) return null;
  if (typeof v.createdAt !== 'string' || typeof v.updatedAt !== 'string') return null;
  const origin = v.origin && typeof v.origin === 'object' ? v.origin : null;
  return { id, fact: v.fact, tags: v.tags.filter((t): t is string => typeof t === 'string'), source: v.source, createdAt: v.createdAt, updatedAt: v.updatedAt, origin };
}

function millis(iso: string): number {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? at : 0;
}

export interface MemoryRecordsOptions {
  /** Told about each record that does not open (another key, changed bytes) or is not a memory; it is skipped. */
  onUnreadable?: (id: string, why: string) => void;
}

export class MemoryRecords implements MemoryPersistence {
  readonly transient: boolean;
  private readonly vault: DataVault;
  private readonly onUnreadable: (id: string, why: string) => void;
  private readonly statements: { all: StatementSync; get: StatementSync; put: StatementSync; delete: StatementSync; deleteAll: StatementSync; count: StatementSync };

  constructor(vault: DataVault, o: MemoryRecordsOptions = {}) {
    this.vault = vault;
    this.transient = vault.file === ':memory:';
    this.onUnreadable = o.onUnreadable ?? (() => {});
    const db = vault.db;
    this.statements = {
      all: db.prepare(`SELECT id, sealed FROM ${TABLE} ORDER BY updated_at, id`),
      get: db.prepare(`SELECT sealed FROM ${TABLE} WHERE id = ?`),
      put: db.prepare(`INSERT INTO ${TABLE} (id, updated_at, sealed) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, sealed = excluded.sealed`),
      delete: db.prepare(`DELETE FROM ${TABLE} WHERE id = ?`),
      deleteAll: db.prepare(`DELETE FROM ${TABLE}`),
      count: db.prepare(`SELECT count(*) AS n FROM ${TABLE}`),
    };
  }

  /** Every memory that opens, oldest change first; the rest are reported and skipped. */
  all(): Memory[] {
    const rows = this.guard('read', () => this.statements.all.all() as unknown as { id: string; sealed: Uint8Array }[]);
    const memories: Memory[] = [];
    for (const row of rows) {
      const memory = this.open(row.id, row.sealed);
      if (memory) memories.push(memory);
    }
    return memories;
  }

  get(id: string): Memory | null {
    const row = this.guard('read', () => this.statements.get.get(id) as { sealed: Uint8Array } | undefined);
    return row ? this.open(id, row.sealed) : null;
  }

  count(): number {
    return this.guard('read', () => Number((this.statements.count.get() as { n: number }).n));
  }

  save(memory: Memory): void {
    this.guard('save', () => this.put(memory));
  }

  /** In one transaction: all of them are saved or none. */
  saveMany(memories: readonly Memory[]): void {
    if (memories.length === 0) return;
    this.guard('save', () => inTransaction(this.vault.db, () => memories.forEach((m) => this.put(m))));
  }

  delete(id: string): void {
    this.guard('delete', () => this.statements.delete.run(id));
  }

  deleteAll(): void {
    this.guard('delete', () => this.statements.deleteAll.run());
  }

  private put(m: Memory): void {
    const sealed: SealedMemory = { fact: m.fact, tags: m.tags, source: m.source, createdAt: m.createdAt, updatedAt: m.updatedAt, origin: m.origin };
    this.statements.put.run(m.id, millis(m.updatedAt), this.vault.seal(TABLE, m.id, sealed));
  }

  private open(id: string, sealed: Uint8Array): Memory | null {
    let value: unknown;
    try {
      value = this.vault.unseal(TABLE, id, sealed);
    } catch (err) {
      this.onUnreadable(id, describeError(err));
      return null;
    }
    const memory = asMemory(id, value);
    if (!memory) this.onUnreadable(id, 'not a memory FROK knows');
    return memory;
  }

  /** SQLite failures (a closed or full file) as something the person and the model can act on. */
  private guard<T>(what: 'read' | 'save' | 'delete', work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      const key = what === 'read' ? 'errors:memory.cannotRead' : what === 'save' ? 'errors:memory.cannotSave' : 'errors:memory.cannotDelete';
      throw new UserFacingError('memory_unavailable', tr(key, { reason: describeError(err) }));
    }
  }
}
