/**
 * The person's data as one service: opens the encrypted data file when FROK starts, says
 * plainly what is wrong when it cannot (and offers what can be done), and hands the
 * conversation, memory and run stores the open file. Until the file opens, and whenever
 * it cannot, the stores run on a throwaway in-memory file, so FROK stays usable and
 * nothing is written where it should not be.
 */
import { join } from 'node:path';
import { canStartFresh, type DataStatus } from '@shared/history';
import { UserFacingError } from '../../errors.ts';
import { tr } from '../../i18n/index.ts';
import type { EventBus } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { DataVault, type VaultOpening, type VaultProblem } from './data-vault.ts';
import { HistoryStore } from './history-store.ts';
import { importLegacyConversations } from './legacy-conversations-import.ts';
import { RunStore, type RunStoreOptions } from './run-store.ts';

export const DATA_FILE_NAME = 'frok-data.db';

export interface DataServiceDeps {
  dataDir: string;
  secretStore: SecretStore;
  events: EventBus;
  log: Logger;
  costOf?: RunStoreOptions['costOf'];
  now?: () => number;
}

/** What to tell the person about a file FROK cannot open, and what they can do. */
export function explainProblem(problem: VaultProblem, file: string): Extract<DataStatus, { state: 'locked' | 'memory-only' }> {
  switch (problem.kind) {
    case 'key-missing':
      return {
        state: 'locked',
        reason: 'key-missing',
        file,
        message: tr('errors:data.keyMissing'),
      };
    case 'key-wrong':
      return {
        state: 'locked',
        reason: 'key-wrong',
        file,
        message: tr('errors:data.keyWrong'),
      };
    case 'keychain-unavailable':
      return {
        state: 'locked',
        reason: 'keychain-unavailable',
        file,
        message: tr('errors:data.keychainUnavailable', { detail: problem.detail }),
      };
    case 'file-unavailable':
      return {
        state: 'locked',
        reason: 'file-unavailable',
        file,
        message: tr('errors:data.fileUnavailable', { detail: problem.detail }),
      };
    case 'newer-version':
      return {
        state: 'locked',
        reason: 'newer-version',
        file,
        message: tr('errors:data.newerVersion', { version: problem.version }),
      };
    case 'no-key-storage':
      return {
        state: 'memory-only',
        message: tr('errors:data.noKeyStorage', { detail: problem.detail }),
      };
  }
}

export class DataService {
  readonly file: string;
  private vault: DataVault;
  private historyStore: HistoryStore;
  private runStore: RunStore;
  private current: DataStatus = { state: 'opening' };
  private readonly attachListeners = new Set<(vault: DataVault) => void>();
  private readonly now: () => number;
  /** Settles when the first opening is done, whatever its outcome. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: DataServiceDeps) {
    this.file = join(deps.dataDir, DATA_FILE_NAME);
    this.now = deps.now ?? Date.now;
    this.vault = DataVault.inMemory();
    this.historyStore = this.newHistory(this.vault);
    this.runStore = this.newRuns(this.vault);
    this.ready = this.reopen(() => DataVault.open(this.options())).then(() => undefined);
  }

  get history(): HistoryStore {
    return this.historyStore;
  }

  get runs(): RunStore {
    return this.runStore;
  }

  status(): DataStatus {
    return this.current;
  }

  /** Called with the file each time one is attached (at start, after Try again or Start fresh); and now, if one is. */
  onAttach(listener: (vault: DataVault) => void): () => void {
    this.attachListeners.add(listener);
    listener(this.vault);
    return () => this.attachListeners.delete(listener);
  }

  async retry(): Promise<DataStatus> {
    await this.ready;
    if (this.current.state === 'open') return this.current;
    return this.reopen(() => DataVault.open(this.options()));
  }

  /**
   * Sets the unreadable file aside (kept, never deleted) and starts a new one. Only for a
   * file no key here opens: a keychain that did not answer, a file FROK may not read, or a
   * newer format are fixed where they are, not by starting over.
   */
  async startFresh(): Promise<DataStatus> {
    await this.ready;
    const current = this.current;
    if (!canStartFresh(current)) {
      const why = current.state === 'memory-only' ? current.message : tr('errors:data.alreadyOpen');
      throw new UserFacingError('start_fresh_not_needed', tr('errors:data.startFreshNotNeeded', { why }));
    }
    let keptAt: string | null = null;
    const status = await this.reopen(async () => {
      const fresh = await DataVault.startFresh(this.options());
      keptAt = fresh.keptAt;
      return fresh.opening;
    });
    if (keptAt) this.deps.log.warn('an unreadable data file was set aside at the person\'s request', { keptAt });
    if (status.state === 'open' && keptAt) {
      this.current = { ...status, movedAside: keptAt };
      this.deps.events.emit('data:changed', this.current);
    }
    return this.current;
  }

  /**
   * Every conversation, memory and run, the file and its key: gone — a locked file too, as
   * the person confirmed deleting everything. A new, empty file follows.
   */
  async deleteAll(): Promise<DataStatus> {
    await this.ready;
    this.detach();
    const { keyDeleted } = await DataVault.destroy(this.options());
    if (!keyDeleted) this.deps.log.warn('the data file was deleted; its key could not be removed from the keychain');
    return this.reopen(() => DataVault.open(this.options()));
  }

  close(): void {
    this.detach();
  }

  private options() {
    return { file: this.file, secrets: this.deps.secretStore, now: () => new Date(this.now()) };
  }

  private newHistory(vault: DataVault): HistoryStore {
    return new HistoryStore(vault, { now: this.now });
  }

  private newRuns(vault: DataVault): RunStore {
    return new RunStore(vault, { now: this.now, ...(this.deps.costOf ? { costOf: this.deps.costOf } : {}) });
  }

  private detach(): void {
    this.historyStore.close();
    this.vault.close();
    this.vault = DataVault.inMemory();
    this.historyStore = this.newHistory(this.vault);
    this.runStore = this.newRuns(this.vault);
  }

  private async reopen(open: () => Promise<VaultOpening>): Promise<DataStatus> {
    let opening: VaultOpening;
    try {
      opening = await open();
    } catch (err) {
      opening = { kind: 'locked', problem: { kind: 'file-unavailable', detail: err instanceof Error ? err.message : String(err) } };
    }
    if (opening.kind === 'open') {
      let stores: { history: HistoryStore; runs: RunStore };
      try {
        stores = { history: this.newHistory(opening.vault), runs: this.newRuns(opening.vault) };
      } catch (err) {
        // Damage the first reads found: this file stays closed, the in-memory one in use.
        opening.vault.close();
        return this.locked({ kind: 'file-unavailable', detail: err instanceof Error ? err.message : String(err) });
      }
      this.historyStore.close();
      this.vault.close();
      this.vault = opening.vault;
      this.historyStore = stores.history;
      this.runStore = stores.runs;
      this.current = { state: 'open', file: this.file, movedAside: opening.movedAside, keyStorage: this.deps.secretStore.kind };
      importLegacyConversations(this.deps.dataDir, this.historyStore, this.deps.log);
      if (opening.movedAside) this.deps.log.warn('the data file was damaged; it was moved aside and a new one started', { movedAside: opening.movedAside });
    } else {
      return this.locked(opening.problem);
    }
    return this.announce();
  }

  private locked(problem: VaultProblem): DataStatus {
    this.current = explainProblem(problem, this.file);
    this.deps.log.warn('the data file is not open', { reason: problem.kind });
    return this.announce();
  }

  private announce(): DataStatus {
    for (const listener of [...this.attachListeners]) listener(this.vault);
    this.deps.events.emit('data:changed', this.current);
    this.deps.events.emit('history:changed', { conversationId: null });
    return this.current;
  }
}
