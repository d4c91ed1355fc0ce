/** The `{"mcpServers": …}` import parser: shapes of Claude Desktop, Cursor and VS Code, secrets split off, problems in plain words. */
import { describe, expect, it } from 'vitest';
import { isSecretEnvName, isSecretHeaderName, parseImport, slugify } from '../../electron/main/services/mcp/mcp-import';

const none = new Set<string>();

describe('parseImport', () => {
  it('reads a local command with args, env and cwd; secret-looking env values go to the keychain', () => {
    const { candidates, problems } = parseImport(
      JSON.stringify({ mcpServers: { 'File System': { command: 'npx', args: ['-y', 'srv', '/tmp'], cwd: '/home/me', env: { API_KEY: 'k1', DEBUG: '1', PORT: 8080 } } } }),
      new Set(['file-system']),
    );
    expect(problems).toEqual([]);
    expect(candidates).toHaveLength(1);
    const { candidate, secrets } = candidates[0]!;
    expect(candidate).toMatchObject({
      replaces: true,
      secretEnv: ['API_KEY'],
      config: {
        id: 'file-system',
        name: 'File System',
        enabled: true,
        startAtLaunch: false,
        approval: 'unless-read-only',
        callTimeoutSeconds: 60,
        target: { transport: 'stdio', command: 'npx', args: ['-y', 'srv', '/tmp'], cwd: '/home/me', env: { DEBUG: '1', PORT: '8080' }, secretEnv: ['API_KEY'] },
      },
    });
    expect(secrets).toEqual({ env: { API_KEY: 'k1' } });
  });

  it('reads remote servers: type http / streamable-http / sse, and a /sse address without a type', () => {
    const { candidates } = parseImport(
      JSON.stringify({
        mcpServers: {
          a: { url: 'https://a.example/mcp', type: 'streamable-http' },
          b: { url: 'https://b.example/mcp', type: 'http', headers: { Authorization: 'Bearer t0k', 'X-Api-Key': 'k', Accept: 'x' } },
          c: { url: 'https://c.example/sse' },
          d: { url: 'https://d.example/events', type: 'sse' },
        },
      }),
      none,
    );
    expect(candidates.map((c) => c.candidate.config.target.transport)).toEqual(['http', 'http', 'sse', 'sse']);
    const b = candidates[1]!;
    expect(b.candidate.secretHeaders).toEqual(['Authorization', 'X-Api-Key']);
    expect(b.candidate.config.target).toMatchObject({ headers: { Accept: 'x' }, bearerToken: false, oauthClientId: null });
    expect(b.secrets).toEqual({ headers: { Authorization: 'Bearer t0k', 'X-Api-Key': 'k' } });
  });

  it("reads VS Code's `servers` and settings' `mcp.servers`", () => {
    expect(parseImport(JSON.stringify({ servers: { x: { type: 'stdio', command: 'uvx', args: ['x'] } } }), none).candidates).toHaveLength(1);
    expect(parseImport(JSON.stringify({ mcp: { servers: { y: { url: 'http://localhost:3000/mcp' } } } }), none).candidates).toHaveLength(1);
  });

  it('says in plain words what it could not read, and keeps the rest', () => {
    const bad = parseImport('{"mcpServers": ', none);
    expect(bad.candidates).toEqual([]);
    expect(bad.problems[0]).toMatch(/not valid JSON/);
    expect(parseImport('{"other": {}}', none).problems[0]).toMatch(/"mcpServers"/);

    const mixed = parseImport(
      JSON.stringify({
        mcpServers: {
          ok: { command: 'node', args: ['s.js'] },
          nothing: { foo: 1 },
          badArgs: { command: 'x', args: 'not-a-list' },
          ftp: { url: 'ftp://example.com' },
          weird: { url: 'https://w.example', type: 'websocket' },
          placeholder: { command: 'x', env: { TOKEN: '${input:token}' } },
        },
      }),
      none,
    );
    expect(mixed.candidates.map((c) => c.candidate.config.id)).toEqual(['ok', 'placeholder']);
    const text = mixed.problems.join('\n');
    expect(text).toMatch(/"nothing" was skipped: it has neither a "command" nor a "url"/);
    expect(text).toMatch(/"badArgs" was skipped: its "args" should be a list/);
    expect(text).toMatch(/"ftp" was skipped/);
    expect(text).toMatch(/"weird" was skipped: its type "websocket"/);
    expect(text).toMatch(/"placeholder" uses a \$\{input:…\}/);
  });

  it('gives unique ids when two names slug alike, and reads `disabled`', () => {
    const { candidates } = parseImport(JSON.stringify({ mcpServers: { 'My Server': { command: 'a' }, 'my-server': { command: 'b', disabled: true } } }), none);
    expect(candidates.map((c) => [c.candidate.config.id, c.candidate.config.enabled])).toEqual([
      ['my-server', true],
      ['my-server-2', false],
    ]);
  });
});

describe('names', () => {
  it('slugs names into server ids', () => {
    expect(slugify('GitHub (work)')).toBe('github-work');
    expect(slugify('  Café Ünïcode  ')).toBe('cafe-unicode');
    expect(slugify('!!!')).toBe('server');
    expect(slugify('x'.repeat(80))).toHaveLength(40);
  });

  it('tells secret-looking env and header names', () => {
    for (const name of ['OPENAI_API_KEY', 'GITHUB_TOKEN', 'DB_PASSWORD', 'CLIENT_SECRET', 'AUTH_HEADER', 'GITLAB_PAT']) expect(isSecretEnvName(name)).toBe(true);
    for (const name of ['DEBUG', 'PORT', 'LOG_LEVEL', 'PATH', 'PATTERN']) expect(isSecretEnvName(name)).toBe(false);
    for (const name of ['Authorization', 'proxy-authorization', 'X-API-Key', 'Cookie', 'X-Auth-Token']) expect(isSecretHeaderName(name)).toBe(true);
    for (const name of ['Accept', 'X-Client', 'User-Agent']) expect(isSecretHeaderName(name)).toBe(false);
  });
});
