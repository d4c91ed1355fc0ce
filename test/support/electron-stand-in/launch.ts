/**
 * Test side: runs a built main bundle in a Node child process with the Electron stand-in,
 * and sends it commands. The child gets its own HOME, user-data folder and an unreachable
 * D-Bus address, so keytar can never reach (or hang on) the machine's real keyring.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, ExitNotice, Reply, StandInState } from './protocol.ts';

export interface StandInRun {
  userData: string;
  send<T = unknown>(command: Command, timeoutMs?: number): Promise<T>;
  state(): Promise<StandInState>;
  /** Resolves when the process has ended. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; notice: ExitNotice | null }>;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Kills the process if still running and removes its folders. */
  cleanUp(): void;
}

export function launchWithStandIn(bundle: string, options: { appVersion: string; env?: Record<string, string> }): StandInRun {
  const home = mkdtempSync(join(tmpdir(), 'frok-smoke-'));
  const userData = join(home, 'userData');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_RUNTIME_DIR: home,
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-session-bus')}`,
    FROK_STANDIN_USER_DATA: userData,
    FROK_STANDIN_APP_VERSION: options.appVersion,
    ...options.env,
  };
  let printed = '';
  const child: ChildProcess = fork(bundle, [], {
    execArgv: ['--import', new URL('./register.ts', import.meta.url).href],
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (d: Buffer) => (printed += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (printed += d.toString()));

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let notice: ExitNotice | null = null;
  child.on('message', (message: Reply | ExitNotice) => {
    if ('exited' in message) {
      notice = message;
      return;
    }
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`the stand-in driver failed: ${message.error}`));
  });

  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; notice: ExitNotice | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`the main process ended (code ${code}, signal ${signal}) before answering.\n${printed}`));
      pending.clear();
      resolve({ code, signal, notice });
    });
  });

  const send = <T>(command: Command, timeoutMs = 10_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`the main process is no longer connected.\n${printed}`));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`no answer to ${command.cmd} within ${timeoutMs} ms.\n${printed}`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ ...command, id });
    });

  return {
    userData,
    send,
    state: () => send<StandInState>({ cmd: 'state' }),
    exit,
    output: () => printed,
    cleanUp() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    },
  };
}
