/**
 * Settings → Privacy's two big buttons: everything FROK keeps about the person in one
 * archive, and all of it deleted — conversations, memories, runs, the data key, and any
 * files an earlier version left behind.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataStatus, SavedFile } from '@shared/history';
import { DATA_FILE_NAME, type DataService } from './data-service.ts';
import { dataArchive } from './history-export.ts';
import type { HistoryService } from './history-service.ts';

/** Files earlier versions of FROK kept in plain form (imported at first start, see legacy-import.ts). */
export const LEGACY_DATA_FILES = ['conversations.json', 'memory.db', 'memory.db-wal', 'memory.db-shm'];

export interface YourDataDeps {
  dataDir: string;
  data: DataService;
  history: HistoryService;
  /** Every memory, for the archive. */
  memories: () => unknown;
  /** The settings, without secrets (they are never in settings). */
  settings: () => unknown;
  /** Clears what the memory service holds beside the file. */
  forgetMemories: () => void;
  /** Stops every voice session and run first, so nothing said before is filed after; returns the sessions' ids. */
  stopEverything: () => string[];
  now?: () => number;
}

export async function exportAllData(d: YourDataDeps): Promise<SavedFile> {
  await d.data.ready;
  const now = (d.now ?? Date.now)();
  const archive = dataArchive({
    conversations: [...d.data.history.all()],
    memories: d.memories(),
    runs: d.data.runs.list({ limit: 500 }),
    settings: d.settings(),
    exportedAt: now,
  });
  return d.history.saveAs(`FROK data ${new Date(now).toISOString().slice(0, 10)}.zip`, 'zip', archive);
}

export async function deleteAllData(d: YourDataDeps): Promise<DataStatus> {
  d.history.forgetSession(d.stopEverything());
  // Before the file is reopened, which would import them again.
  for (const name of readdirSync(d.dataDir)) if (isLegacyDataFile(name) || isKeptAsideDataFile(name)) rmSync(join(d.dataDir, name), { force: true });
  const status = await d.data.deleteAll();
  d.forgetMemories();
  return status;
}

/** Copies of the data file FROK set aside (damaged, or unreadable when the person started fresh). */
export function isKeptAsideDataFile(name: string): boolean {
  return name.startsWith(`${DATA_FILE_NAME}.damaged-`) || name.startsWith(`${DATA_FILE_NAME}.unreadable-`);
}

/** An earlier version's plain files, their temporary and damaged copies included. */
export function isLegacyDataFile(name: string): boolean {
  return LEGACY_DATA_FILES.includes(name) || /^conversations(\.damaged-.*\.json|\.json\.tmp)$/u.test(name) || /^memory\.db\.damaged-/u.test(name);
}
