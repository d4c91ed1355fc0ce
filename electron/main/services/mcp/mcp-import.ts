/**
 * Reads the widely used MCP configuration file — `{"mcpServers": {name: {command, args, env,
 * cwd} | {url, headers, type}}}` (Claude Desktop, Cursor, Windsurf), VS Code's `{"servers": …}`
 * and its settings' `{"mcp": {"servers": …}}` — into server configs FROK can add. Values
 * that look secret (by their names) are split off for the keychain. Pure: no file, no store.
 */
import {
  DEFAULT_MCP_APPROVAL,
  McpServerConfigSchema,
  type McpImportCandidate,
  type McpSecretValues,
  type McpServerConfig,
} from '@shared/mcp';
import { describeZodError } from '../../errors';

export interface ParsedImport {
  candidates: { candidate: McpImportCandidate; secrets: McpSecretValues }[];
  problems: string[];
}

/** Environment names that hold secrets by convention: API_KEY, GITHUB_TOKEN, DB_PASSWORD, AUTH_… */
const SECRET_ENV_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|AUTH|CREDENTIAL|COOKIE|SESSION|(^|_)PAT($|_)/i;
/** Headers that carry credentials. */
const SECRET_HEADER_NAME = /^(authorization|proxy-authorization|cookie)$|key|token|secret|auth|password|session/i;

export const NEW_SERVER_DEFAULTS = {
  enabled: true,
  startAtLaunch: false,
  approval: DEFAULT_MCP_APPROVAL,
  toolApprovals: {},
  disabledTools: [],
  callTimeoutSeconds: 60,
} satisfies Partial<McpServerConfig>;

export function isSecretEnvName(name: string): boolean {
  return SECRET_ENV_NAME.test(name);
}

export function isSecretHeaderName(name: string): boolean {
  return SECRET_HEADER_NAME.test(name);
}

/** A lower-case id from a server's name: `My GitHub (work)` → `my-github-work`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug || 'server';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `existingIds`: the person's servers now, so a candidate can say it replaces one. */
export function parseImport(json: string, existingIds: ReadonlySet<string>): ParsedImport {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { candidates: [], problems: [`This is not valid JSON (${err instanceof Error ? err.message : String(err)}). Paste the whole file, including its outer braces.`] };
  }
  const map = serverMap(raw);
  if (!map) {
    return { candidates: [], problems: ['No servers were found: the file should have an "mcpServers" (or "servers") object with one entry per server.'] };
  }

  const out: ParsedImport = { candidates: [], problems: [] };
  const taken = new Set<string>();
  for (const [name, entry] of Object.entries(map)) {
    const label = `"${name}"`;
    if (!isObject(entry)) {
      out.problems.push(`${label} was skipped: its entry is not an object.`);
      continue;
    }
    let id = slugify(name);
    for (let n = 2; taken.has(id); n++) id = `${slugify(name).slice(0, 36)}-${n}`;
    const built = buildConfig(id, name, entry, label, out.problems);
    if (!built) continue;
    const checked = McpServerConfigSchema.safeParse(built.config);
    if (!checked.success) {
      out.problems.push(`${label} was skipped: ${describeZodError(checked.error)}.`);
      continue;
    }
    taken.add(id);
    const target = checked.data.target;
    out.candidates.push({
      candidate: {
        config: checked.data,
        secretEnv: target.transport === 'stdio' ? target.secretEnv : [],
        secretHeaders: target.transport === 'stdio' ? [] : target.secretHeaders,
        replaces: existingIds.has(id),
      },
      secrets: built.secrets,
    });
  }
  if (out.candidates.length === 0 && out.problems.length === 0) out.problems.push('The file lists no servers.');
  return out;
}

function serverMap(raw: unknown): Json | null {
  if (!isObject(raw)) return null;
  if (isObject(raw.mcpServers)) return raw.mcpServers;
  if (isObject(raw.servers)) return raw.servers;
  if (isObject(raw.mcp) && isObject(raw.mcp.servers)) return raw.mcp.servers;
  return null;
}

function buildConfig(id: string, name: string, entry: Json, label: string, problems: string[]): { config: unknown; secrets: McpSecretValues } | null {
  const common = { ...NEW_SERVER_DEFAULTS, id, name: name.trim().slice(0, 60) || id, enabled: entry.disabled !== true };
  const type = typeof entry.type === 'string' ? entry.type.toLowerCase() : undefined;

  if (typeof entry.command === 'string') {
    if (type !== undefined && type !== 'stdio') problems.push(`${label} has type "${String(entry.type)}" but also a command; it was read as a local command.`);
    const args = stringList(entry.args, label, 'args', problems);
    const envAll = stringRecord(entry.env, label, 'env', problems);
    if (args === null || envAll === null) return null;
    const env: Record<string, string> = {};
    const secretEnv: string[] = [];
    const secretValues: Record<string, string> = {};
    for (const [key, value] of Object.entries(envAll)) {
      if (isSecretEnvName(key)) {
        secretEnv.push(key);
        if (value) secretValues[key] = value;
      } else env[key] = value;
    }
    warnPlaceholders(label, [entry.command, ...args, ...Object.values(envAll)], problems);
    const cwd = typeof entry.cwd === 'string' && entry.cwd ? entry.cwd : null;
    return {
      config: { ...common, target: { transport: 'stdio', command: entry.command, args, cwd, env, secretEnv } },
      secrets: Object.keys(secretValues).length ? { env: secretValues } : {},
    };
  }

  const url = typeof entry.url === 'string' ? entry.url : typeof entry.serverUrl === 'string' ? entry.serverUrl : null;
  if (url !== null) {
    const headersAll = stringRecord(entry.headers, label, 'headers', problems);
    if (headersAll === null) return null;
    let transport: 'http' | 'sse';
    if (type === 'sse') transport = 'sse';
    else if (type === undefined || type === 'http' || type === 'streamable-http' || type === 'streamablehttp') transport = type === undefined && /\/sse\/?$/.test(url) ? 'sse' : 'http';
    else {
      problems.push(`${label} was skipped: its type "${String(entry.type)}" is not one FROK knows (use "http" or "sse").`);
      return null;
    }
    const headers: Record<string, string> = {};
    const secretHeaders: string[] = [];
    const secretValues: Record<string, string> = {};
    for (const [key, value] of Object.entries(headersAll)) {
      if (isSecretHeaderName(key)) {
        secretHeaders.push(key);
        if (value) secretValues[key] = value;
      } else headers[key] = value;
    }
    warnPlaceholders(label, [url, ...Object.values(headersAll)], problems);
    return {
      config: { ...common, target: { transport, url, headers, secretHeaders, bearerToken: false, oauthClientId: null } },
      secrets: Object.keys(secretValues).length ? { headers: secretValues } : {},
    };
  }

  problems.push(`${label} was skipped: it has neither a "command" nor a "url".`);
  return null;
}

function stringList(value: unknown, label: string, field: string, problems: string[]): string[] | null {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return value.map(String);
  problems.push(`${label} was skipped: its "${field}" should be a list of strings.`);
  return null;
}

function stringRecord(value: unknown, label: string, field: string, problems: string[]): Record<string, string> | null {
  if (value === undefined || value === null) return {};
  if (isObject(value) && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  }
  problems.push(`${label} was skipped: its "${field}" should map names to text values.`);
  return null;
}

/** VS Code's `${input:…}` / `${env:…}` and Cursor's `${env:…}` are filled in by those apps, not by FROK. */
function warnPlaceholders(label: string, values: string[], problems: string[]): void {
  if (values.some((v) => /\$\{(input|env):[^}]*\}/.test(v))) {
    problems.push(`${label} uses a \${input:…} or \${env:…} placeholder, which FROK does not fill in: after importing, replace it with the real value in Settings → Tools.`);
  }
}
