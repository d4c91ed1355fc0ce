import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEvent, AskResult } from '@shared/agents';
import type { RealtimeStartResponse } from '@shared/realtime';
import { createLateBoundShell, HEADLESS_SHELL } from '../../electron/main/desktop/desktop-shell-port';
import { HomeSetup, noHomeTokenMessage, type HomeSetupDeps } from '../../electron/main/desktop/home/home-setup';
import { QuickAskHistory } from '../../electron/main/desktop/runs/quick-ask-history';
import { RunWatcher, type FinishedRun } from '../../electron/main/desktop/runs/run-watcher';
import { createMicrophoneAccess, microphoneDeniedMessage, microphoneStep } from '../../electron/main/desktop/voice/microphone-access';
import { VoiceSessions } from '../../electron/main/desktop/voice/voice-sessions';
import { createDispatcher } from '../../electron/main/ipc/dispatcher';
import type { Caller } from '../../electron/main/caller';
import { createHandlers } from '../../electron/main/ipc/handlers';
import { UserFacingError } from '../../electron/main/errors';
import { createMemoryLogger } from '../../electron/main/logger';
import { composeServices, type Services } from '../../electron/main/compose';
import { createNodeConfStore } from '../../electron/main/services/settings/conf-store';
import { openConfSettingsStorage } from '../../electron/main/services/settings/settings-storage';
import { memorySecretStore } from '../support/node-services';

const main: Caller = { id: 'window-1', kind: 'main' };
const hud: Caller = { id: 'window-2', kind: 'hud' };

function result(overrides: Partial<AskResult> = {}): AskResult {
  return {
    runId: 'r1',
    conversationId: 'c1',
    response: 'It is sunny.',
    pattern: 'hybrid',
    specialistsAvailable: ['general'],
    specialistsUsed: ['general'],
    durationMs: 10,
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    costUsd: 0.01,
    answeredBy: 'FROK',
    ...overrides,
  };
}

const started = (runId: string, source: 'quick-ask' | 'conversation' | 'voice', query = 'Weather?'): ActivityEvent => ({
  type: 'run_started',
  runId,
  at: 1,
  query,
  pattern: 'hybrid',
  source,
  conversationId: `c-${runId}`,
});
const finished = (runId: string, overrides: Partial<AskResult> = {}): ActivityEvent => ({
  type: 'run_finished',
  runId,
  at: Date.UTC(2026, 2, 10, 12),
  result: result({ runId, conversationId: `c-${runId}`, ...overrides }),
});

describe('RunWatcher and QuickAskHistory', () => {
  it('counts active runs and reports finished ones with their source and question', () => {
    const counts: number[] = [];
    const done: FinishedRun[] = [];
    const watcher = new RunWatcher({ onActiveChange: (n) => counts.push(n), onFinished: (r) => done.push(r) });
    watcher.handle(started('a', 'quick-ask', 'Weather in Paris?'));
    watcher.handle(started('b', 'conversation'));
    watcher.handle(started('c', 'voice'));
    expect(watcher.activeRuns).toBe(3);
    watcher.handle({ type: 'text_delta', runId: 'a', at: 2, delta: 'x' });
    watcher.handle(finished('a'));
    watcher.handle({ type: 'run_failed', runId: 'b', at: 3, error: { code: 'x', message: 'y' }, durationMs: 1 });
    watcher.handle({ type: 'run_cancelled', runId: 'c', at: 3, durationMs: 1 });
    // A finish for a run never seen starting changes nothing.
    watcher.handle(finished('zzz'));
    expect(counts).toEqual([1, 2, 3, 2, 1, 0]);
    expect(done).toEqual([expect.objectContaining({ runId: 'a', source: 'quick-ask', query: 'Weather in Paris?' })]);
  });

  it('keeps the last 20 quick asks, newest first, and nothing else', () => {
    const history = new QuickAskHistory();
    const run = (i: number, source: FinishedRun['source'] = 'quick-ask'): FinishedRun => ({
      runId: `r${i}`,
      source,
      query: `q${i}`,
      result: result({ runId: `r${i}`, response: `a${i}`, conversationId: `c${i}`, specialistsUsed: ['research'] }),
      at: Date.UTC(2026, 2, 10, 12, i),
    });
    history.record(run(0, 'conversation'));
    for (let i = 1; i <= 25; i++) history.record(run(i));
    const list = history.list();
    expect(list).toHaveLength(20);
    expect(list[0]).toEqual({ runId: 'r25', query: 'q25', response: 'a25', at: new Date(Date.UTC(2026, 2, 10, 12, 25)).toISOString(), conversationId: 'c25', specialistsUsed: ['research'] });
    expect(list.at(-1)!.query).toBe('q6');
  });
});

describe('microphone access', () => {
  it('asks on macOS the first time, refuses when denied, and never gates other systems', async () => {
    expect(microphoneStep('darwin', 'not-determined')).toBe('ask');
    expect(microphoneStep('darwin', 'denied')).toBe('denied');
    expect(microphoneStep('darwin', 'restricted')).toBe('denied');
    expect(microphoneStep('darwin', 'granted')).toBe('allowed');
    expect(microphoneStep('linux', 'denied')).toBe('allowed');

    const ask = vi.fn(async () => false);
    const prefs = { getMediaAccessStatus: vi.fn(() => 'not-determined'), askForMediaAccess: ask };
    expect(await createMicrophoneAccess('darwin', prefs)()).toBe(false);
    expect(ask).toHaveBeenCalledWith('microphone');
    prefs.getMediaAccessStatus.mockReturnValue('granted');
    expect(await createMicrophoneAccess('darwin', prefs)()).toBe(true);
    expect(await createMicrophoneAccess('linux', null)()).toBe(true);
    expect(microphoneDeniedMessage()).toContain('System Settings → Privacy & Security → Microphone');
  });
});

describe('VoiceSessions', () => {
  const startResponse = (sessionId: string, model = 'gpt-realtime-2.1') => ({ sessionId, model }) as RealtimeStartResponse;

  function sessions(o: { microphone?: boolean } = {}) {
    const costs: (number | null)[] = [];
    const changes = vi.fn();
    let next = 1;
    const v = new VoiceSessions({
      start: async () => startResponse(`rt_${next++}`),
      report: () => ({ ok: true }),
      ...(o.microphone === undefined ? {} : { microphoneAccess: async () => o.microphone! }),
      pricing: () => ({ 'gpt-realtime-2.1': { inputPerMillionUsd: 4, outputPerMillionUsd: 16 } }),
      onCost: (c) => costs.push(c),
      onChange: changes,
      log: createMemoryLogger(),
    });
    return { v, costs, changes };
  }

  it('refuses to start without the microphone, saying where to allow it', async () => {
    const { v } = sessions({ microphone: false });
    await expect(v.start({}, hud)).rejects.toMatchObject({ code: 'microphone_denied', message: microphoneDeniedMessage() });
    await expect(sessions({ microphone: true }).v.start({}, hud)).resolves.toMatchObject({ sessionId: 'rt_1' });
  });

  it('follows what each session does, for its owner only', async () => {
    const { v, changes } = sessions();
    await v.start({}, hud);
    expect(v.activities()).toEqual(['listening']);
    expect(v.runningIn('hud')).toBe(true);
    expect(v.runningIn('main')).toBe(false);
    v.activity({ sessionId: 'rt_1', activity: 'speaking' }, hud);
    expect(v.activities()).toEqual(['speaking']);
    expect(() => v.activity({ sessionId: 'rt_1', activity: 'idle' }, main)).toThrow(UserFacingError);
    expect(() => v.activity({ sessionId: 'nope', activity: 'idle' }, hud)).toThrow('already ended');
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('prices a session by its last reported usage when it ends, whichever way it ends', async () => {
    const { v, costs } = sessions();
    await v.start({}, hud);
    v.report({ sessionId: 'rt_1', usage: { inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000 } }, hud);
    v.report({ sessionId: 'rt_1', state: 'ended', usage: { inputTokens: 1_000_000, outputTokens: 500_000, totalTokens: 1_500_000 } }, hud);
    expect(costs).toEqual([12]);
    expect(v.activities()).toEqual([]);

    await v.start({}, main);
    v.report({ sessionId: 'rt_2', usage: { inputTokens: 250_000, outputTokens: 0, totalTokens: 250_000 } }, main);
    v.ended('rt_2');
    v.ended('rt_2');
    expect(costs).toEqual([12, 1]);

    await v.start({}, main);
    v.report({ sessionId: 'rt_3', usage: { inputTokens: 500_000, outputTokens: 0, totalTokens: 500_000 } }, main);
    v.ownerGone(main.id);
    expect(costs).toEqual([12, 1, 2]);

    // A reconnect ends the old session (billed) and follows the new one.
    await v.start({}, hud);
    v.report({ sessionId: 'rt_4', usage: { inputTokens: 250_000, outputTokens: 0, totalTokens: 250_000 } }, hud);
    await v.start({ replacesSessionId: 'rt_4' }, hud);
    expect(costs).toEqual([12, 1, 2, 1]);
    expect(v.activities()).toEqual(['listening']);
    // A session that never reported usage costs nothing we know of.
    v.dispose();
    expect(costs).toEqual([12, 1, 2, 1]);
  });
});

describe('HomeSetup', () => {
  function setup(test: Awaited<ReturnType<HomeSetupDeps['testConnection']>>, stored: string | null = 'stored-token') {
    const deps = {
      testConnection: vi.fn(async () => test),
      storedToken: vi.fn(async () => stored),
      saveToken: vi.fn(async () => {}),
      clearToken: vi.fn(async () => {}),
      saveUrl: vi.fn(),
    };
    return { home: new HomeSetup(deps), deps };
  }
  const ok = { ok: true as const, entityCount: 4, message: 'Connected to Home Assistant at http://ha:8123: 4 devices exposed to Assist.' };
  const refused = { ok: false as const, code: 'unauthorized' as const, message: 'Home Assistant refused the token.' };

  it('tests with the given token, or the stored one', async () => {
    const a = setup(ok);
    expect(await a.home.test({ url: 'http://ha:8123', token: 'new-token' })).toEqual({ ok: true, message: ok.message, entityCount: 4 });
    expect(a.deps.testConnection).toHaveBeenCalledWith({ url: 'http://ha:8123', token: 'new-token' });
    await a.home.test({ url: 'http://ha:8123', token: null });
    expect(a.deps.testConnection).toHaveBeenLastCalledWith({ url: 'http://ha:8123', token: 'stored-token' });
    expect(a.deps.saveToken).not.toHaveBeenCalled();

    const none = setup(ok, null);
    expect(await none.home.test({ url: 'http://ha:8123', token: null })).toEqual({ ok: false, message: noHomeTokenMessage(), entityCount: null });
    expect(none.deps.testConnection).not.toHaveBeenCalled();

    const locked = setup(ok);
    locked.deps.storedToken.mockRejectedValue(new Error('The system keychain is locked.'));
    expect(await locked.home.test({ url: 'http://ha:8123', token: null })).toEqual({ ok: false, message: 'The system keychain is locked.', entityCount: null });
  });

  it('saves the address and token only after a passing test', async () => {
    const good = setup(ok);
    expect(await good.home.configure({ url: 'http://ha:8123', token: 'new-token' })).toEqual({ ok: true, message: `${ok.message} Saved.` });
    expect(good.deps.saveToken).toHaveBeenCalledWith('new-token', 'http://ha:8123');
    expect(good.deps.saveUrl).toHaveBeenCalledWith('http://ha:8123');

    const keep = setup(ok);
    await keep.home.configure({ url: 'http://ha:8123' });
    expect(keep.deps.saveToken).not.toHaveBeenCalled();
    expect(keep.deps.saveUrl).toHaveBeenCalledWith('http://ha:8123');

    const bad = setup(refused);
    expect(await bad.home.configure({ url: 'http://ha:8123', token: 'typo' })).toEqual({ ok: false, message: 'Not saved: Home Assistant refused the token.' });
    expect(bad.deps.saveToken).not.toHaveBeenCalled();
    expect(bad.deps.saveUrl).not.toHaveBeenCalled();
  });

  it('disconnects without testing: the address and the token go', async () => {
    const { home, deps } = setup(refused);
    expect(await home.configure({ url: null })).toMatchObject({ ok: true, message: expect.stringContaining('Disconnected') });
    expect(deps.saveUrl).toHaveBeenCalledWith(null);
    expect(deps.clearToken).toHaveBeenCalled();
    expect(deps.testConnection).not.toHaveBeenCalled();
  });
});

describe('the desktop shell port', () => {
  it('is headless until the Electron shell attaches', () => {
    const late = createLateBoundShell();
    expect(late.port.hotkeyStatus()).toEqual([]);
    const closeWindow = vi.fn();
    late.attach({ ...HEADLESS_SHELL, closeWindow, hotkeyStatus: () => [{ action: 'voice', accelerator: 'Ctrl+K', registered: true, reason: null }] });
    late.port.closeWindow(hud);
    expect(closeWindow).toHaveBeenCalledWith(hud);
    expect(late.port.hotkeyStatus()).toHaveLength(1);
  });
});

describe('the desktop channels, through the real handlers and services', () => {
  let dir: string | null = null;
  let services: Services | null = null;
  afterEach(async () => {
    await services?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    services = null;
    dir = null;
  });

  function compose(o: { microphone?: boolean; now?: number } = {}) {
    dir = mkdtempSync(join(tmpdir(), 'frok-desktop-'));
    const secretStore = memorySecretStore();
    services = composeServices({
      settingsStorage: openConfSettingsStorage(dir, createNodeConfStore),
      secretStore,
      dataDir: dir,
      fetch: async () => new Response('{}', { status: 500 }),
      app: { name: 'FROK', version: '0.0.0', platform: 'linux', versions: { electron: null, chrome: null, node: process.versions.node } },
      log: createMemoryLogger(),
      desktop: {
        ...(o.microphone === undefined ? {} : { microphoneAccess: async () => o.microphone! }),
        ...(o.now === undefined ? {} : { now: () => o.now! }),
      },
    });
    return { services, dispatch: createDispatcher(createHandlers(services), createMemoryLogger()), secretStore };
  }

  it('records quick asks, counts their cost in the budget, alerts past the cap, and shows work in the tray state', async () => {
    const { services: s, dispatch } = compose({ now: new Date(2026, 2, 10).getTime() });
    s.settings.update({ budget: { monthlyCapUsd: 0.02 } });
    const alerts: unknown[] = [];
    s.events.subscribe(({ name, payload }) => name === 'budget:alert' && alerts.push(payload));
    const changes = vi.fn();
    s.desktop.onActivityChange(changes);

    s.events.emit('agent:activity', started('q1', 'quick-ask', 'Weather?'));
    expect(s.desktop.activity()).toEqual({ state: 'working', activeRuns: 1, hudVoiceRunning: false });
    s.events.emit('agent:activity', finished('q1', { costUsd: 0.017 }));
    expect(s.desktop.activity().state).toBe('idle');
    expect(changes).toHaveBeenCalledTimes(2);

    expect(await dispatch('quickAsk:recent', undefined, main)).toEqual({
      ok: true,
      data: [{ runId: 'q1', query: 'Weather?', response: 'It is sunny.', at: expect.any(String), conversationId: 'c-q1', specialistsUsed: ['general'] }],
    });
    expect(await dispatch('budget:status', undefined, main)).toEqual({ ok: true, data: { month: '2026-03', spentUsd: 0.017, capUsd: 0.02, level: 'warning' } });
    expect(alerts).toEqual([{ level: 'warning', message: expect.stringContaining('85 %') }]);
  });

  it('answers the window and hotkey channels headless (no Electron shell)', async () => {
    const { dispatch } = compose();
    expect(await dispatch('hotkeys:status', undefined, main)).toEqual({ ok: true, data: [] });
    expect(await dispatch('window:ready', undefined, main)).toEqual({ ok: true, data: { ok: true } });
    expect(await dispatch('window:close', undefined, main)).toEqual({ ok: true, data: { ok: true } });
    expect(await dispatch('window:openMain', undefined, main)).toEqual({ ok: true, data: { ok: true } });
    expect(await dispatch('window:openMain', { conversationId: 'c1' }, main)).toEqual({ ok: true, data: { ok: true } });
    expect(await dispatch('voice:activity', { sessionId: 'rt_x', activity: 'speaking' }, main)).toMatchObject({ ok: false, error: { code: 'session_not_found' } });
    expect(await dispatch('voice:activity', { sessionId: 'rt_x', activity: 'shouting' }, main)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses a voice start when the microphone is denied, before anything else', async () => {
    const { dispatch } = compose({ microphone: false });
    expect(await dispatch('realtime:start', {}, hud)).toEqual({ ok: false, error: { code: 'microphone_denied', message: microphoneDeniedMessage() } });
  });

  it('checks Home Assistant requests at the boundary and saves nothing when the test fails', async () => {
    const { services: s, dispatch, secretStore } = compose();
    expect(await dispatch('home:test', { url: 'ftp://ha', token: 'x' }, main)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch('home:test', { url: 'http://127.0.0.1:9', token: '' }, main)).toEqual({ ok: true, data: { ok: false, message: noHomeTokenMessage(), entityCount: null } });
    const failed = await dispatch('home:configure', { url: 'http://127.0.0.1:9', token: 'tok-123' }, main);
    expect(failed).toMatchObject({ ok: true, data: { ok: false, message: expect.stringMatching(/^Not saved: /) } });
    expect(s.settings.get().homeAssistant.url).toBeNull();
    expect(secretStore.values.has('homeAssistantToken')).toBe(false);

    await secretStore.set('homeAssistantToken', 'old-token');
    s.settings.update({ homeAssistant: { url: 'http://127.0.0.1:9' } });
    expect(await dispatch('home:configure', { url: null }, main)).toMatchObject({ ok: true, data: { ok: true } });
    expect(s.settings.get().homeAssistant.url).toBeNull();
    expect(secretStore.values.has('homeAssistantToken')).toBe(false);
  });
});
