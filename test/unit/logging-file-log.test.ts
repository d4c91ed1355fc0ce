/**
 * FROK's electron-log settings, run against electron-log's own Node logger (the same
 * transports as electron-log/main, without Electron): a size cap with rotation into
 * main.old.log, a private file, no console outside development, the renderer channel closed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedactingLogger } from '../../electron/main/logger';
import { closeRendererLogChannel, configureFileLog, ELECTRON_LOG_CHANNEL, LOG_MAX_BYTES } from '../../electron/main/logging/file-log';
import { createRedactor } from '../../electron/main/logging/redact';

let dir: string | null = null;
let n = 0;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  vi.restoreAllMocks();
});

function backendIn(folder: string) {
  const backend = electronLog.create({ logId: `frok-file-log-test-${++n}` });
  backend.transports.file.resolvePathFn = () => join(folder, 'main.log');
  return backend;
}

describe('configureFileLog', () => {
  it('writes formatted lines to main.log and rotates it into main.old.log past the size cap', () => {
    dir = mkdtempSync(join(tmpdir(), 'frok-log-'));
    const backend = backendIn(dir);
    const fileLog = configureFileLog(backend, { console: false, maxSize: 400 });
    expect(backend.transports.console.level).toBe(false);
    expect(fileLog.dir()).toBe(dir);

    fileLog.sink.info('first line');
    const first = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(first).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] \[info\]\s+first line\n$/);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'main.log')).mode & 0o777).toBe(0o600);

    for (let i = 0; i < 40; i += 1) fileLog.sink.warn(`line ${i} ${'x'.repeat(20)}`);
    expect(existsSync(join(dir, 'main.old.log'))).toBe(true);
    expect(statSync(join(dir, 'main.log')).size).toBeLessThanOrEqual(400 + 100);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toMatch(/\[warn\]\s+line 39/);
    // Only the one previous file is kept.
    expect(readFileSync(join(dir, 'main.old.log'), 'utf8')).not.toContain('first line');
  });

  it('defaults to a 2 MB cap and echoes to the console in development', () => {
    dir = mkdtempSync(join(tmpdir(), 'frok-log-'));
    const backend = backendIn(dir);
    configureFileLog(backend, { console: true });
    expect(backend.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(backend.transports.console.level).toBe('info');
  });

  it('with the redacting logger in front, a secret never reaches the file', () => {
    dir = mkdtempSync(join(tmpdir(), 'frok-log-'));
    const fileLog = configureFileLog(backendIn(dir), { console: false });
    const redactor = createRedactor();
    redactor.setSecret('homeAssistantToken', 'my-ha-token-value-0000');
    const log = createRedactingLogger({ sink: fileLog.sink, redact: (t) => redactor.redact(t) });
    log.error('could not reach Home Assistant', { token: 'my-ha-token-value-0000', auth: 'Bearer sk-abcdefghijklmnop' });
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(text).toMatch(/\[error\]\s+could not reach Home Assistant/);
    expect(text).not.toContain('my-ha-token-value-0000');
    expect(text).not.toContain('abcdefghijklmnop');
  });
});

describe('closeRendererLogChannel', () => {
  it("removes electron-log's renderer handler and listeners", () => {
    const calls: string[] = [];
    closeRendererLogChannel({ removeHandler: (c) => void calls.push(`removeHandler ${c}`), removeAllListeners: (c) => calls.push(`removeAllListeners ${c}`) });
    expect(calls).toEqual([`removeHandler ${ELECTRON_LOG_CHANNEL}`, `removeAllListeners ${ELECTRON_LOG_CHANNEL}`]);
    expect(ELECTRON_LOG_CHANNEL).toBe('__ELECTRON_LOG__');
  });
});
