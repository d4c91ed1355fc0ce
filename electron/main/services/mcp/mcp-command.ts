/**
 * What a local (stdio) server runs: the command line shown to the person for approval,
 * the clean environment it gets, and plain words for why it could not start.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter } from 'node:path';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import type { McpServerConfig } from '@shared/mcp';
import { tr } from '../../i18n';

type StdioTarget = Extract<McpServerConfig['target'], { transport: 'stdio' }>;

/** A word as a POSIX shell would need it written: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The exact line the person approves: the folder it runs in and the command with its
 * arguments. Any change to either (or to where FROK keeps its data, for cwd null) is a
 * different line, so it needs a new approval.
 */
export function commandLineOf(target: StdioTarget, dataDir: string): string {
  return `cd ${shellQuote(workingDirOf(target, dataDir))} && ${[target.command, ...target.args].map(shellQuote).join(' ')}`;
}

export function workingDirOf(target: StdioTarget, dataDir: string): string {
  return target.cwd ?? dataDir;
}

/**
 * The environment a local server starts with: only what the MCP SDK passes by default
 * (PATH, HOME, USER, SHELL, TERM, LOGNAME, or their Windows equivalents) and what the person
 * configured for it. Nothing else of FROK's own environment (API keys, tokens) goes along.
 */
export function serverEnvironment(target: StdioTarget, secretEnv: Record<string, string>): Record<string, string> {
  const base = getDefaultEnvironment();
  // An app started from the macOS Dock gets a bare PATH; the usual package-manager folders make `npx`/`uvx` findable.
  if (process.platform === 'darwin' && base.PATH !== undefined) {
    const parts = base.PATH.split(delimiter);
    for (const extra of ['/opt/homebrew/bin', '/usr/local/bin']) if (!parts.includes(extra)) parts.push(extra);
    base.PATH = parts.join(delimiter);
  }
  return { ...base, ...target.env, ...secretEnv };
}

/** A reason the command cannot start that can be told before spawning it, or null. */
export function precheckCommand(target: StdioTarget, dataDir: string): string | null {
  const cwd = workingDirOf(target, dataDir);
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
    return tr('errors:mcp.folderMissing', { folder: cwd });
  }
  return null;
}

/** Plain words for a failure to start or reach a local command. */
export function describeStartFailure(target: StdioTarget, err: unknown, lastStderr: string | null): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const command = target.command;
  if (code === 'ENOENT') return tr('errors:mcp.commandNotFound', { command });
  if (code === 'EACCES') return tr('errors:mcp.commandDenied', { command });
  const said = lastStderr ? tr('errors:mcp.itSaid', { text: lastStderr }) : '';
  const text = err instanceof Error ? err.message : String(err);
  if (/closed|EPIPE|exited/i.test(text)) {
    return tr('errors:mcp.commandStopped', { command, said });
  }
  if (/timed? ?out/i.test(text)) return tr('errors:mcp.commandSlow', { command, said });
  return tr('errors:mcp.commandUnreachable', { command, detail: text, said });
}
