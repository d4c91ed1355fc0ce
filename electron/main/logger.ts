/** A tiny logger interface so services can log without knowing where lines go. */
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
