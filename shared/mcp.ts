/**
 * The person's own MCP servers (Settings → Tools): how each is reached, which of its tools
 * FROK may use and when it must ask first, and what the window is told about each one.
 * Secret values (tokens, header values, environment values marked secret) never appear
 * here: they go to main once, in a save or import request, and live in the keychain.
 */
import { z } from 'zod';

export const MCP_TRANSPORTS = ['stdio', 'http', 'sse'] as const;
export const McpTransportSchema = z.enum(MCP_TRANSPORTS);
export type McpTransport = z.infer<typeof McpTransportSchema>;

/**
 * When a tool call waits for the person: `always`; `unless-read-only` (the tool's MCP
 * annotations say `readOnlyHint: true` and not `destructiveHint: true`); `never`.
 */
export const MCP_APPROVAL_POLICIES = ['always', 'unless-read-only', 'never'] as const;
export const McpApprovalPolicySchema = z.enum(MCP_APPROVAL_POLICIES);
export type McpApprovalPolicy = z.infer<typeof McpApprovalPolicySchema>;
export const DEFAULT_MCP_APPROVAL: McpApprovalPolicy = 'unless-read-only';

/** Lower-case slug, unique among the person's servers; also names the server's specialist (`mcp:<id>`). */
export const McpServerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use lower-case letters, digits and dashes (at most 40)');

/** Environment variable and header names, as the OS and HTTP allow them. */
const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/);
const HeaderNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/);

const StdioTargetSchema = z
  .object({
    transport: z.literal('stdio'),
    command: z.string().min(1).max(4096),
    args: z.array(z.string().max(4096)).max(200),
    /** null: FROK's data folder. */
    cwd: z.string().max(4096).nullable(),
    /** Plain (non-secret) environment values. */
    env: z.record(EnvNameSchema, z.string().max(16_384)),
    /** Names of environment variables whose values are in the keychain. */
    secretEnv: z.array(EnvNameSchema).max(100),
  })
  .strict();

const RemoteTargetSchema = z
  .object({
    transport: z.enum(['http', 'sse']),
    url: z.url({ protocol: /^https?$/ }).max(4096),
    /** Plain (non-secret) header values. */
    headers: z.record(HeaderNameSchema, z.string().max(16_384)),
    /** Names of headers whose values are in the keychain. */
    secretHeaders: z.array(HeaderNameSchema).max(100),
    /** A bearer token is kept in the keychain for this server. */
    bearerToken: z.boolean(),
    /** OAuth: a client id the person entered (null: register FROK dynamically where the server allows it). */
    oauthClientId: z.string().max(512).nullable(),
  })
  .strict();

export const McpTargetSchema = z.discriminatedUnion('transport', [StdioTargetSchema, RemoteTargetSchema]);
export type McpTarget = z.infer<typeof McpTargetSchema>;

export const McpServerConfigSchema = z
  .object({
    id: McpServerIdSchema,
    name: z.string().trim().min(1).max(60),
    enabled: z.boolean(),
    /** Start with FROK instead of at first use. */
    startAtLaunch: z.boolean(),
    target: McpTargetSchema,
    approval: McpApprovalPolicySchema,
    /** Per-tool overrides of `approval`, by the tool's MCP name. */
    toolApprovals: z.record(z.string().max(128), McpApprovalPolicySchema),
    /** Tools switched off, by MCP name. */
    disabledTools: z.array(z.string().max(128)).max(1000),
    /** Each tool call's time limit. */
    callTimeoutSeconds: z.number().int().min(1).max(3600),
  })
  .strict();
export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;

/** Secret values sent with a save: each replaces what the keychain holds; `null` deletes it. */
export const McpSecretValuesSchema = z
  .object({
    env: z.record(EnvNameSchema, z.string().max(16_384).nullable()).optional(),
    headers: z.record(HeaderNameSchema, z.string().max(16_384).nullable()).optional(),
    bearerToken: z.string().max(16_384).nullable().optional(),
  })
  .strict();
export type McpSecretValues = z.infer<typeof McpSecretValuesSchema>;

export const MCP_SERVER_STATES = ['off', 'idle', 'needs-command-approval', 'starting', 'connected', 'failed', 'needs-sign-in'] as const;
export const McpServerStateSchema = z.enum(MCP_SERVER_STATES);
export type McpServerState = z.infer<typeof McpServerStateSchema>;

export const McpToolInfoSchema = z
  .object({
    name: z.string(),
    /** The tool's `title` (or annotations.title), else its name. */
    title: z.string(),
    description: z.string(),
    readOnly: z.boolean(),
    destructive: z.boolean(),
    enabled: z.boolean(),
    /** The policy that applies to it (its override, or the server's). */
    approval: McpApprovalPolicySchema,
  })
  .strict();
export type McpToolInfo = z.infer<typeof McpToolInfoSchema>;

export const McpServerViewSchema = z
  .object({
    config: McpServerConfigSchema,
    state: McpServerStateSchema,
    /** For `failed` / `needs-sign-in`: the server's own message and what to do, in plain words. */
    message: z.string().nullable(),
    /** A local command's last stderr lines (most recent last), shown when it fails. */
    stderrTail: z.array(z.string()),
    /** The tools as last listed (empty until the server has been reached once). */
    tools: z.array(McpToolInfoSchema),
    /** The exact command line a local server runs, for the person to approve before its first start. */
    commandLine: z.string().nullable(),
    /** Which secret names have a value in the keychain (never the values). */
    secretsSet: z.object({ env: z.array(z.string()), headers: z.array(z.string()), bearerToken: z.boolean(), signedIn: z.boolean() }).strict(),
  })
  .strict();
export type McpServerView = z.infer<typeof McpServerViewSchema>;

export const McpServerListSchema = z.object({ servers: z.array(McpServerViewSchema) }).strict();
export const McpSaveRequestSchema = z.object({ server: McpServerConfigSchema, secrets: McpSecretValuesSchema.optional() }).strict();
export const McpIdRequestSchema = z.object({ id: McpServerIdSchema }).strict();
export const McpApproveCommandRequestSchema = z.object({ id: McpServerIdSchema, commandLine: z.string().max(20_000) }).strict();

/** The widely used `{"mcpServers": {...}}` file (Claude Desktop, Cursor, …), pasted or read from a file. */
export const McpImportRequestSchema = z.object({ json: z.string().max(1_000_000) }).strict();
export const McpImportCandidateSchema = z
  .object({
    config: McpServerConfigSchema,
    /** Names of the environment variables / headers that will go to the keychain. */
    secretEnv: z.array(z.string()),
    secretHeaders: z.array(z.string()),
    /** Set when a server of that id exists already (it will be replaced). */
    replaces: z.boolean(),
  })
  .strict();
export type McpImportCandidate = z.infer<typeof McpImportCandidateSchema>;
export const McpImportPreviewSchema = z.object({ candidates: z.array(McpImportCandidateSchema), problems: z.array(z.string()) }).strict();
/** Adds the chosen candidates of the same JSON (by id). */
export const McpImportApplyRequestSchema = z.object({ json: z.string().max(1_000_000), ids: z.array(McpServerIdSchema).max(200) }).strict();

/** The specialist id of a person's server: `mcp:<server id>`. */
export const mcpSpecialistId = (serverId: string): `mcp:${string}` => `mcp:${serverId}`;

/** Whether a call of this tool waits for the person, by the policy that applies to it (McpToolInfo.approval). */
export function mcpToolNeedsApproval(tool: Pick<McpToolInfo, 'approval' | 'readOnly' | 'destructive'>): boolean {
  if (tool.approval === 'always') return true;
  if (tool.approval === 'never') return false;
  // A tool that says it only reads, and does not also say it destroys, runs without asking.
  return !(tool.readOnly && !tool.destructive);
}
