/**
 * The person's MCP servers and the command lines they approved, in `mcp-servers.json` in
 * FROK's data folder. No secret value is ever written here (they live in the keychain).
 * The file is checked against the schema on every start; a damaged one is moved aside
 * (kept, never deleted) and the person is told, the way the settings file is handled.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { McpServerConfigSchema, McpServerIdSchema, type McpServerConfig } from '@shared/mcp';
import type { AppNotice } from '../settings/settings-service';
import { tr } from '../../i18n';

const FILE_NAME = 'mcp-servers.json';

const McpFileSchema = z
  .object({
    version: z.literal(1),
    servers: z.array(McpServerConfigSchema).max(200),
    /** Server id → the exact command line the person approved for it. */
    approvedCommands: z.record(McpServerIdSchema, z.string()),
  })
  .strict()
  .refine((file) => new Set(file.servers.map((s) => s.id)).size === file.servers.length, 'two servers share an id');
type McpFile = z.infer<typeof McpFileSchema>;

export class McpConfigStore {
  readonly path: string;
  /** Set when the file was damaged and moved aside at start. */
  readonly notices: AppNotice[] = [];
  private data: McpFile;

  constructor(dataDir: string) {
    this.path = join(dataDir, FILE_NAME);
    this.data = this.load();
  }

  servers(): McpServerConfig[] {
    return this.data.servers.map((s) => structuredClone(s));
  }

  get(id: string): McpServerConfig | null {
    const found = this.data.servers.find((s) => s.id === id);
    return found ? structuredClone(found) : null;
  }

  /** Adds or replaces (by id), keeping the list's order. */
  put(config: McpServerConfig): void {
    const parsed = McpServerConfigSchema.parse(config);
    const index = this.data.servers.findIndex((s) => s.id === parsed.id);
    const servers = [...this.data.servers];
    if (index >= 0) servers[index] = parsed;
    else servers.push(parsed);
    this.save({ ...this.data, servers });
  }

  remove(id: string): void {
    const { [id]: _dropped, ...approvedCommands } = this.data.approvedCommands;
    this.save({ ...this.data, servers: this.data.servers.filter((s) => s.id !== id), approvedCommands });
  }

  approvedCommand(id: string): string | null {
    return this.data.approvedCommands[id] ?? null;
  }

  approveCommand(id: string, commandLine: string): void {
    this.save({ ...this.data, approvedCommands: { ...this.data.approvedCommands, [id]: commandLine } });
  }

  private load(): McpFile {
    const empty: McpFile = { version: 1, servers: [], approvedCommands: {} };
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return empty;
      return this.moveAside(`it could not be opened (${errorText(err)})`, empty);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return this.moveAside(`it is not valid JSON (${errorText(err)})`, empty);
    }
    const parsed = McpFileSchema.safeParse(raw);
    if (!parsed.success) return this.moveAside(`it does not hold a valid list of servers (${parsed.error.issues[0]?.message ?? 'unknown problem'})`, empty);
    return parsed.data;
  }

  private moveAside(reason: string, empty: McpFile): McpFile {
    const stamp = new Date().toISOString().replace(/:/g, '-');
    let aside = '';
    // rename() replaces silently on POSIX, which would delete an earlier kept file.
    for (let n = 0; !aside || existsSync(aside); n++) aside = join(dirname(this.path), `mcp-servers.corrupt-${stamp}${n ? `-${n}` : ''}.json`);
    try {
      renameSync(this.path, aside);
      this.notices.push({
        id: 'mcp-servers-moved-aside',
        level: 'warning',
        message: tr('errors:notices.mcpMovedAside', { reason, aside }),
      });
    } catch (err) {
      this.notices.push({
        id: 'mcp-servers-unreadable',
        level: 'error',
        message: tr('errors:notices.mcpUnreadable', { path: this.path, reason, moveError: errorText(err) }),
      });
    }
    return empty;
  }

  /** Written to a temporary file, flushed and renamed over: a crash leaves the old file or the new one, never half of one. */
  private save(next: McpFile): void {
    const checked = McpFileSchema.parse(next);
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(checked, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    this.data = checked;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
