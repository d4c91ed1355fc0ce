import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../electron/main/logger';
import { claimSingleInstance, shutdownOnQuit } from '../../electron/main/shell/app-lifecycle';

describe('claimSingleInstance', () => {
  it('the first FROK keeps running and focuses its window when launched again', () => {
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => true, quit: vi.fn() });
    const focus = vi.fn();
    expect(claimSingleInstance(app, focus)).toBe(true);
    app.emit('second-instance');
    expect(focus).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('a second FROK quits at once', () => {
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => false, quit: vi.fn() });
    expect(claimSingleInstance(app, vi.fn())).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });
});

/** Plays Electron's quit: 'will-quit' listeners may preventDefault; otherwise the app exits. */
function quittingApp() {
  const app = new EventEmitter() as EventEmitter & { quit(): void; exited: boolean };
  app.exited = false;
  app.quit = () => {
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) app.exited = true;
  };
  return app;
}

describe('shutdownOnQuit', () => {
  it('runs every shutdown task, last added first, before the app exits', async () => {
    const app = quittingApp();
    const order: string[] = [];
    const tasks = shutdownOnQuit(app, createMemoryLogger());
    tasks.add(async () => {
      await new Promise((r) => setTimeout(r, 10));
      order.push('services');
    });
    tasks.add(() => void order.push('ipc'));
    app.quit();
    expect(app.exited).toBe(false);
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(order).toEqual(['ipc', 'services']);
  });

  it('still exits when a task fails or hangs, and logs why', async () => {
    const app = quittingApp();
    const log = createMemoryLogger();
    const tasks = shutdownOnQuit(app, log, 20);
    tasks.add(() => new Promise(() => {}));
    tasks.add(() => {
      throw new Error('disk gone');
    });
    app.quit();
    app.quit(); // asking twice while shutting down runs nothing twice
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(log.lines.map((l) => l.message)).toEqual(['a shutdown task failed', 'a shutdown task took longer than 20 ms; quitting anyway']);
  });
});
