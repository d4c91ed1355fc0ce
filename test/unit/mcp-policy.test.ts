/** When a call of a person's MCP tool waits for them, how tools and results are read, and how a command line is shown. */
import { describe, expect, it } from 'vitest';
import { commandLineOf, serverEnvironment, shellQuote } from '../../electron/main/services/mcp/mcp-command';
import { resultText, toolDetail, toolInfo, toolNeedsApproval } from '../../electron/main/services/mcp/mcp-tools';
import { SecretNameSchema } from '../../shared/domain';
import type { McpServerConfig } from '../../shared/mcp';

const config = (over: Partial<McpServerConfig> = {}): McpServerConfig => ({
  id: 's',
  name: 'S',
  enabled: true,
  startAtLaunch: false,
  target: { transport: 'stdio', command: 'node', args: [], cwd: null, env: {}, secretEnv: [] },
  approval: 'unless-read-only',
  toolApprovals: {},
  disabledTools: [],
  callTimeoutSeconds: 60,
  ...over,
});

const readOnly = { name: 'read', annotations: { readOnlyHint: true } };
const readButDestroys = { name: 'both', annotations: { readOnlyHint: true, destructiveHint: true } };
const writes = { name: 'write', annotations: { readOnlyHint: false, destructiveHint: false } };
const bare = { name: 'bare' };

describe('toolNeedsApproval', () => {
  it('unless-read-only: asks unless readOnlyHint is true and destructiveHint is not', () => {
    const c = config();
    expect(toolNeedsApproval(c, 'read', readOnly)).toBe(false);
    expect(toolNeedsApproval(c, 'both', readButDestroys)).toBe(true);
    expect(toolNeedsApproval(c, 'write', writes)).toBe(true);
    expect(toolNeedsApproval(c, 'bare', bare)).toBe(true);
    expect(toolNeedsApproval(c, 'unlisted', undefined)).toBe(true);
  });

  it('always and never, and the per-tool override wins', () => {
    expect(toolNeedsApproval(config({ approval: 'always' }), 'read', readOnly)).toBe(true);
    expect(toolNeedsApproval(config({ approval: 'never' }), 'both', readButDestroys)).toBe(false);
    expect(toolNeedsApproval(config({ approval: 'never' }), 'unlisted', undefined)).toBe(false);
    expect(toolNeedsApproval(config({ approval: 'never', toolApprovals: { write: 'always' } }), 'write', writes)).toBe(true);
    expect(toolNeedsApproval(config({ approval: 'always', toolApprovals: { read: 'unless-read-only' } }), 'read', readOnly)).toBe(false);
    expect(toolNeedsApproval(config({ toolApprovals: { unlisted: 'never' } }), 'unlisted', undefined)).toBe(false);
  });
});

describe('toolInfo', () => {
  it('takes the title from title, then annotations.title, then the name; reads the hints and the switches', () => {
    const c = config({ disabledTools: ['b'], toolApprovals: { a: 'always' } });
    expect(toolInfo({ name: 'a', title: 'A tool', description: 'does a', annotations: { title: 'ignored', readOnlyHint: true } }, c)).toEqual({
      name: 'a',
      title: 'A tool',
      description: 'does a',
      readOnly: true,
      destructive: false,
      enabled: true,
      approval: 'always',
    });
    expect(toolInfo({ name: 'b', annotations: { title: 'B tool', destructiveHint: true } }, c)).toMatchObject({ title: 'B tool', description: '', destructive: true, enabled: false, approval: 'unless-read-only' });
    expect(toolInfo({ name: 'c' }, c).title).toBe('c');
    expect(toolDetail({ name: 'c' }, c).inputSchema).toEqual({ type: 'object', properties: {} });
  });
});

describe('resultText', () => {
  it('joins text, names other content, and falls back to structured content', () => {
    expect(resultText({ content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] })).toBe('one\ntwo');
    expect(resultText({ content: [{ type: 'image', data: 'xx', mimeType: 'image/png' }] })).toBe('[image image/png]');
    expect(resultText({ content: [{ type: 'resource', resource: { uri: 'file:///a', text: 'body' } }] })).toBe('body');
    expect(resultText({ content: [{ type: 'resource_link', uri: 'file:///b', name: 'b' }] })).toBe('[link b file:///b]');
    expect(resultText({ content: [], structuredContent: { n: 1 } })).toBe('{"n":1}');
  });
});

describe('the command line and environment of a local server', () => {
  it('quotes words the way a shell needs them and includes the folder', () => {
    expect(shellQuote('plain-word_1.2/x')).toBe('plain-word_1.2/x');
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
    const target = { transport: 'stdio' as const, command: 'npx', args: ['-y', '@scope/server', 'a b'], cwd: null, env: {}, secretEnv: [] };
    expect(commandLineOf(target, '/data dir')).toBe("cd '/data dir' && npx -y @scope/server 'a b'");
    expect(commandLineOf({ ...target, cwd: '/work' }, '/data')).toBe("cd /work && npx -y @scope/server 'a b'");
  });

  it("passes only the SDK's default variables, the configured ones and the secrets, never FROK's own", () => {
    process.env.FROK_TEST_SECRET_TOKEN = 'do-not-pass';
    try {
      const env = serverEnvironment({ transport: 'stdio', command: 'x', args: [], cwd: null, env: { A: '1' }, secretEnv: ['B'] }, { B: '2' });
      expect(env.A).toBe('1');
      expect(env.B).toBe('2');
      expect(env.FROK_TEST_SECRET_TOKEN).toBeUndefined();
      expect(env.PATH).toBeDefined();
      expect(Object.keys(env).every((k) => ['A', 'B', 'HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'].includes(k) || process.platform === 'win32')).toBe(true);
    } finally {
      delete process.env.FROK_TEST_SECRET_TOKEN;
    }
  });
});

describe('SecretName', () => {
  it("accepts FROK's own names and a server's, and nothing else", () => {
    for (const name of ['openaiApiKey', 'homeAssistantToken', 'mcp:github:env:GITHUB_TOKEN', 'mcp:linear:header:Authorization', 'mcp:a-b:bearer', 'mcp:x:oauth-tokens', 'mcp:x:oauth-client']) {
      expect(SecretNameSchema.safeParse(name).success).toBe(true);
    }
    for (const name of ['other', 'mcp:Bad:bearer', 'mcp:x:env:', 'mcp:x:token', 'mcp:x:env:A B', 42]) expect(SecretNameSchema.safeParse(name).success).toBe(false);
  });
});
