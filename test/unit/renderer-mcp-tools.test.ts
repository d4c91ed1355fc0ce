/** Settings → Tools without a screen: the form → McpServerConfig + secrets, its checks, state wording, list edits. */
import { describe, expect, it } from 'vitest';
import { McpSaveRequestSchema, type McpServerConfig, type McpServerView } from '@shared/mcp';
import {
  addServersLabel,
  argsFromLines,
  checkDraft,
  describeCandidate,
  describeStatus,
  draftFromView,
  emptyDraft,
  newRow,
  parseShellArgs,
  quoteShellArg,
  serverIdFor,
  toolsToShow,
  targetKey,
  upsertServer,
  withToolApproval,
  withToolEnabled,
  type ServerDraft,
} from '../../renderer/src/screens/settings/tools/tools-model';

const NO_SECRETS = { env: [], headers: [], bearerToken: false, signedIn: false };

function localDraft(change: Partial<ServerDraft> = {}): ServerDraft {
  return { ...emptyDraft('local'), name: 'Everything', command: '/usr/bin/node', argsText: '/x/index.js\nstdio', ...change };
}

function ok(draft: ServerDraft, taken: string[] = []) {
  const check = checkDraft(draft, taken);
  if (!check.ok) throw new Error(`expected ok, got ${JSON.stringify(check.errors)}`);
  // What the renderer builds must be what main accepts.
  expect(McpSaveRequestSchema.safeParse({ server: check.config, ...(check.secrets ? { secrets: check.secrets } : {}) }).success).toBe(true);
  return check;
}

function errors(draft: ServerDraft, taken: string[] = []) {
  const check = checkDraft(draft, taken);
  if (check.ok) throw new Error('expected errors');
  return check.errors;
}

const savedStdio: McpServerConfig = {
  id: 'files',
  name: 'Files',
  enabled: true,
  startAtLaunch: false,
  target: { transport: 'stdio', command: 'npx', args: ['-y', 'server-files'], cwd: null, env: { LOG: 'debug' }, secretEnv: ['API_KEY'] },
  approval: 'always',
  toolApprovals: { read: 'never' },
  disabledTools: ['delete'],
  callTimeoutSeconds: 30,
};

describe('shell-like arguments', () => {
  it('splits on spaces and keeps quoted spaces', () => {
    expect(parseShellArgs(`-y  @scope/pkg '/Users/me/My Docs' "a \\"b\\"" c\\ d`)).toEqual({ ok: true, args: ['-y', '@scope/pkg', '/Users/me/My Docs', 'a "b"', 'c d'] });
  });
  it('keeps an empty quoted argument and joins adjacent quoted parts', () => {
    expect(parseShellArgs(`'' --x="1 2"`)).toEqual({ ok: true, args: ['', '--x=1 2'] });
  });
  it('says which quote is not closed', () => {
    expect(parseShellArgs(`'abc`)).toMatchObject({ ok: false, reason: expect.stringMatching(/single quote/) });
    expect(parseShellArgs(`"abc`)).toMatchObject({ ok: false, reason: expect.stringMatching(/double quote/) });
  });
  it('quotes only when needed, and round-trips', () => {
    const args = ['-y', 'plain/path.js', 'with space', "it's", ''];
    expect(args.map(quoteShellArg).join(' ')).toBe(`-y plain/path.js 'with space' 'it'\\''s' ''`);
    expect(parseShellArgs(args.map(quoteShellArg).join(' '))).toEqual({ ok: true, args });
  });
  it('one per line skips blank lines and trims', () => {
    expect(argsFromLines(' -y \r\n\n@scope/pkg\n')).toEqual(['-y', '@scope/pkg']);
  });
});

describe('server ids', () => {
  it('makes a slug from the name and avoids ids in use', () => {
    expect(serverIdFor('My GitHub Server!', [])).toBe('my-github-server');
    expect(serverIdFor('Files', ['files', 'files-2'])).toBe('files-3');
    expect(serverIdFor('Café', [])).toBe('cafe');
    expect(serverIdFor('***', [])).toBe('server');
    expect(serverIdFor('a'.repeat(80), []).length).toBeLessThanOrEqual(40);
  });
});

describe('the add form → mcp:save', () => {
  it('builds a local server with plain and secret environment values; the secret only in `secrets`', () => {
    const check = ok(
      localDraft({
        cwd: '  ',
        env: [newRow({ name: 'LOG', value: 'debug' }), newRow({ name: 'TOKEN', value: 's3cret', secret: true }), newRow()],
      }),
      ['everything'],
    );
    expect(check.config).toEqual({
      id: 'everything-2',
      name: 'Everything',
      enabled: true,
      startAtLaunch: false,
      target: { transport: 'stdio', command: '/usr/bin/node', args: ['/x/index.js', 'stdio'], cwd: null, env: { LOG: 'debug' }, secretEnv: ['TOKEN'] },
      approval: 'unless-read-only',
      toolApprovals: {},
      disabledTools: [],
      callTimeoutSeconds: 60,
    });
    expect(check.secrets).toEqual({ env: { TOKEN: 's3cret' } });
    expect(JSON.stringify(check.config)).not.toContain('s3cret');
  });

  it('parses arguments typed on one line', () => {
    expect(ok(localDraft({ argsMode: 'shell', argsText: `-y pkg '/a b'` })).config.target).toMatchObject({ args: ['-y', 'pkg', '/a b'] });
    expect(errors(localDraft({ argsMode: 'shell', argsText: `'oops` })).args).toMatch(/not closed.*one argument per line/);
  });

  it('says what is missing, next to the field', () => {
    const e = errors({ ...emptyDraft('local'), callTimeoutSeconds: '0' });
    expect(e.name).toMatch(/Give the server a name/);
    expect(e.command).toMatch(/program to run/);
    expect(e.callTimeoutSeconds).toMatch(/1 to 3600/);
  });

  it('checks environment rows: names, duplicates, a new secret without a value', () => {
    const bad = newRow({ name: '1BAD', value: 'x' });
    const dup = newRow({ name: 'A', value: '2' });
    const noValue = newRow({ name: 'KEY', secret: true });
    const noName = newRow({ value: 'orphan' });
    const e = errors(localDraft({ env: [bad, newRow({ name: 'A', value: '1' }), dup, noValue, noName] }));
    expect(e[`env:${bad.key}`]).toMatch(/can’t be an environment variable name/);
    expect(e[`env:${dup.key}`]).toMatch(/listed twice/);
    expect(e[`env:${noValue.key}`]).toMatch(/Enter the secret value of KEY/);
    expect(e[`env:${noName.key}`]).toMatch(/Give this variable a name/);
  });

  it('builds a remote server with a secret header, a bearer token and an OAuth client id', () => {
    const check = ok({
      ...emptyDraft('remote'),
      name: 'Linear',
      url: ' https://mcp.linear.app/mcp ',
      remoteTransport: 'sse',
      headers: [newRow({ name: 'X-Team', value: 'eng' }), newRow({ name: 'X-Api-Key', value: 'k', secret: true })],
      bearerToken: ' tok ',
      oauthClientId: 'client-1',
    });
    expect(check.config.target).toEqual({
      transport: 'sse',
      url: 'https://mcp.linear.app/mcp',
      headers: { 'X-Team': 'eng' },
      secretHeaders: ['X-Api-Key'],
      bearerToken: true,
      oauthClientId: 'client-1',
    });
    expect(check.secrets).toEqual({ headers: { 'X-Api-Key': 'k' }, bearerToken: 'tok' });
  });

  it('refuses an address that is not http(s), and header names with spaces; duplicates ignore case', () => {
    const spaced = newRow({ name: 'Bad Header', value: 'x' });
    const dup = newRow({ name: 'x-a', value: '2' });
    const e = errors({ ...emptyDraft('remote'), name: 'R', url: 'ftp://x', headers: [spaced, newRow({ name: 'X-A', value: '1' }), dup] });
    expect(e.url).toMatch(/https:\/\//);
    expect(e[`headers:${spaced.key}`]).toMatch(/can’t be a header name/);
    expect(e[`headers:${dup.key}`]).toMatch(/listed twice/);
    expect(errors({ ...emptyDraft('remote'), name: 'R', url: 'example.com' }).url).toMatch(/not a full address/);
    expect(errors({ ...emptyDraft('remote'), name: 'R', url: 'https://x', bearerToken: 'Bearer abc' }).bearerToken).toMatch(/without “Bearer”/);
  });
});

describe('editing a saved server', () => {
  const view = { config: savedStdio, secretsSet: { ...NO_SECRETS, env: ['API_KEY'] } };

  it('fills in plain values and leaves secret ones empty', () => {
    const draft = draftFromView(view);
    expect(draft).toMatchObject({ name: 'Files', command: 'npx', argsMode: 'lines', argsText: '-y\nserver-files', cwd: '', callTimeoutSeconds: '30' });
    expect(draft.env.map(({ name, value, secret }) => ({ name, value, secret }))).toEqual([
      { name: 'LOG', value: 'debug', secret: false },
      { name: 'API_KEY', value: '', secret: true },
    ]);
  });

  it('keeps a saved secret when its field is left empty, and what the form does not show', () => {
    const check = ok(draftFromView(view), ['other']);
    expect(check.config).toEqual(savedStdio);
    expect(check.secrets).toBeUndefined();
  });

  it('replaces a secret when a new value is typed; deletes it when the row goes', () => {
    const draft = draftFromView(view);
    const replaced = ok({ ...draft, env: draft.env.map((r) => (r.secret ? { ...r, value: 'new' } : r)) });
    expect(replaced.secrets).toEqual({ env: { API_KEY: 'new' } });
    const removed = ok({ ...draft, env: draft.env.filter((r) => !r.secret) });
    expect(removed.config.target).toMatchObject({ secretEnv: [] });
    expect(removed.secrets).toEqual({ env: { API_KEY: null } });
  });

  it('shows arguments that cannot be typed one per line on one quoted line', () => {
    const draft = draftFromView({ config: { ...savedStdio, target: { ...savedStdio.target, args: ['a b', ' padded', ''] } as McpServerConfig['target'] }, secretsSet: NO_SECRETS });
    expect(draft.argsMode).toBe('shell');
    expect(parseShellArgs(draft.argsText)).toEqual({ ok: true, args: ['a b', ' padded', ''] });
  });

  it('a remote server keeps its token unless asked to delete it; switching to local deletes remote secrets', () => {
    const remote: McpServerConfig = {
      ...savedStdio,
      target: { transport: 'http', url: 'https://x/mcp', headers: {}, secretHeaders: ['X-Key'], bearerToken: true, oauthClientId: null },
    };
    const draft = draftFromView({ config: remote, secretsSet: { ...NO_SECRETS, headers: ['X-Key'], bearerToken: true } });
    expect(draft.bearerToken).toBe('');
    const kept = ok(draft);
    expect(kept.config.target).toMatchObject({ bearerToken: true, secretHeaders: ['X-Key'] });
    expect(kept.secrets).toBeUndefined();
    expect(ok({ ...draft, removeBearerToken: true }).secrets).toEqual({ bearerToken: null });
    const local = ok({ ...draft, kind: 'local', command: 'npx' });
    expect(local.secrets).toEqual({ headers: { 'X-Key': null }, bearerToken: null });
  });
});

describe('state in words', () => {
  const tools = Array.from({ length: 12 }, (_, i) => ({ name: `t${i}` }));
  it('reads plainly', () => {
    expect(describeStatus({ state: 'connected', message: null, tools: tools as never })).toEqual({ text: 'Connected · 12 tools', tone: 'success' });
    expect(describeStatus({ state: 'connected', message: null, tools: tools.slice(0, 1) as never }).text).toBe('Connected · 1 tool');
    expect(describeStatus({ state: 'starting', message: null, tools: [] }).text).toBe('Starting…');
    expect(describeStatus({ state: 'failed', message: 'spawn nope ENOENT', tools: [] })).toEqual({ text: 'Failed: spawn nope ENOENT', tone: 'error' });
    expect(describeStatus({ state: 'failed', message: null, tools: [] }).text).toMatch(/^Failed: /);
    expect(describeStatus({ state: 'needs-sign-in', message: null, tools: [] }).text).toBe('Needs sign-in');
    expect(describeStatus({ state: 'needs-command-approval', message: null, tools: [] }).text).toBe('Needs your OK to run');
    expect(describeStatus({ state: 'off', message: null, tools: [] }).text).toBe('Off');
  });
});

describe('list edits', () => {
  it('switches a tool off and on again', () => {
    const off = withToolEnabled(savedStdio, 'echo', false);
    expect(off.disabledTools).toEqual(['delete', 'echo']);
    expect(withToolEnabled(off, 'echo', true).disabledTools).toEqual(['delete']);
    expect(withToolEnabled(off, 'echo', false).disabledTools).toEqual(['delete', 'echo']);
  });
  it('sets and clears a tool’s approval override', () => {
    expect(withToolApproval(savedStdio, 'echo', 'always').toolApprovals).toEqual({ read: 'never', echo: 'always' });
    expect(withToolApproval(savedStdio, 'read', null).toolApprovals).toEqual({});
  });
  it('replaces one server in place, or adds it', () => {
    const a = { config: { ...savedStdio, id: 'a' }, state: 'idle' } as McpServerView;
    const b = { config: { ...savedStdio, id: 'b' }, state: 'idle' } as McpServerView;
    const b2 = { ...b, state: 'connected' } as McpServerView;
    expect(upsertServer([a, b], b2)).toEqual([a, b2]);
    expect(upsertServer([a], b)).toEqual([a, b]);
  });
});

describe('tools after a save', () => {
  const echo = { name: 'echo', title: 'Echo', description: 'Echoes', readOnly: true, destructive: false, enabled: true, approval: 'always' as const };
  it('shows main’s list when it has one', () => {
    expect(toolsToShow({ config: savedStdio, tools: [echo] }, null)).toEqual({ tools: [echo], remembered: false });
  });
  it('shows the tools last seen for the same target, with the new switches and approvals', () => {
    const config = withToolApproval(withToolEnabled(savedStdio, 'echo', false), 'echo', 'never');
    expect(toolsToShow({ config, tools: [] }, { target: targetKey(savedStdio), tools: [echo] })).toEqual({
      tools: [{ ...echo, enabled: false, approval: 'never' }],
      remembered: true,
    });
  });
  it('forgets them when the server is reached differently', () => {
    const moved = { ...savedStdio, target: { ...savedStdio.target, command: 'uvx' } as McpServerConfig['target'] };
    expect(toolsToShow({ config: moved, tools: [] }, { target: targetKey(savedStdio), tools: [echo] })).toEqual({ tools: [], remembered: false });
  });
});

describe('import preview wording', () => {
  it('names the keychain values and a replaced server', () => {
    const words = describeCandidate({ config: savedStdio, secretEnv: ['API_KEY'], secretHeaders: [], replaces: true });
    expect(words).toEqual({
      target: 'Local command: npx -y server-files',
      keychain: 'Goes to your system keychain: API_KEY',
      replaces: 'Replaces your server “files”.',
    });
    expect(describeCandidate({ config: savedStdio, secretEnv: [], secretHeaders: [], replaces: false })).toMatchObject({ keychain: null, replaces: null });
    expect(addServersLabel(1)).toBe('Add 1 server');
    expect(addServersLabel(3)).toBe('Add 3 servers');
  });
});
