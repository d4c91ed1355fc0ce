/**
 * App-level lifecycle: one running FROK at a time, and a quit that waits for the
 * services to shut down (IPC unbound, timers and connections released) before exiting.
 */
import type { Logger } from '../logger';

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv?: string[]) => void): unknown;
  quit(): void;
}

/**
 * Returns false when another FROK already runs: this one then quits and the other is
 * told (Electron emits 'second-instance' there, with the new launch's arguments), which
 * focuses its window or does what the arguments ask (see desktop/second-launch.ts).
 */
export function claimSingleInstance(app: SingleInstanceApp, onSecondLaunch: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => onSecondLaunch(Array.isArray(argv) ? argv : []));
  return true;
}

export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface ShutdownTasks {
  /** Adds a task to run on quit; tasks run in reverse order of adding (last wired, first released). */
  add(task: () => void | Promise<void>): void;
}

/**
 * Electron does not wait for async 'will-quit' listeners, so the first 'will-quit' is
 * held back, the tasks run (each bounded by timeoutMs so a stuck one cannot keep FROK
 * open), then quit is asked again and let through.
 */
export function shutdownOnQuit(app: QuittingApp, log: Logger, timeoutMs = 3000): ShutdownTasks {
  const tasks: (() => void | Promise<void>)[] = [];
  let state: 'running' | 'shutting-down' | 'done' = 'running';

  const runTask = async (task: () => void | Promise<void>) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(task), timeout]);
      if (outcome === 'timeout') log.warn(`a shutdown task took longer than ${timeoutMs} ms; quitting anyway`);
    } catch (err) {
      log.error('a shutdown task failed', err instanceof Error ? err.message : err);
    } finally {
      clearTimeout(timer);
    }
  };

  app.on('will-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'shutting-down') return;
    state = 'shutting-down';
    void (async () => {
      for (const task of [...tasks].reverse()) await runTask(task);
      state = 'done';
      app.quit();
    })();
  });

  return { add: (task) => void tasks.push(task) };
}
