/**
 * Settings → Tools end to end, in the real renderer against the real services: adding a
 * local MCP server that runs @modelcontextprotocol/server-everything over stdio, approving
 * its exact command line, Test connection listing its tools, switching one tool off and
 * changing when FROK asks first (all read back from main over IPC); a server whose command
 * does not exist failing in plain words while the rest of Settings keeps working; and the
 * import preview of a pasted `mcpServers` file, with what goes to the keychain, at 800×600;
 * and a remote server that answers 401 with MCP authorization metadata (the SDK's own
 * authorization server, test/support/mcp-oauth-server.ts): "Needs sign-in", then "Sign in"
 * hands a URL to the system browser, which here is fetch following it to FROK's loopback
 * redirect, and the server shows connected with its tools.
 *
 * Needs `npx electron-vite build` and an unlocked keyring (see test/harness/README.md).
 * Set FROK_SCREENSHOTS=/some/dir to keep screenshots, light and dark.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { McpServerView } from '../../shared/mcp';
import { readKeychain, type Harness } from '../harness';
import { startOAuthMcpServer } from '../support/mcp-oauth-server';
import { frokFixture, type FrokStartOptions } from './support/frok-fixture';
import { screenshot } from './support/screenshot';

const UI = { timeout: 15_000 };
/** Starting a Node child and listing its tools. */
const START = { timeout: 30_000 };

const require = createRequire(import.meta.url);
const EVERYTHING = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');

const frok = frokFixture();

async function openTools(options: FrokStartOptions = {}): Promise<{ page: Page; harness: Harness; section: Locator }> {
  const { harness } = await frok.start(options);
  const page = harness.page;
  const section = await showTools(page);
  await section.getByTestId('settings-tools-empty').waitFor(UI);
  return { page, harness, section };
}

async function showTools(page: Page): Promise<Locator> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('screen-settings').waitFor(UI);
  const section = page.getByTestId('settings-tools');
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** The servers as main has them now. */
async function serversInMain(harness: Harness): Promise<McpServerView[]> {
  const client = await harness.connect();
  const answer = (await client.invoke('mcp:list')) as { ok: boolean; data?: { servers: McpServerView[] } };
  if (!answer.ok || !answer.data) throw new Error(`mcp:list failed: ${JSON.stringify(answer)}`);
  return answer.data.servers;
}

async function serverInMain(harness: Harness, id: string): Promise<McpServerView | undefined> {
  return (await serversInMain(harness)).find((s) => s.config.id === id);
}

/** Fills and saves "Add a server" for a local command. */
async function addLocalServer(section: Locator, name: string, command: string, args: string[]): Promise<void> {
  await section.getByTestId('settings-tools-add').click();
  const form = section.getByTestId('tools-form');
  await form.getByLabel('Name').fill(name);
  await form.getByTestId('tools-form-kind-local').check();
  await form.getByLabel('Command', { exact: true }).fill(command);
  await form.getByLabel(/^Arguments/).fill(args.join('\n'));
  await form.getByTestId('tools-form-save').click();
  await form.waitFor({ state: 'detached', ...UI });
}

describe('Settings → Tools', () => {
  it('adds server-everything, runs it once its command line is approved, lists its tools; a tool off and the approval choice are saved', async () => {
    const { page, harness, section } = await openTools();

    // A secret environment value goes only in the save request: afterwards it shows as "set".
    await section.getByTestId('settings-tools-add').click();
    const form = section.getByTestId('tools-form');
    await form.getByLabel('Name').fill('Everything');
    await form.getByLabel('Command', { exact: true }).fill(process.execPath);
    await form.getByLabel(/^Arguments/).fill(`${EVERYTHING}\nstdio`);
    // A wrong row is refused next to it, and nothing is saved.
    await form.getByTestId('tools-form-env-add').click();
    await form.getByLabel('Variable 1 name').fill('1BAD');
    await form.getByTestId('tools-form-save').click();
    expect(await form.getByTestId('tools-form-env-error').textContent()).toMatch(/can’t be an environment variable name/);
    expect(await serversInMain(harness)).toEqual([]);
    await form.getByLabel('Variable 1 name').fill('EVERYTHING_TOKEN');
    await form.getByTestId('tools-form-env-secret').check();
    await form.getByLabel('Variable 1 value (secret)').fill('tok-123');
    await form.getByTestId('tools-form-save').click();
    await form.waitFor({ state: 'detached', ...UI });

    const server = section.getByTestId('tools-server-everything');
    await server.waitFor(UI);
    expect(await server.getByTestId('tools-server-name').textContent()).toBe('Everything');
    const saved = await serverInMain(harness, 'everything');
    expect(saved?.config.target).toMatchObject({ transport: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'], secretEnv: ['EVERYTHING_TOKEN'] });
    expect(JSON.stringify(saved?.config)).not.toContain('tok-123');
    expect(saved?.secretsSet.env).toEqual(['EVERYTHING_TOKEN']);

    // Nothing runs before the person has seen the exact command line.
    const status = server.getByTestId('tools-server-status');
    await expect.poll(() => status.textContent(), UI).toBe('Needs your OK to run');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    const commandLine = await server.getByTestId('tools-server-command-line').textContent();
    expect(commandLine).toContain(process.execPath);
    expect(commandLine).toContain(EVERYTHING);
    expect(commandLine).toMatch(/ stdio$/);
    await screenshot(page, 'settings-tools-approve-command', { part: server });

    await server.getByRole('button', { name: 'Allow and start' }).click();
    await expect.poll(() => status.textContent(), START).toMatch(/^Connected · \d+ tools$/);
    await server.getByTestId('tools-server-command-approval').waitFor({ state: 'detached', ...UI });

    // Test connection: says how many, and shows each tool with its description.
    await server.getByRole('button', { name: 'Test connection' }).click();
    const result = server.getByTestId('tools-server-test-result');
    await expect.poll(() => result.textContent(), START).toMatch(/^Connected: \d+ tools\.$/);
    const tools = server.getByTestId('tools-server-tools');
    expect(await tools.getAttribute('open')).not.toBeNull();
    const echo = server.getByTestId('tools-tool-echo');
    await echo.waitFor(UI);
    expect(await echo.getByTestId('tools-tool-description').textContent()).toMatch(/echo/i);
    const count = Number(/(\d+) tools/.exec((await status.textContent()) ?? '')?.[1]);
    expect(await tools.locator('li.tools-tool').count()).toBe(count);
    await screenshot(page, 'settings-tools-connected', { part: server });

    // One tool off.
    const echoSwitch = echo.getByRole('switch', { name: /echo/i });
    expect(await echoSwitch.isChecked()).toBe(true);
    await echoSwitch.uncheck();
    await expect.poll(async () => (await serverInMain(harness, 'everything'))?.config.disabledTools, UI).toEqual(['echo']);
    await expect.poll(() => echoSwitch.isChecked(), UI).toBe(false);

    // The server's approval choice: three visible, explained choices; the default is "unless read-only".
    const approval = server.getByRole('group', { name: 'Before FROK uses its tools' });
    expect(await approval.getByRole('radio', { name: /Ask unless the tool says it only reads/ }).isChecked()).toBe(true);
    expect(await approval.textContent()).toContain('Tools that declare they only read run without asking');
    await approval.getByRole('radio', { name: /Always ask/ }).check();
    await expect.poll(async () => (await serverInMain(harness, 'everything'))?.config.approval, UI).toBe('always');
    // …and one tool's own choice overrides it.
    const sum = server.getByTestId('tools-tool-get-sum');
    await sum.getByLabel(/When to ask before .* runs/).selectOption('never');
    await expect.poll(async () => (await serverInMain(harness, 'everything'))?.config.toolApprovals, UI).toEqual({ 'get-sum': 'never' });
    // Connected again, main applies both to the tools it lists, and the switches show what it says.
    await server.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => result.textContent(), START).toMatch(/^Connected: \d+ tools\.$/);
    const listed = (await serverInMain(harness, 'everything'))?.tools ?? [];
    expect(listed.find((t) => t.name === 'echo')).toMatchObject({ enabled: false, approval: 'always' });
    expect(listed.find((t) => t.name === 'get-sum')).toMatchObject({ enabled: true, approval: 'never' });
    expect(await echoSwitch.isChecked()).toBe(false);
    expect(await sum.getByLabel(/When to ask before .* runs/).inputValue()).toBe('never');
    expect(await tools.locator('summary').textContent()).toBe(`Its tools (${count}, ${count - 1} on)`);

    // Editing shows the secret only as set, never its value.
    await server.getByRole('button', { name: 'Edit Everything' }).click();
    const edit = server.getByTestId('tools-form');
    expect(await edit.getByTestId('tools-form-env-set').textContent()).toMatch(/EVERYTHING_TOKEN: set/);
    expect(await edit.getByLabel('Variable 1 value (secret)').inputValue()).toBe('');
    expect(await page.content()).not.toContain('tok-123');
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // Remove asks first.
    await server.getByRole('button', { name: 'Remove Everything' }).click();
    await server.getByRole('button', { name: 'Keep it' }).click();
    expect(await serverInMain(harness, 'everything')).toBeDefined();
    await server.getByRole('button', { name: 'Remove Everything' }).click();
    await server.getByTestId('tools-server-remove-confirm').click();
    await server.waitFor({ state: 'detached', ...UI });
    expect(await serversInMain(harness)).toEqual([]);
  });

  it('a server whose command does not exist fails in plain words, and the rest of Settings keeps working', async () => {
    const { page, harness, section } = await openTools();
    await addLocalServer(section, 'Broken', '/nonexistent/frok-no-such-mcp-server', ['--stdio']);
    const server = section.getByTestId('tools-server-broken');
    await server.getByRole('button', { name: 'Allow and start' }).click();
    const status = server.getByTestId('tools-server-status');
    await expect.poll(() => status.textContent(), START).toMatch(/^Failed: /);
    expect(await status.textContent()).toContain('/nonexistent/frok-no-such-mcp-server');
    expect(await status.textContent()).not.toMatch(/\n\s+at |Error: spawn/);
    expect(await server.getAttribute('data-state')).toBe('failed');
    await screenshot(page, 'settings-tools-failed', { part: server });

    // Test connection says so again, without breaking anything.
    await server.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => server.getByTestId('tools-server-test-result').textContent(), START).toBe('Test failed: FROK could not connect. The reason is above.');
    expect(await status.textContent()).toMatch(/^Failed: .*not found/);

    // Another setting still saves.
    const privacy = page.getByTestId('settings-trace-export');
    await privacy.scrollIntoViewIfNeeded();
    const before = harness.services.settings.get().privacy.traceExport;
    await privacy.setChecked(!before);
    await expect.poll(() => harness.services.settings.get().privacy.traceExport, UI).toBe(!before);
    // And the other parts of the window still answer.
    await page.getByTestId('nav-conversation').click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tools-server-broken').waitFor(UI);
  });

  it('previews a pasted mcpServers file — servers, keychain values, problems — and adds the chosen ones (at 800×600)', async () => {
    const { page, harness, section } = await openTools();
    await page.setViewportSize({ width: 800, height: 600 });
    await section.getByRole('button', { name: 'Import…' }).click();
    const panel = section.getByTestId('tools-import');
    // A chosen file is read in the window and previewed at once.
    const file = JSON.stringify({ mcpServers: { 'from-file': { command: 'uvx', args: ['mcp-server-time'] } } });
    await panel.getByLabel('Or choose a file').setInputFiles({ name: 'claude_desktop_config.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await panel.getByTestId('tools-import-candidate-from-file').waitFor(UI);
    expect(await panel.getByLabel('JSON').inputValue()).toBe(file);
    const json = JSON.stringify({
      mcpServers: {
        files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
        github: { command: 'docker', args: ['run', '-i', 'ghcr.io/github/github-mcp-server'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_secret', LOG_LEVEL: 'info' } },
        remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer abc' } },
        broken: { args: ['nothing to run'] },
      },
    });
    await panel.getByLabel('JSON').fill(json);
    await panel.getByRole('button', { name: 'Show what would be added' }).click();
    const preview = panel.getByTestId('tools-import-result');
    await preview.waitFor(UI);

    const files = preview.getByTestId('tools-import-candidate-files');
    const github = preview.getByTestId('tools-import-candidate-github');
    const remote = preview.getByTestId('tools-import-candidate-remote');
    await files.waitFor(UI);
    expect(await files.textContent()).toContain('Local command: npx -y @modelcontextprotocol/server-filesystem /tmp');
    expect(await github.getByTestId('tools-import-keychain').textContent()).toBe('Goes to your system keychain: GITHUB_PERSONAL_ACCESS_TOKEN');
    expect(await remote.getByTestId('tools-import-keychain').textContent()).toBe('Goes to your system keychain: Authorization');
    expect(await preview.textContent()).not.toContain('ghp_secret');
    expect(await preview.getByTestId('tools-import-problems').textContent()).toMatch(/broken/);
    expect(await preview.getByTestId('tools-import-pick').count()).toBe(3);
    await screenshot(page, 'settings-tools-import', { part: panel });

    // Each is a labelled checkbox; leave one out.
    await preview.getByRole('checkbox', { name: 'remote' }).uncheck();
    const apply = preview.getByTestId('tools-import-apply');
    expect(await apply.textContent()).toBe('Add 2 servers');
    // Reachable at 800×600 and usable from the keyboard.
    await apply.focus();
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached', ...UI });
    expect(await section.getByTestId('settings-tools-message').textContent()).toBe('Added 2 servers.');
    await section.getByTestId('tools-server-files').waitFor(UI);
    await section.getByTestId('tools-server-github').waitFor(UI);
    const ids = (await serversInMain(harness)).map((s) => s.config.id).sort();
    expect(ids).toEqual(['files', 'github']);
    const gh = await serverInMain(harness, 'github');
    expect(gh?.config.target).toMatchObject({ env: { LOG_LEVEL: 'info' }, secretEnv: ['GITHUB_PERSONAL_ACCESS_TOKEN'] });
    expect(gh?.secretsSet.env).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN']);
    // Nothing is run before its command line is approved.
    expect(await section.getByTestId('tools-server-github').getByTestId('tools-server-status').textContent()).toBe('Needs your OK to run');
    // Nothing sticks out of the card at this size.
    const overflow = await section.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'settings-tools-list-800', { part: section });
  });

  it('a remote server that needs OAuth says so; "Sign in" goes through the browser to FROK’s loopback redirect, and it connects with its tools', async () => {
    const remote = await startOAuthMcpServer();
    frok.onTeardown(() => remote.close());
    // The system browser: main hands the sign-in URL to shell.openExternal (electron/main/index.ts);
    // in the harness that seam is the same ServiceDeps.openExternal. Recorded, and followed below.
    const opened: string[] = [];
    const { page, harness, section } = await openTools({ overrides: { openExternal: async (url: string) => void opened.push(url) } });

    await section.getByTestId('settings-tools-add').click();
    const form = section.getByTestId('tools-form');
    await form.getByLabel('Name').fill('Notes');
    await form.getByTestId('tools-form-kind-remote').check();
    await form.getByTestId('tools-form-url').fill(remote.url);
    await form.locator('details.settings-advanced > summary').click();
    await form.getByTestId('tools-form-start-at-launch').check();
    await form.getByTestId('tools-form-save').click();
    await form.waitFor({ state: 'detached', ...UI });
    expect((await serverInMain(harness, 'notes'))?.config).toMatchObject({ startAtLaunch: true, target: { transport: 'http', url: remote.url } });

    // FROK starts again, and starts the server at launch: it answers 401, and a start the person
    // did not ask for never opens a browser, so the server waits for the person to sign in.
    await harness.restart();
    const server = (await showTools(page)).getByTestId('tools-server-notes');
    const status = server.getByTestId('tools-server-status');
    await expect.poll(() => status.textContent(), START).toBe('Needs sign-in');
    expect(await server.getByTestId('tools-server-needs-sign-in').textContent()).toContain('Notes asks you to sign in');
    expect(opened).toEqual([]);
    expect(remote.requests).toContain('POST /mcp');
    expect(remote.requests).not.toContain('POST /token');
    await screenshot(page, 'settings-tools-needs-sign-in', { part: server });

    const signIn = server.getByRole('button', { name: 'Sign in to Notes' });
    await signIn.click();
    await expect.poll(() => server.getByTestId('tools-server-sign-in').textContent(), UI).toBe('Waiting for the browser…');
    await expect.poll(() => opened.length, START).toBe(1);
    const authorize = new URL(opened[0]!);
    expect(authorize.origin).toBe(new URL(remote.url).origin);
    expect(authorize.pathname).toBe('/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const redirectUri = authorize.searchParams.get('redirect_uri')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    // The browser: the authorization server approves at once and redirects to the loopback address.
    const landed = await fetch(authorize);
    expect(landed.url.startsWith(`${redirectUri}?`)).toBe(true);
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain('FROK is signed in.');

    await expect.poll(() => status.textContent(), START).toBe('Connected · 1 tool');
    await server.getByTestId('tools-server-needs-sign-in').waitFor({ state: 'detached', ...UI });
    const tools = server.getByTestId('tools-server-tools');
    expect(await tools.locator('summary').textContent()).toBe('Its tools (1, 1 on)');
    await tools.locator('summary').click();
    const echo = server.getByTestId('tools-tool-echo');
    await echo.waitFor(UI);
    expect(await echo.getByTestId('tools-tool-description').textContent()).toBe('Echoes text');
    expect(remote.requests).toContain('POST /token');
    await screenshot(page, 'settings-tools-signed-in', { part: server });

    // Main holds the tokens in the keychain, not in the page, and its calls go through with them.
    const inMain = await serverInMain(harness, 'notes');
    expect(inMain).toMatchObject({ state: 'connected', secretsSet: { signedIn: true } });
    const keychain = await readKeychain(harness.keychainService);
    const tokens = keychain.find((k) => k.account === 'mcp:notes:oauth-tokens');
    expect(tokens).toBeDefined();
    const accessToken = (JSON.parse(tokens!.password) as { access_token: string }).access_token;
    expect(await page.content()).not.toContain(accessToken);
    expect(await harness.services.mcp.callTool('notes', 'echo', { text: 'signed in' })).toEqual({ text: 'echo: signed in', isError: false });
  });
});
