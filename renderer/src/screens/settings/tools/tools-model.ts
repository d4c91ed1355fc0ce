/**
 * Settings → Tools, the parts without a screen: the add/edit form's state and how it
 * becomes the McpServerConfig (plus the secret values, sent once) main saves, what is
 * checked first and said in words next to the field, how a server's state reads, and the
 * small config edits the list makes (a tool on/off, an approval choice).
 *
 * Secret values live only in a draft until it is saved: a draft made from a saved server
 * has empty secret fields and knows only which names are set (secretsSet).
 */
import {
  DEFAULT_MCP_APPROVAL,
  type McpApprovalPolicy,
  type McpImportCandidate,
  type McpSecretValues,
  type McpServerConfig,
  type McpServerView,
  type McpToolInfo,
} from '@shared/mcp';
import { i18next } from '../../../i18n';

/** Settings → Tools' words outside a component, in the language the window shows now. */
function tt(key: string, options?: Record<string, unknown>): string {
  return i18next.t(`tools:${key}`, options ?? {});
}

// ── Approval wording ────────────────────────────────────────

const APPROVAL_ORDER: readonly McpApprovalPolicy[] = ['always', 'unless-read-only', 'never'];

/** The choices in order, with their words in the language shown now (called at render, so a language switch shows at once). */
export function approvalChoices(): { value: McpApprovalPolicy; label: string; explanation: string }[] {
  return APPROVAL_ORDER.map((value) => ({ value, label: tt(`approval.${value}.label`), explanation: tt(`approval.${value}.explanation`) }));
}

/** For a tool's choice list, where the server's choice is named in brackets. */
export function approvalShortLabel(policy: McpApprovalPolicy): string {
  return tt(`approval.${policy}.short`);
}

// ── A server's state in words ───────────────────────────────

export type StatusTone = 'neutral' | 'busy' | 'success' | 'error' | 'warning';

export function countTools(n: number): string {
  return tt('status.tools', { count: n });
}

/** The one line the list shows (and announces) for a server. */
export function describeStatus(view: Pick<McpServerView, 'state' | 'message' | 'tools'>): { text: string; tone: StatusTone } {
  switch (view.state) {
    case 'off':
      return { text: tt('status.off'), tone: 'neutral' };
    case 'idle':
      return { text: tt('status.idle'), tone: 'neutral' };
    case 'needs-command-approval':
      return { text: tt('status.needsCommandApproval'), tone: 'warning' };
    case 'starting':
      return { text: tt('status.starting'), tone: 'busy' };
    case 'connected':
      return { text: tt('status.connected', { tools: countTools(view.tools.length) }), tone: 'success' };
    case 'failed':
      return { text: tt('status.failed', { reason: view.message?.trim() || tt('status.failedNoReason') }), tone: 'error' };
    case 'needs-sign-in':
      return { text: tt('status.needsSignIn'), tone: 'warning' };
  }
}

/** Where a server is reached, in one short line. */
export function describeTarget(config: McpServerConfig): string {
  const t = config.target;
  if (t.transport === 'stdio') return tt('target.local', { command: [t.command, ...t.args].map(quoteShellArg).join(' ') });
  return tt(t.transport === 'sse' ? 'target.remoteSse' : 'target.remote', { url: t.url });
}

// ── Shell-like arguments ────────────────────────────────────

export type ArgsParse = { ok: true; args: string[] } | { ok: false; reason: string };

/**
 * Splits one line the way a POSIX shell would split words: spaces separate, '…' is
 * literal, "…" allows \" \\ \$ \`, a backslash outside quotes escapes the next character.
 * No variables, globs or operators: what is typed is what the command gets.
 */
export function parseShellArgs(line: string): ArgsParse {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, reason: tt('check.singleQuote') };
      current += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      let closed = false;
      while (i < line.length) {
        const c = line[i]!;
        if (c === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          current += line[i + 1];
          i += 2;
        } else {
          current += c;
          i += 1;
        }
      }
      if (!closed) return { ok: false, reason: tt('check.doubleQuote') };
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return { ok: false, reason: tt('check.trailingBackslash') };
      current += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
      i += 1;
    } else {
      current += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) args.push(current);
  return { ok: true, args };
}

/** One argument as a shell would need it typed (quoted only when it must be). */
export function quoteShellArg(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Arguments typed one per line: blank lines are skipped, spaces at either end dropped. */
export function argsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

// ── The form ────────────────────────────────────────────────

/** An environment variable or header: plain, or secret (its value goes to the keychain). */
export interface KeyValueRow {
  /** React key only. */
  key: string;
  name: string;
  value: string;
  secret: boolean;
}

export type ArgsMode = 'lines' | 'shell';

export interface ServerDraft {
  /** The saved config this draft edits (null: a new server). */
  base: McpServerConfig | null;
  name: string;
  kind: 'local' | 'remote';
  command: string;
  argsMode: ArgsMode;
  argsText: string;
  cwd: string;
  env: KeyValueRow[];
  url: string;
  remoteTransport: 'http' | 'sse';
  headers: KeyValueRow[];
  /** A new bearer token (empty: keep the one saved, or none). */
  bearerToken: string;
  /** Delete the saved bearer token. */
  removeBearerToken: boolean;
  oauthClientId: string;
  startAtLaunch: boolean;
  callTimeoutSeconds: string;
  /** What the keychain holds for the saved server (names only). */
  secretsSet: McpServerView['secretsSet'];
}

const NO_SECRETS: McpServerView['secretsSet'] = { env: [], headers: [], bearerToken: false, signedIn: false };
export const DEFAULT_CALL_TIMEOUT_SECONDS = 60;

let rowCounter = 0;
export function newRow(partial: Partial<Omit<KeyValueRow, 'key'>> = {}): KeyValueRow {
  rowCounter += 1;
  return { key: `row-${rowCounter}`, name: '', value: '', secret: false, ...partial };
}

export function emptyDraft(kind: ServerDraft['kind'] = 'local'): ServerDraft {
  return {
    base: null,
    name: '',
    kind,
    command: '',
    argsMode: 'lines',
    argsText: '',
    cwd: '',
    env: [],
    url: '',
    remoteTransport: 'http',
    headers: [],
    bearerToken: '',
    removeBearerToken: false,
    oauthClientId: '',
    startAtLaunch: false,
    callTimeoutSeconds: String(DEFAULT_CALL_TIMEOUT_SECONDS),
    secretsSet: NO_SECRETS,
  };
}

/** The form for a saved server: plain values filled in, secret ones empty ("set" shown beside them). */
export function draftFromView(view: Pick<McpServerView, 'config' | 'secretsSet'>): ServerDraft {
  const { config } = view;
  const draft: ServerDraft = {
    ...emptyDraft(config.target.transport === 'stdio' ? 'local' : 'remote'),
    base: config,
    name: config.name,
    startAtLaunch: config.startAtLaunch,
    callTimeoutSeconds: String(config.callTimeoutSeconds),
    secretsSet: view.secretsSet,
  };
  const t = config.target;
  if (t.transport === 'stdio') {
    const multiLine = t.args.some((a) => /[\r\n]/.test(a) || a.trim() !== a || a === '');
    draft.command = t.command;
    draft.argsMode = multiLine ? 'shell' : 'lines';
    draft.argsText = multiLine ? t.args.map(quoteShellArg).join(' ') : t.args.join('\n');
    draft.cwd = t.cwd ?? '';
    draft.env = [
      ...Object.entries(t.env).map(([name, value]) => newRow({ name, value })),
      ...t.secretEnv.map((name) => newRow({ name, secret: true })),
    ];
  } else {
    draft.url = t.url;
    draft.remoteTransport = t.transport;
    draft.headers = [
      ...Object.entries(t.headers).map(([name, value]) => newRow({ name, value })),
      ...t.secretHeaders.map((name) => newRow({ name, secret: true })),
    ];
    draft.oauthClientId = t.oauthClientId ?? '';
  }
  return draft;
}

export type DraftField =
  | 'name'
  | 'command'
  | 'args'
  | 'cwd'
  | 'url'
  | 'bearerToken'
  | 'oauthClientId'
  | 'callTimeoutSeconds'
  | `env:${string}`
  | `headers:${string}`;

export type DraftCheck =
  | { ok: true; config: McpServerConfig; secrets: McpSecretValues | undefined }
  | { ok: false; errors: Partial<Record<DraftField, string>> };

const MAX_NAME = 60;
const MAX_TIMEOUT_SECONDS = 3600;
const MAX_ARGS = 200;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;

/** A server id from its name: lower-case letters, digits and dashes, not taken by another server. */
export function serverIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34)
      .replace(/-+$/, '') || 'server';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

export function checkUrl(text: string): string | null {
  const t = text.trim();
  if (!t) return tt('check.urlMissing');
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return tt('check.urlNotAddress', { value: t });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return tt('check.urlScheme');
  return null;
}

interface RowsResult {
  plain: Record<string, string>;
  secretNames: string[];
  /** New secret values, and null for secret names no longer used. */
  secretValues: Record<string, string | null>;
}

function checkRows(
  rows: readonly KeyValueRow[],
  prefix: 'env' | 'headers',
  stored: readonly string[],
  errors: Partial<Record<DraftField, string>>,
): RowsResult {
  const isEnv = prefix === 'env';
  const plain: Record<string, string> = {};
  const secretNames: string[] = [];
  const secretValues: Record<string, string | null> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    const field: DraftField = `${prefix}:${row.key}`;
    // A row left completely empty is ignored rather than refused.
    if (!name && !row.value) continue;
    if (!name) {
      errors[field] = tt(isEnv ? 'check.envNoName' : 'check.headerNoName');
      continue;
    }
    if (!(isEnv ? ENV_NAME : HEADER_NAME).test(name)) {
      errors[field] = tt(isEnv ? 'check.envBadName' : 'check.headerBadName', { name });
      continue;
    }
    const folded = isEnv ? name : name.toLowerCase();
    if (seen.has(folded)) {
      errors[field] = tt('check.twice', { name });
      continue;
    }
    seen.add(folded);
    if (row.secret) {
      if (row.value) secretValues[name] = row.value;
      else if (!stored.includes(name)) {
        errors[field] = tt('check.secretMissing', { name });
        continue;
      }
      secretNames.push(name);
    } else {
      plain[name] = row.value;
    }
  }
  // Secrets saved before and not kept as secrets any more: deleted from the keychain.
  for (const name of stored) if (!secretNames.includes(name)) secretValues[name] = null;
  return { plain, secretNames, secretValues };
}

/**
 * Checks the form and builds what `mcp:save` takes. Everything the form does not show
 * (on/off, approvals, switched-off tools) is kept from the saved server.
 */
export function checkDraft(draft: ServerDraft, takenIds: readonly string[]): DraftCheck {
  const errors: Partial<Record<DraftField, string>> = {};
  const name = draft.name.trim();
  if (!name) errors.name = tt('check.nameMissing');
  else if (name.length > MAX_NAME) errors.name = tt('check.nameTooLong', { max: MAX_NAME });

  const timeout = Number(draft.callTimeoutSeconds.trim());
  if (!draft.callTimeoutSeconds.trim() || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
    errors.callTimeoutSeconds = tt('check.timeout', { min: 1, max: MAX_TIMEOUT_SECONDS });
  }

  const storedEnv = draft.base?.target.transport === 'stdio' ? draft.secretsSet.env : [];
  const storedHeaders = draft.base && draft.base.target.transport !== 'stdio' ? draft.secretsSet.headers : [];
  const secrets: McpSecretValues = {};
  let target: McpServerConfig['target'];

  if (draft.kind === 'local') {
    const command = draft.command.trim();
    if (!command) errors.command = tt('check.commandMissing');
    else if (command.length > 4096) errors.command = tt('check.commandTooLong');
    let args: string[] = [];
    if (draft.argsMode === 'shell') {
      const parsed = parseShellArgs(draft.argsText);
      if (parsed.ok) args = parsed.args;
      else errors.args = tt('check.argsUnclosed', { reason: parsed.reason });
    } else {
      args = argsFromLines(draft.argsText);
    }
    if (args.length > MAX_ARGS) errors.args = tt('check.tooManyArgs', { max: MAX_ARGS });
    const rows = checkRows(draft.env, 'env', storedEnv, errors);
    target = { transport: 'stdio', command, args, cwd: draft.cwd.trim() || null, env: rows.plain, secretEnv: rows.secretNames };
    if (Object.keys(rows.secretValues).length) secrets.env = rows.secretValues;
    // Switched from remote: the old secrets go.
    for (const h of draft.base && draft.base.target.transport !== 'stdio' ? draft.secretsSet.headers : []) (secrets.headers ??= {})[h] = null;
    if (draft.base && draft.base.target.transport !== 'stdio' && draft.secretsSet.bearerToken) secrets.bearerToken = null;
  } else {
    const urlProblem = checkUrl(draft.url);
    if (urlProblem) errors.url = urlProblem;
    const rows = checkRows(draft.headers, 'headers', storedHeaders, errors);
    const token = draft.bearerToken.trim();
    const tokenStored = !!draft.base && draft.base.target.transport !== 'stdio' && draft.secretsSet.bearerToken;
    if (/\s/.test(token)) errors.bearerToken = tt('check.tokenSpaces');
    let hasToken = false;
    if (token) {
      secrets.bearerToken = token;
      hasToken = true;
    } else if (tokenStored) {
      if (draft.removeBearerToken) secrets.bearerToken = null;
      else hasToken = true;
    }
    const clientId = draft.oauthClientId.trim();
    if (clientId.length > 512) errors.oauthClientId = tt('check.clientIdTooLong');
    target = {
      transport: draft.remoteTransport,
      url: draft.url.trim(),
      headers: rows.plain,
      secretHeaders: rows.secretNames,
      bearerToken: hasToken,
      oauthClientId: clientId || null,
    };
    if (Object.keys(rows.secretValues).length) secrets.headers = rows.secretValues;
    for (const e of draft.base?.target.transport === 'stdio' ? draft.secretsSet.env : []) (secrets.env ??= {})[e] = null;
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  const base = draft.base;
  const config: McpServerConfig = {
    id: base?.id ?? serverIdFor(name, takenIds),
    name,
    enabled: base?.enabled ?? true,
    startAtLaunch: draft.startAtLaunch,
    target,
    approval: base?.approval ?? DEFAULT_MCP_APPROVAL,
    toolApprovals: base?.toolApprovals ?? {},
    disabledTools: base?.disabledTools ?? [],
    callTimeoutSeconds: timeout,
  };
  return { ok: true, config, secrets: Object.keys(secrets).length ? secrets : undefined };
}

// ── Edits the list makes ────────────────────────────────────

export function withEnabled(config: McpServerConfig, enabled: boolean): McpServerConfig {
  return { ...config, enabled };
}

export function withApproval(config: McpServerConfig, approval: McpApprovalPolicy): McpServerConfig {
  return { ...config, approval };
}

export function withToolEnabled(config: McpServerConfig, tool: string, enabled: boolean): McpServerConfig {
  const rest = config.disabledTools.filter((t) => t !== tool);
  return { ...config, disabledTools: enabled ? rest : [...rest, tool] };
}

/** `null`: the tool follows the server's choice again. */
export function withToolApproval(config: McpServerConfig, tool: string, approval: McpApprovalPolicy | null): McpServerConfig {
  const { [tool]: _previous, ...rest } = config.toolApprovals;
  return { ...config, toolApprovals: approval === null ? rest : { ...rest, [tool]: approval } };
}

/**
 * The tools to show: main's list, or (when a save has reset the connection and main lists
 * none until it reconnects) the ones last seen for the same target, with this config's
 * switches and approvals applied, so the person can go on choosing.
 */
export function toolsToShow(view: Pick<McpServerView, 'config' | 'tools'>, lastSeen: { target: string; tools: McpToolInfo[] } | null): { tools: McpToolInfo[]; remembered: boolean } {
  if (view.tools.length > 0 || !lastSeen || lastSeen.target !== targetKey(view.config)) return { tools: view.tools, remembered: false };
  const { config } = view;
  return {
    tools: lastSeen.tools.map((t) => ({ ...t, enabled: !config.disabledTools.includes(t.name), approval: config.toolApprovals[t.name] ?? config.approval })),
    remembered: true,
  };
}

/** Identifies where a server is reached: tools seen for one target say nothing about another. */
export function targetKey(config: McpServerConfig): string {
  return JSON.stringify(config.target);
}

/** The list with one server replaced (or added at the end). */
export function upsertServer(servers: readonly McpServerView[], view: McpServerView): McpServerView[] {
  const at = servers.findIndex((s) => s.config.id === view.config.id);
  if (at < 0) return [...servers, view];
  const next = servers.slice();
  next[at] = view;
  return next;
}

// ── Import ──────────────────────────────────────────────────

/** What the import preview says about one server it would add. */
export function describeCandidate(candidate: McpImportCandidate): { target: string; keychain: string | null; replaces: string | null } {
  const secretNames = [...candidate.secretEnv, ...candidate.secretHeaders];
  return {
    target: describeTarget(candidate.config),
    keychain: secretNames.length ? tt('import.keychain', { names: secretNames.join(', ') }) : null,
    replaces: candidate.replaces ? tt('import.replaces', { id: candidate.config.id }) : null,
  };
}

export function addServersLabel(n: number): string {
  return tt('import.apply', { count: n });
}
