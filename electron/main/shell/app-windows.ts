/**
 * Which webContents belong to FROK's windows. IPC callers are identified through it
 * (bindIpcMain's callerFor) and events are delivered to its entries.
 */
import type { Caller } from '../caller';

export interface AppWindowContents {
  id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface AppWindows {
  /** Registers a window's webContents; returns the function that forgets it (call on 'closed'). */
  add(contents: AppWindowContents, kind: Caller['kind']): () => void;
  callerFor(webContentsId: number): Caller | null;
  /** Live windows with their caller identity. */
  list(): { caller: Caller; contents: AppWindowContents }[];
}

export function callerIdFor(webContentsId: number): string {
  return `window-${webContentsId}`;
}

export function createAppWindows(): AppWindows {
  const entries = new Map<number, { caller: Caller; contents: AppWindowContents }>();
  return {
    add(contents, kind) {
      const id = contents.id;
      entries.set(id, { caller: { id: callerIdFor(id), kind }, contents });
      return () => {
        if (entries.get(id)?.contents === contents) entries.delete(id);
      };
    },
    callerFor(webContentsId) {
      const entry = entries.get(webContentsId);
      return entry && !entry.contents.isDestroyed() ? { ...entry.caller } : null;
    },
    list() {
      return [...entries.values()].filter((e) => !e.contents.isDestroyed());
    },
  };
}
