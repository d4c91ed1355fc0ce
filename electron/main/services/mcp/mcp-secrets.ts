/**
 * A server's secret values in the keychain, named `mcp:<id>:…` (see McpSecretName). Only
 * main reads them, to build a server's environment or headers; views report which are set.
 */
import type { McpSecretName } from '@shared/domain';
import type { McpSecretValues, McpServerConfig, McpServerView } from '@shared/mcp';
import { UserFacingError } from '../../errors';
import { tr } from '../../i18n';
import { SecretStorageError, type SecretStore } from '../secrets/secret-store';

export const mcpSecretNames = {
  env: (id: string, name: string): McpSecretName => `mcp:${id}:env:${name}`,
  header: (id: string, name: string): McpSecretName => `mcp:${id}:header:${name}`,
  bearer: (id: string): McpSecretName => `mcp:${id}:bearer`,
  oauthTokens: (id: string): McpSecretName => `mcp:${id}:oauth-tokens`,
  oauthClient: (id: string): McpSecretName => `mcp:${id}:oauth-client`,
};

/** Every secret name a config can use, plus the OAuth ones (set by sign-in, not by the config). */
export function allSecretNames(config: McpServerConfig): McpSecretName[] {
  const { id, target } = config;
  const names: McpSecretName[] = [mcpSecretNames.bearer(id), mcpSecretNames.oauthTokens(id), mcpSecretNames.oauthClient(id)];
  if (target.transport === 'stdio') names.push(...target.secretEnv.map((n) => mcpSecretNames.env(id, n)));
  else names.push(...target.secretHeaders.map((n) => mcpSecretNames.header(id, n)));
  return names;
}

/** The secret values a server is started with, by where they go. */
export interface ResolvedSecrets {
  env: Record<string, string>;
  headers: Record<string, string>;
  bearerToken: string | null;
  /** Every value read, so they can be scrubbed from anything shown to the person. */
  values: string[];
}

export class McpSecrets {
  constructor(private readonly store: SecretStore) {}

  async resolve(config: McpServerConfig): Promise<ResolvedSecrets> {
    const out: ResolvedSecrets = { env: {}, headers: {}, bearerToken: null, values: [] };
    const { id, target } = config;
    if (target.transport === 'stdio') {
      for (const name of target.secretEnv) {
        const value = await this.get(mcpSecretNames.env(id, name));
        if (value !== null) out.env[name] = value;
      }
    } else {
      for (const name of target.secretHeaders) {
        const value = await this.get(mcpSecretNames.header(id, name));
        if (value !== null) out.headers[name] = value;
      }
      if (target.bearerToken) out.bearerToken = await this.get(mcpSecretNames.bearer(id));
    }
    out.values = [...Object.values(out.env), ...Object.values(out.headers), ...(out.bearerToken ? [out.bearerToken] : [])];
    return out;
  }

  async summary(config: McpServerConfig): Promise<McpServerView['secretsSet']> {
    const { id, target } = config;
    const isSet = async (name: McpSecretName) => (await this.get(name).catch(() => null)) !== null;
    const env: string[] = [];
    const headers: string[] = [];
    if (target.transport === 'stdio') {
      for (const name of target.secretEnv) if (await isSet(mcpSecretNames.env(id, name))) env.push(name);
    } else {
      for (const name of target.secretHeaders) if (await isSet(mcpSecretNames.header(id, name))) headers.push(name);
    }
    return {
      env,
      headers,
      bearerToken: target.transport !== 'stdio' && target.bearerToken && (await isSet(mcpSecretNames.bearer(id))),
      signedIn: target.transport !== 'stdio' && (await isSet(mcpSecretNames.oauthTokens(id))),
    };
  }

  /** Stores the values sent with a save (null deletes). Only names the config lists as secret are accepted. */
  async write(config: McpServerConfig, values: McpSecretValues | undefined): Promise<void> {
    if (!values) return;
    const { id, target } = config;
    const writes: [McpSecretName, string | null][] = [];
    for (const [name, value] of Object.entries(values.env ?? {})) {
      if (target.transport !== 'stdio' || !target.secretEnv.includes(name)) throw notListed(tr('errors:mcp.notListedEnv', { name }));
      writes.push([mcpSecretNames.env(id, name), value]);
    }
    for (const [name, value] of Object.entries(values.headers ?? {})) {
      if (target.transport === 'stdio' || !target.secretHeaders.includes(name)) throw notListed(tr('errors:mcp.notListedHeader', { name }));
      writes.push([mcpSecretNames.header(id, name), value]);
    }
    if (values.bearerToken !== undefined) {
      if (values.bearerToken !== null && (target.transport === 'stdio' || !target.bearerToken)) throw notListed(tr('errors:mcp.notListedBearer'));
      writes.push([mcpSecretNames.bearer(id), values.bearerToken]);
    }
    for (const [name, value] of writes) await this.put(name, value);
  }

  /** Deletes what `before` used and `after` no longer does (all of it when after is null: a removed server). */
  async prune(before: McpServerConfig, after: McpServerConfig | null): Promise<void> {
    const keep = new Set(after ? allSecretNames(after) : []);
    if (after && (after.target.transport === 'stdio' || !after.target.bearerToken)) keep.delete(mcpSecretNames.bearer(after.id));
    // A changed address is a different server: its sign-in does not carry over.
    const sameRemote = after && before.target.transport !== 'stdio' && after.target.transport !== 'stdio' && before.target.url === after.target.url;
    if (!sameRemote) {
      keep.delete(mcpSecretNames.oauthTokens(before.id));
      keep.delete(mcpSecretNames.oauthClient(before.id));
    }
    for (const name of allSecretNames(before)) if (!keep.has(name)) await this.put(name, null);
  }

  private async get(name: McpSecretName): Promise<string | null> {
    try {
      return await this.store.get(name);
    } catch (err) {
      throw storageError(err);
    }
  }

  private async put(name: McpSecretName, value: string | null): Promise<void> {
    try {
      if (value === null) await this.store.delete(name);
      else await this.store.set(name, value);
    } catch (err) {
      throw storageError(err);
    }
  }
}

/** `what` names the value, e.g. "The header X-Api-Key". */
function notListed(what: string): UserFacingError {
  return new UserFacingError('invalid_request', tr('errors:mcp.notListedSecret', { what }));
}

function storageError(err: unknown): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const message =
    err instanceof SecretStorageError
      ? err.message
      : tr('errors:secrets.storageUnreachable', { detail: err instanceof Error ? err.message : String(err) });
  return new UserFacingError('secret_storage_failed', message);
}
