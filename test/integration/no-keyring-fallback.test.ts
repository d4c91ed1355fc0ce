/**
 * "No keyring, no key" (issue #9, point 1), with the REAL keytar native module: a Linux
 * desktop whose D-Bus session has no Secret Service (Plasma without GNOME Keyring, i3/sway,
 * WSLg). keytar loads there, and then every call fails or hangs. FROK must notice at start,
 * fall back to the safeStorage file, and still save the API key on onboarding.
 *
 * Each case starts its own dbus-daemon with a private configuration: no standard service
 * folders, so D-Bus cannot start the machine's gnome-keyring. The selection runs in a child
 * process (no-keyring-child.ts) pointed at that bus; the fake OpenAI /v1/models listens on
 * 127.0.0.1 here. Needs Linux, dbus-daemon and a built keytar; `npm test` has all three.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const KEY = 'sk-proj-NoKeyring0123456789abcdWXYZ';

let dir: string;
let server: Server;
let baseUrl: string;
let modelRequests = 0;
let bus: ChildProcess | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frok-no-keyring-'));
  modelRequests = 0;
  server = createServer((req, res) => {
    if (req.url !== '/v1/models') return res.writeHead(404).end();
    modelRequests++;
    if (req.headers.authorization !== `Bearer ${KEY}`) return res.writeHead(401).end('{"error":{"message":"Incorrect API key"}}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-5.6-luna' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterEach(async () => {
  bus?.kill('SIGTERM');
  bus = null;
  await new Promise((r) => server.close(r).closeAllConnections());
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A session bus of our own. With `secretsService: 'hangs'` the bus knows a service file for
 * org.freedesktop.secrets whose program never claims the name, so a keyring call waits on
 * D-Bus activation (as on a desktop where the keyring never starts) until activationTimeoutMs.
 */
async function startSessionBus(o: { secretsService: 'absent' | 'hangs'; activationTimeoutMs?: number }): Promise<string> {
  if (spawnSync('dbus-daemon', ['--version']).status !== 0) {
    throw new Error('dbus-daemon is missing: sudo apt-get install -y dbus (scripts/check-prerequisites.sh lists everything npm test needs).');
  }
  const services = join(dir, 'dbus-services');
  mkdirSync(services);
  if (o.secretsService === 'hangs') {
    writeFileSync(join(services, 'org.freedesktop.secrets.service'), '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sleep 20\n');
  }
  const config = join(dir, 'session.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(dir, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="service_start_timeout">${o.activationTimeoutMs ?? 25_000}</limit>
</busconfig>
`,
  );
  const daemon = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  bus = daemon;
  return new Promise<string>((resolveAddress, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`dbus-daemon printed no address within 5 s: ${err}`)), 5000);
    daemon.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    daemon.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('unix:'));
      if (line && out.includes('\n')) {
        clearTimeout(timer);
        resolveAddress(line.trim());
      }
    });
    daemon.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dbus-daemon exited (${code}): ${err}`));
    });
  });
}

interface ChildResult {
  keytarLoaded: boolean;
  selectionMs: number;
  kind: string;
  fallback: string | null;
  replies: { outcome: string; message: string }[];
  readBack: boolean;
  status: { openaiApiKey: { set: boolean; last4: string | null }; storage: { kind: string; needsPlaintextConsent: boolean; message: string } };
  onboarded: boolean;
  log: { level: string; message: string; details?: unknown }[];
  unhandled: string[];
}

async function runChild(busAddress: string, o: { backend: string; lingerMs?: number }): Promise<ChildResult> {
  const data = join(dir, 'user-data');
  mkdirSync(data);
  const child = spawn(
    process.execPath,
    ['--experimental-transform-types', '--no-warnings', '--import', './scripts/register-ts-resolver.mjs', 'test/integration/no-keyring-child.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        XDG_RUNTIME_DIR: dir,
        DBUS_SESSION_BUS_ADDRESS: busAddress,
        FROK_CHILD_DIR: data,
        FROK_CHILD_BASE_URL: baseUrl,
        FROK_CHILD_KEY: KEY,
        FROK_CHILD_BACKEND: o.backend,
        FROK_CHILD_LINGER_MS: String(o.lingerMs ?? 0),
      },
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`the child failed (exit ${code}):\n${err}\n${out}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
}

const secretsFile = () => JSON.parse(readFileSync(join(dir, 'user-data', 'secrets.json'), 'utf8')) as { secrets: Record<string, { encrypted: boolean; data: string }> };

describe.runIf(process.platform === 'linux')('a D-Bus session with no Secret Service', () => {
  it('keytar loads, the keyring does not answer: FROK falls back to the file and onboarding saves the key (with plaintext consent)', async () => {
    const address = await startSessionBus({ secretsService: 'absent' });
    // What Electron's safeStorage reports on such a desktop: no keyring, so basic_text.
    const result = await runChild(address, { backend: 'basic_text' });

    expect(result.keytarLoaded).toBe(true);
    expect(result).toMatchObject({ kind: 'plaintext-file', fallback: 'keychain-not-answering' });
    const why = result.log.find((l) => l.level === 'warn' && l.message.includes('keyring did not answer'));
    expect(why?.message, JSON.stringify(result.log)).toMatch(/keytar loaded but the system keyring did not answer \(.*org\.freedesktop\.secrets.*\); using the safeStorage file/);
    // A refusal decides at once: the bus's own error, not the start-up timeout (how fast is bench's business).
    expect(why?.message).not.toContain('no answer within');

    // The plaintext consent rule still holds: asked first, saved once agreed.
    expect(result.replies.map((r) => r.outcome)).toEqual(['needs_plaintext_consent', 'saved']);
    expect(result.replies[1]!.message).toMatch(/Key saved, unencrypted, in a file only your user account can read\./);
    expect(modelRequests).toBe(2);
    expect(result.readBack).toBe(true);
    expect(result.onboarded).toBe(true);
    expect(secretsFile().secrets.openaiApiKey).toMatchObject({ encrypted: false });

    expect(result.status.openaiApiKey).toEqual({ set: true, last4: 'WXYZ' });
    expect(result.status.storage.kind).toBe('plaintext-file');
    expect(result.status.storage.message).toMatch(/^The system keyring did not answer when FROK started, so secrets can only be kept unencrypted/);
    expect(result.status.storage.message).toContain('install and unlock GNOME Keyring or KWallet, then restart FROK');
    expect(JSON.stringify(result.log)).not.toContain(KEY);
    expect(result.unhandled).toEqual([]);
  });

  it('a keyring call that hangs on D-Bus activation: start-up waits 3 s at most, then saves to the encrypted file, and the late failure is handled', async () => {
    const address = await startSessionBus({ secretsService: 'hangs', activationTimeoutMs: 5000 });
    // Linger past the bus's activation timeout, so keytar's stuck call fails while the child still runs.
    const result = await runChild(address, { backend: 'gnome_libsecret', lingerMs: 4000 });

    expect(result.keytarLoaded).toBe(true);
    expect(result).toMatchObject({ kind: 'encrypted-file', fallback: 'keychain-not-answering' });
    expect(result.log.some((l) => l.message.includes('did not answer (no answer within 3 s); no Secret Service seems to be running'))).toBe(true);

    expect(result.replies.map((r) => r.outcome)).toEqual(['saved']);
    expect(result.readBack).toBe(true);
    const saved = secretsFile().secrets.openaiApiKey!;
    expect(saved.encrypted).toBe(true);
    expect(Buffer.from(saved.data, 'base64').toString('utf8')).not.toContain(KEY);
    expect(result.status.storage.message).toMatch(/^The system keyring did not answer when FROK started, so secrets are kept in a file encrypted/);
    expect(result.unhandled).toEqual([]);
  }, 30_000);
});
