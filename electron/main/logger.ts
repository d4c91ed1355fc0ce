/** A tiny logger interface so services can log without knowing where lines go. */
import { inspect } from 'node:util';
import type { RecentProblems } from './logging/recent-problems';

export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (m, d) => console.info(`[frok] ${m}`, ...(d === undefined ? [] : [d])),
  warn: (m, d) => console.warn(`[frok] ${m}`, ...(d === undefined ? [] : [d])),
  error: (m, d) => console.error(`[frok] ${m}`, ...(d === undefined ? [] : [d])),
};

/** For tests: keeps every line so a test can assert what was logged. */
export function createMemoryLogger(): Logger & { lines: { level: string; message: string; details?: unknown }[] } {
  const lines: { level: string; message: string; details?: unknown }[] = [];
  return {
    lines,
    info: (message, details) => lines.push({ level: 'info', message, details }),
    warn: (message, details) => lines.push({ level: 'warn', message, details }),
    error: (message, details) => lines.push({ level: 'error', message, details }),
  };
}

/** One line of text for a message and its details (objects and errors inspected, never JSON-thrown). */
export function formatLogLine(message: string, details?: unknown): string {
  if (details === undefined) return message;
  const text = typeof details === 'string' ? details : inspect(details, { depth: 5, breakLength: Infinity, compact: true });
  return `${message} ${text}`;
}

/** Where finished (already redacted) lines go: electron-log's file and console in the app. */
export interface LineSink {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export interface RedactingLoggerOptions {
  sink: LineSink;
  /** Applied to every whole line, message and details together. */
  redact(text: string): string;
  /** Warnings and errors are also kept here, redacted, for diagnostics. */
  recent?: RecentProblems;
  now?: () => Date;
}

/** A Logger that formats, redacts, then writes; warnings and errors are remembered too. */
export function createRedactingLogger(o: RedactingLoggerOptions): Logger {
  const write = (level: 'info' | 'warn' | 'error', message: string, details: unknown) => {
    let line: string;
    try {
      line = o.redact(formatLogLine(message, details));
    } catch {
      line = '[a log line could not be formatted]';
    }
    if (level !== 'info') o.recent?.add({ at: (o.now?.() ?? new Date()).toISOString(), level, text: line });
    try {
      o.sink[level](line);
    } catch {
      // Logging must never break the app (a full disk, a closed stream).
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/**
 * Passes every call through to log unchanged, and keeps warnings and errors (redacted) in
 * recent: for a composition whose logger does not record them itself (tests, the harness).
 */
export function recordProblems(log: Logger, recent: RecentProblems, redact: (text: string) => string, now: () => Date = () => new Date()): Logger {
  const remember = (level: 'warn' | 'error', message: string, details: unknown) => {
    try {
      recent.add({ at: now().toISOString(), level, text: redact(formatLogLine(message, details)) });
    } catch {
      // Remembering is best effort.
    }
  };
  return {
    info: (m, d) => log.info(m, d),
    warn: (m, d) => {
      remember('warn', m, d);
      log.warn(m, d);
    },
    error: (m, d) => {
      remember('error', m, d);
      log.error(m, d);
    },
  };
}
