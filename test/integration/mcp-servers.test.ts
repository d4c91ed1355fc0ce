/**
 * The person's own MCP servers against a real one: @modelcontextprotocol/server-everything,
 * run as a local command (stdio) and over Streamable HTTP on 127.0.0.1. No part of the MCP
 * SDK is mocked; secrets go to the in-memory store of the node-services support.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EmittedEvent } from '../../electron/main/events';
import { UserFacingError } from '../../electron/main/errors';
import { createMemoryLogger } from '../../electron/main/logger';
import { McpServerManager, type McpServerManagerDeps } from '../../electron/main/services/mcp/mcp-server-manager';
import type { McpServerConfig, McpServerView } from '../../shared/mcp';
import { memorySecretStore } from '../support/node-services';

const EVERYTHING = resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');
/** A server that runs its work in a grandchild, as `npx some-server` does (pid on stderr). */
const GRANDCHILD = resolve('test/support/mcp-grandchild-server.mjs');
/** A server whose tool list grows when `unlock_weather` is called (and that says so: tools/list_changed). */
const GROWING = resolve('test/support/mcp-growing-server.mjs');

function baseConfig(id: string, target: McpServerConfig['target'], over: Partial<McpServerConfig> = {}): McpServerConfig {
  return { id, name: id, enabled: true, startAtLaunch: false, target, approval: 'unless-read-only', toolApprovals: {}, disabledTools: [], callTimeoutSeconds: 60, ...over };
}
const stdio = (id: string, over: Partial<McpServerConfig> = {}, env: Record<string, string> = {}, secretEnv: string[] = []) =>
  baseConfig(id, { transport: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'], cwd: null, env, secretEnv }, over);
const remote = (id: string, url: string, over: Partial<McpServerConfig> = {}) =>
  baseConfig(id, { transport: 'http', url, headers: {}, secretHeaders: [], bearerToken: false, oauthClientId: null }, over);

interface Harness {
  mcp: McpServerManager;
  dataDir: string;
  secrets: ReturnType<typeof memorySecretStore>;
  events: EmittedEvent[];
  log: ReturnType<typeof createMemoryLogger>;
  sleeps: number[];
}

const open: Harness[] = [];
function harness(over: Partial<McpServerManagerDeps> = {}, dataDir = mkdtempSync(join(tmpdir(), 'frok-mcp-'))): Harness {
  const secrets = memorySecretStore();
  const bus = createEventBus();
  const events: EmittedEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const log = createMemoryLogger();
  const sleeps: number[] = [];
  const mcp = new McpServerManager({
    dataDir,
    secretStore: secrets,
    events: bus,
    log,
    backoffMs: (n) => n * 10,
    sleep: async (ms) => void sleeps.push(ms),
    ...over,
  });
  const h = { mcp, dataDir, secrets, events, log, sleeps };
  open.push(h);
  return h;
}

/** Saves a local server and approves its command line, as the person would in Settings → Tools. */
async function addApproved(h: Harness, config: McpServerConfig): Promise<McpServerView> {
  const view = await h.mcp.save(config);
  return h.mcp.approveCommand(config.id, view.commandLine!);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.mcp.dispose();
    rmSync(h.dataDir, { recursive: true, force: true });
  }
});

describe('a local command (stdio)', () => {
  it('runs nothing before its exact command line is approved, and asks again when it changes', async () => {
    const h = harness();
    const marker = join(h.dataDir, 'ran.txt');
    const config = baseConfig('probe', { transport: 'stdio', command: process.execPath, args: ['-e', "require('fs').writeFileSync('ran.txt', 'x')"], cwd: null, env: {}, secretEnv: [] });
    const saved = await h.mcp.save(config);
    expect(saved.state).toBe('needs-command-approval');
    expect(saved.commandLine).toBe(`cd ${h.dataDir} && ${process.execPath} -e 'require('\\''fs'\\'').writeFileSync('\\''ran.txt'\\'', '\\''x'\\'')'`);

    expect((await h.mcp.test('probe')).state).toBe('needs-command-approval');
    await expect(h.mcp.callTool('probe', 'anything', {})).rejects.toMatchObject({ code: 'mcp_command_not_approved' });
    await expect(h.mcp.toolsFor('probe')).rejects.toMatchObject({ code: 'mcp_command_not_approved' });
    await expect(h.mcp.approveCommand('probe', 'cd / && something-else')).rejects.toMatchObject({ code: 'mcp_command_changed' });
    expect(existsSync(marker)).toBe(false);
    expect(h.mcp.pidOf('probe')).toBeNull();

    // Approved: it runs (and, not being an MCP server, fails with its own words shown).
    await h.mcp.approveCommand('probe', saved.commandLine!);
    const tested = await h.mcp.test('probe');
    expect(existsSync(marker)).toBe(true);
    expect(tested.state).toBe('failed');
    expect(tested.message).toMatch(/stopped before it answered/);

    // A different argument is a different command line: approval again.
    const changed = await h.mcp.save({ ...config, target: { ...config.target, args: [...(config.target as { args: string[] }).args, '--more'] } as McpServerConfig['target'] });
    expect(changed.state).toBe('needs-command-approval');
  });

  it('lists its tools with descriptions and annotations, and calls echo and get-sum', async () => {
    const h = harness();
    await addApproved(h, stdio('everything'));
    const tools = await h.mcp.toolsFor('everything');
    const echo = tools.find((t) => t.name === 'echo');
    expect(echo).toMatchObject({ title: 'Echo Tool', description: 'Echoes back the input string', readOnly: true, destructive: false, enabled: true, approval: 'unless-read-only' });
    expect(echo?.inputSchema).toMatchObject({ type: 'object', properties: { message: { type: 'string' } } });
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get-sum', 'trigger-long-running-operation', 'toggle-simulated-logging']));

    expect(await h.mcp.callTool('everything', 'echo', { message: 'hello' })).toEqual({ text: 'Echo: hello', isError: false });
    expect(await h.mcp.callTool('everything', 'get-sum', { a: 2, b: 3 })).toEqual({ text: 'The sum of 2 and 3 is 5.', isError: false });
    // Bad arguments come back as an error the model can read, and the server keeps working.
    expect((await h.mcp.callTool('everything', 'get-sum', { a: 'two' })).isError).toBe(true);

    const view = await h.mcp.view('everything');
    expect(view.state).toBe('connected');
    expect(view.tools.length).toBe(tools.length);
    expect(h.events.some((e) => e.name === 'mcp:changed' && (e.payload as McpServerView).state === 'connected')).toBe(true);
  });

  it('asks first per the policy and the annotations; the per-tool override wins; switched-off tools are left out', async () => {
    const h = harness();
    await addApproved(h, stdio('everything'));
    await h.mcp.toolsFor('everything');
    expect(h.mcp.needsApproval('everything', 'echo')).toBe(false); // readOnlyHint true
    expect(h.mcp.needsApproval('everything', 'toggle-simulated-logging')).toBe(true); // readOnlyHint false
    expect(h.mcp.needsApproval('everything', 'not-listed')).toBe(true);

    await h.mcp.save(stdio('everything', { approval: 'never', toolApprovals: { echo: 'always' }, disabledTools: ['get-sum'] }));
    const tools = await h.mcp.toolsFor('everything');
    expect(h.mcp.needsApproval('everything', 'echo')).toBe(true);
    expect(h.mcp.needsApproval('everything', 'toggle-simulated-logging')).toBe(false);
    expect(tools.map((t) => t.name)).not.toContain('get-sum');
    expect((await h.mcp.view('everything')).tools.find((t) => t.name === 'get-sum')?.enabled).toBe(false);
    await expect(h.mcp.callTool('everything', 'get-sum', { a: 1, b: 1 })).rejects.toMatchObject({ code: 'mcp_tool_off' });
  });

  it('a change of approvals or tool switches keeps the running server and its tools; a new command restarts it', async () => {
    const h = harness();
    await addApproved(h, stdio('everything'));
    await h.mcp.toolsFor('everything');
    const pid = h.mcp.pidOf('everything');
    expect(pid).toEqual(expect.any(Number));

    const view = await h.mcp.save(stdio('everything', { name: 'Everything', approval: 'always', disabledTools: ['echo'] }));
    expect(h.mcp.pidOf('everything')).toBe(pid);
    expect(view.state).toBe('connected');
    expect(view.tools.find((t) => t.name === 'echo')).toMatchObject({ enabled: false, approval: 'always' });

    await h.mcp.save(stdio('everything', {}, { EXTRA: '1' }));
    expect(h.mcp.pidOf('everything')).not.toBe(pid);
    expect(isRunning(pid!)).toBe(false);
  });

  it('stops a long call when the signal aborts or the time limit passes, and stays usable', async () => {
    const h = harness();
    await addApproved(h, stdio('everything'));
    const args = { duration: 20, steps: 20 };

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(h.mcp.callTool('everything', 'trigger-long-running-operation', args, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });

    const timedOut = await h.mcp.callTool('everything', 'trigger-long-running-operation', args, { timeoutMs: 400 });
    expect(timedOut).toEqual({ isError: true, text: expect.stringMatching(/did not finish within 0.4 seconds/) });

    expect((await h.mcp.callTool('everything', 'echo', { message: 'still here' })).text).toBe('Echo: still here');
  });

  it("gets a clean environment: its own values and secrets, none of FROK's", async () => {
    const h = harness();
    process.env.OPENAI_API_KEY = 'sk-frok-own-key-must-not-leak';
    try {
      const config = stdio('everything', {}, { PLAIN_SETTING: 'visible' }, ['SERVICE_TOKEN']);
      const view = await h.mcp.save(config, { env: { SERVICE_TOKEN: 'tok-secret-value-123' } });
      expect(view.secretsSet.env).toEqual(['SERVICE_TOKEN']);
      await h.mcp.approveCommand('everything', view.commandLine!);
      const { text } = await h.mcp.callTool('everything', 'get-env', {});
      const env = JSON.parse(text) as Record<string, string>;
      expect(env.PLAIN_SETTING).toBe('visible');
      // The server got the secret; what comes back to FROK has it scrubbed.
      expect(env.SERVICE_TOKEN).toBe('•••');
      expect(env.OPENAI_API_KEY).toBeUndefined();
      expect(Object.keys(env).sort()).toEqual(expect.arrayContaining(['PATH', 'PLAIN_SETTING', 'SERVICE_TOKEN']));
      expect(Object.keys(env).length).toBeLessThanOrEqual(10);
      expect(h.secrets.values.get('mcp:everything:env:SERVICE_TOKEN')).toBe('tok-secret-value-123');
      expect(readFileSync(join(h.dataDir, 'mcp-servers.json'), 'utf8')).not.toContain('tok-secret-value-123');
      expect(JSON.stringify(await h.mcp.list())).not.toContain('tok-secret-value-123');
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
  });

  it('a command that does not exist fails in plain words while the others keep working', async () => {
    const h = harness();
    await addApproved(h, stdio('everything'));
    await addApproved(h, baseConfig('missing', { transport: 'stdio', command: 'frok-no-such-command-xyz', args: [], cwd: null, env: {}, secretEnv: [] }));
    const failed = await h.mcp.test('missing');
    expect(failed.state).toBe('failed');
    expect(failed.message).toMatch(/The command `frok-no-such-command-xyz` was not found\. Check the command in Settings → Tools/);
    await expect(h.mcp.callTool('missing', 'x', {})).rejects.toBeInstanceOf(UserFacingError);
    expect((await h.mcp.callTool('everything', 'echo', { message: 'ok' })).text).toBe('Echo: ok');
  });

  it('restarts a crashed command at its next use, after a growing pause, and keeps its stderr', async () => {
    // Pauses of a minute (recorded, not slept) so the time the test itself takes does not use them up.
    const h = harness({ backoffMs: (n) => n * 60_000 });
    await addApproved(h, stdio('everything'));
    await h.mcp.toolsFor('everything');
    const first = h.mcp.pidOf('everything')!;
    expect((await h.mcp.view('everything')).stderrTail.join('\n')).toMatch(/Starting|stdio|server/i);
    expect(h.log.lines.some((l) => l.message === 'mcp server stderr')).toBe(true);

    process.kill(first, 'SIGKILL');
    await until(() => h.events.some((e) => e.name === 'mcp:changed' && (e.payload as McpServerView).state === 'failed'));
    expect((await h.mcp.view('everything')).message).toMatch(/stopped unexpectedly.*start it again/);

    expect((await h.mcp.callTool('everything', 'echo', { message: 'back' })).text).toBe('Echo: back');
    const second = h.mcp.pidOf('everything')!;
    expect(second).not.toBe(first);
    expect(h.sleeps.length).toBe(1);
    expect(h.sleeps[0]).toBeGreaterThan(50_000);
    expect(h.sleeps[0]).toBeLessThanOrEqual(60_000);

    process.kill(second, 'SIGKILL');
    await until(() => h.mcp.pidOf('everything') === null);
    await h.mcp.callTool('everything', 'echo', { message: 'again' });
    expect(h.sleeps.at(-1)).toBeGreaterThan(60_000); // the second pause is longer
  });

  it('dispose leaves no process behind', async () => {
    const h = harness();
    await addApproved(h, stdio('one'));
    await addApproved(h, stdio('two'));
    await Promise.all([h.mcp.toolsFor('one'), h.mcp.toolsFor('two')]);
    const pids = [h.mcp.pidOf('one')!, h.mcp.pidOf('two')!];
    expect(pids.every(isRunning)).toBe(true);
    await h.mcp.dispose();
    expect(pids.some(isRunning)).toBe(false);
  });

  describe('a command that runs its server as a grandchild (npx …)', () => {
    const withGrandchild = (id: string, env: Record<string, string> = {}) =>
      baseConfig(id, { transport: 'stdio', command: process.execPath, args: [GRANDCHILD], cwd: null, env, secretEnv: [] });

    // Should one of these tests fail, what it left running is not left for the rest of the run.
    const started: number[] = [];
    afterEach(() => {
      for (const pid of started.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    });

    /** Starts the server; its process id and its grandchild's, both running. */
    async function startTree(h: Harness, id: string): Promise<[number, number]> {
      await h.mcp.toolsFor(id);
      const child = h.mcp.pidOf(id)!;
      const said = () =>
        h.log.lines
          .filter((l) => l.message === 'mcp server stderr' && (l.details as { server: string }).server === id)
          .map((l) => /grandchild pid (\d+)/.exec((l.details as { line: string }).line)?.[1])
          .filter((p): p is string => p !== undefined);
      // A restart says a new pid: the last one said is this process's.
      await until(() => said().length > 0 && isRunning(Number(said().at(-1))));
      const grandchild = Number(said().at(-1));
      expect(child).toBeGreaterThan(0);
      expect(grandchild).not.toBe(child);
      started.push(child, grandchild);
      expect([child, grandchild].every(isRunning)).toBe(true);
      return [child, grandchild];
    }

    it('switching it off, reconnecting it or removing it ends the child and the grandchild', async () => {
      const h = harness();
      const config = withGrandchild('tree');
      await addApproved(h, config);

      const first = await startTree(h, 'tree');
      await h.mcp.save({ ...config, enabled: false });
      await until(() => !first.some(isRunning));

      // A change of its environment reconnects it: the old tree is ended, a new one runs.
      const on = { ...config, target: { ...config.target, env: { SOMETHING: 'else' } } as McpServerConfig['target'] };
      await h.mcp.save(on);
      const second = await startTree(h, 'tree');
      await h.mcp.save({ ...on, target: { ...on.target, env: { SOMETHING: 'new' } } as McpServerConfig['target'] });
      await until(() => !second.some(isRunning));

      const third = await startTree(h, 'tree');
      await h.mcp.remove('tree');
      await until(() => !third.some(isRunning));
    });

    it('dispose (FROK quitting) ends a grandchild that ignores SIGTERM', async () => {
      const h = harness();
      await addApproved(h, withGrandchild('stubborn', { STUBBORN: '1' }));
      const pids = await startTree(h, 'stubborn');
      await h.mcp.dispose();
      await until(() => !pids.some(isRunning));
    });
  });

  it('a tool list change the server announces reaches Settings as mcp:changed, without a new listing asked for', async () => {
    const h = harness();
    await addApproved(h, baseConfig('growing', { transport: 'stdio', command: process.execPath, args: [GROWING], cwd: null, env: {}, secretEnv: [] }));
    expect((await h.mcp.toolsFor('growing')).map((t) => t.name)).toEqual(['unlock_weather']);
    const toolNames = (e: EmittedEvent) => (e.payload as McpServerView).tools.map((t) => t.name);
    const seen = h.events.length;

    // The call registers get_weather on the server, which sends notifications/tools/list_changed.
    expect(await h.mcp.callTool('growing', 'unlock_weather', {})).toEqual({ text: 'get_weather is now available.', isError: false });
    await until(() => h.events.slice(seen).some((e) => e.name === 'mcp:changed' && toolNames(e).includes('get_weather')));
    const view = h.events.slice(seen).findLast((e) => e.name === 'mcp:changed')!.payload as McpServerView;
    expect(view.config.id).toBe('growing');
    expect(view.state).toBe('connected');
    expect(view.tools.find((t) => t.name === 'get_weather')).toMatchObject({ name: 'get_weather', description: 'The weather in a city.', enabled: true });
    // The manager's own view (and the agents layer) have it too, still on the same process.
    expect((await h.mcp.view('growing')).tools.map((t) => t.name).sort()).toEqual(['get_weather', 'unlock_weather']);
  });

  it('switching a server off or removing it ends its process and deletes its secrets', async () => {
    const h = harness();
    const config = stdio('everything', {}, {}, ['API_KEY']);
    const view = await h.mcp.save(config, { env: { API_KEY: 'k-123456789' } });
    await h.mcp.approveCommand('everything', view.commandLine!);
    await h.mcp.toolsFor('everything');
    const pid = h.mcp.pidOf('everything')!;
    const off = await h.mcp.save({ ...config, enabled: false });
    expect(off.state).toBe('off');
    expect(isRunning(pid)).toBe(false);
    await expect(h.mcp.callTool('everything', 'echo', { message: 'x' })).rejects.toMatchObject({ code: 'mcp_server_off' });
    expect(h.mcp.enabledServers()).toEqual([]);

    await h.mcp.remove('everything');
    expect([...h.secrets.values.keys()].filter((k) => k.startsWith('mcp:'))).toEqual([]);
    expect((await h.mcp.list()).servers).toEqual([]);
  });
});

describe('a remote server (Streamable HTTP on 127.0.0.1)', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    child = spawn(process.execPath, [EVERYTHING, 'streamableHttp'], { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolveListening, reject) => {
      let seen = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes(`listening on port ${port}`)) resolveListening();
      });
      child.once('exit', (code) => reject(new Error(`server-everything exited (${code}): ${seen}`)));
    });
    url = `http://127.0.0.1:${port}/mcp`;
  });

  afterAll(() => {
    child?.kill();
  });

  it('lists tools, calls them, and cancels a long call', async () => {
    const h = harness();
    const saved = await h.mcp.save(remote('remote', url));
    expect(saved.state).toBe('idle');
    expect(saved.commandLine).toBeNull();
    const tools = await h.mcp.toolsFor('remote');
    expect(tools.find((t) => t.name === 'echo')?.description).toBe('Echoes back the input string');
    expect(await h.mcp.callTool('remote', 'get-sum', { a: 40, b: 2 })).toEqual({ text: 'The sum of 40 and 2 is 42.', isError: false });

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(h.mcp.callTool('remote', 'trigger-long-running-operation', { duration: 20, steps: 20 }, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const timedOut = await h.mcp.callTool('remote', 'trigger-long-running-operation', { duration: 20, steps: 20 }, { timeoutMs: 300 });
    expect(timedOut.isError).toBe(true);
    expect((await h.mcp.callTool('remote', 'echo', { message: 'remote ok' })).text).toBe('Echo: remote ok');
    expect((await h.mcp.view('remote')).state).toBe('connected');
  });

  it('an address with nothing behind it fails in plain words', async () => {
    const h = harness();
    await h.mcp.save(remote('nowhere', `http://127.0.0.1:${await freePort()}/mcp`));
    const view = await h.mcp.test('nowhere');
    expect(view.state).toBe('failed');
    expect(view.message).toMatch(/could not reach|could not be reached/);
  });
});

describe('a remote server that wants a sign-in', () => {
  let server: Server;
  let url: string;
  const seenAuthorization: (string | undefined)[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seenAuthorization.push(req.headers.authorization);
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="test"', 'Content-Type': 'application/json' });
      res.end('{"error":"unauthorized"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('shows needs-sign-in on a 401, and signIn runs the injected sign-in', async () => {
    const signedIn: string[] = [];
    const h = harness({ signIn: async (id, serverUrl) => void signedIn.push(`${id} ${serverUrl}`) });
    await h.mcp.save(remote('locked', url));
    const view = await h.mcp.test('locked');
    expect(view.state).toBe('needs-sign-in');
    expect(view.message).toMatch(/sign in/);
    await h.mcp.signIn('locked');
    expect(signedIn).toEqual([`locked ${url}`]);

    const without = harness();
    await without.mcp.save(remote('locked', url));
    await expect(without.mcp.signIn('locked')).rejects.toMatchObject({ code: 'mcp_sign_in_unavailable' });
  });

  it('sends the bearer token from the keychain, or hands the transport the injected auth provider', async () => {
    const h = harness();
    const bearer = remote('bearer', url);
    const target = { ...bearer.target, bearerToken: true } as McpServerConfig['target'];
    expect((await h.mcp.save({ ...bearer, target }, { bearerToken: 'tok-bearer-123456' })).secretsSet.bearerToken).toBe(true);
    seenAuthorization.length = 0;
    await h.mcp.test('bearer');
    expect(seenAuthorization).toContain('Bearer tok-bearer-123456');
    expect(readFileSync(join(h.dataDir, 'mcp-servers.json'), 'utf8')).not.toContain('tok-bearer-123456');

    const asked: unknown[] = [];
    const withOAuth = harness({
      authProviderFor: (id, serverUrl, clientId, opts) => {
        asked.push({ id, serverUrl, clientId, opts });
        return { token: async () => 'from-provider' };
      },
    });
    await withOAuth.mcp.save(remote('oauth', url));
    seenAuthorization.length = 0;
    expect((await withOAuth.mcp.test('oauth')).state).toBe('needs-sign-in');
    expect(seenAuthorization).toContain('Bearer from-provider');
    expect(asked).toEqual([{ id: 'oauth', serverUrl: url, clientId: null, opts: { interactive: true } }]);
  });
});

describe('import and the servers file', () => {
  const claudeConfig = JSON.stringify({
    mcpServers: {
      'GitHub (work)': { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_importedsecret123', LOG_LEVEL: 'debug' } },
      linear: { url: 'https://mcp.linear.app/sse', headers: { Authorization: 'Bearer lin_importedsecret456', 'X-Client': 'frok' } },
      broken: { args: ['x'] },
    },
  });

  it('previews, then adds the chosen servers with their secrets in the keychain, not in the file', async () => {
    const h = harness();
    const preview = h.mcp.importPreview(claudeConfig);
    expect(preview.candidates.map((c) => c.config.id)).toEqual(['github-work', 'linear']);
    expect(preview.candidates[0]).toMatchObject({ secretEnv: ['GITHUB_PERSONAL_ACCESS_TOKEN'], secretHeaders: [], replaces: false });
    expect(preview.candidates[1]).toMatchObject({ secretHeaders: ['Authorization'], config: { target: { transport: 'sse', headers: { 'X-Client': 'frok' } } } });
    expect(preview.problems.join(' ')).toMatch(/"broken" was skipped/);
    expect(JSON.stringify(preview)).not.toMatch(/importedsecret/);

    const applied = await h.mcp.importApply(claudeConfig, ['github-work', 'linear']);
    expect(applied.servers.map((s) => [s.config.id, s.state])).toEqual([
      ['github-work', 'needs-command-approval'],
      ['linear', 'idle'],
    ]);
    expect(applied.servers[0]!.config).toMatchObject({ approval: 'unless-read-only', callTimeoutSeconds: 60, enabled: true, startAtLaunch: false });
    expect(applied.servers[0]!.secretsSet.env).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN']);
    expect(applied.servers[1]!.secretsSet.headers).toEqual(['Authorization']);
    expect(h.secrets.values.get('mcp:github-work:env:GITHUB_PERSONAL_ACCESS_TOKEN')).toBe('ghp_importedsecret123');
    expect(h.secrets.values.get('mcp:linear:header:Authorization')).toBe('Bearer lin_importedsecret456');
    const file = readFileSync(join(h.dataDir, 'mcp-servers.json'), 'utf8');
    expect(file).not.toMatch(/importedsecret/);
    expect(JSON.stringify(applied)).not.toMatch(/importedsecret/);
    expect(h.log.lines.map((l) => JSON.stringify(l)).join('\n')).not.toMatch(/importedsecret/);

    expect(h.mcp.importPreview(claudeConfig).candidates.every((c) => c.replaces)).toBe(true);
    await expect(h.mcp.importApply(claudeConfig, ['not-there'])).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('keeps the servers across a restart and moves a damaged file aside with a notice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frok-mcp-'));
    const first = harness({}, dataDir);
    await addApproved(first, stdio('everything'));
    await first.mcp.dispose();
    const again = new McpServerManager({ dataDir, secretStore: memorySecretStore(), events: createEventBus(), log: createMemoryLogger() });
    expect((await again.view('everything')).state).toBe('idle'); // still approved
    await again.dispose();

    writeFileSync(join(dataDir, 'mcp-servers.json'), '{"version": 1, "servers": [{"id": "Bad Id"}]');
    const damaged = harness({}, dataDir);
    expect(damaged.mcp.notices[0]?.message).toMatch(/moved to .*mcp-servers\.corrupt-.*Settings → Tools/);
    expect((await damaged.mcp.list()).servers).toEqual([]);
    expect(readdirSync(dataDir).some((f) => f.startsWith('mcp-servers.corrupt-'))).toBe(true);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolvePort(port));
    });
  });
}
