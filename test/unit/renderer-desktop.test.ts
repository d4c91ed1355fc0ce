// The desktop pages' rules, without a window: recording a shortcut, the Settings checks
// (budget, Home Assistant, voice detection), the quick-ask state, the voice HUD's
// decisions, and a conversation opened from a quick ask.
import { describe, expect, it } from 'vitest';
import type { AskResult, Conversation } from '@shared/agents';
import type { QuickAskEntry } from '@shared/desktop';
import { newRun, type ActivityState } from '../../renderer/src/activity/activity-model';
import { conversationReducer, EMPTY_CONVERSATION, restoredTurns } from '../../renderer/src/conversation/conversation-model';
import { conversing, hudStep, recentTurns, specialistsAtWork, voiceActivityFor } from '../../renderer/src/hud/hud-model';
import {
  conversationToOpen,
  EMPTY_QUICK_ASK,
  isRunning,
  quickAskReducer,
  shownAnswer,
  type QuickAskAction,
  type QuickAskState,
} from '../../renderer/src/quick-ask/quick-ask-model';
import { budgetShare, describeSpend, formatSpend, parseCap } from '../../renderer/src/screens/settings/budget-form';
import { checkHomeDraft, checkHomeUrl } from '../../renderer/src/screens/settings/home-form';
import { checkRecordedHotkey, recordKeyPress, type KeyPress } from '../../renderer/src/screens/settings/hotkey-recording';
import { toneWav } from '../../renderer/src/screens/settings/test-tone';
import { realDevices } from '../../renderer/src/screens/settings/use-audio-devices';
import { checkVad } from '../../renderer/src/screens/settings/voice-settings';
import type { TranscriptTurn, VoiceState } from '../../renderer/src/voice/types';

const press = (code: string, mods: Partial<KeyPress> = {}, key = code.replace(/^Key|^Digit/, '')): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('recording a shortcut', () => {
  it('spells a key press the way Electron registers it', () => {
    expect(recordKeyPress(press('Space', { ctrlKey: true, shiftKey: true }, ' '), 'linux')).toEqual({ kind: 'combo', accelerator: 'CommandOrControl+Shift+Space' });
    expect(recordKeyPress(press('KeyK', { ctrlKey: true, altKey: true }, 'k'), 'win32')).toEqual({ kind: 'combo', accelerator: 'CommandOrControl+Alt+K' });
    // By the physical key: Shift+1 is "1", not "!".
    expect(recordKeyPress(press('Digit1', { ctrlKey: true, shiftKey: true }, '!'), 'linux')).toEqual({ kind: 'combo', accelerator: 'CommandOrControl+Shift+1' });
    expect(recordKeyPress(press('ArrowUp', { altKey: true }, 'ArrowUp'), 'linux')).toEqual({ kind: 'combo', accelerator: 'Alt+Up' });
    expect(recordKeyPress(press('F5', {}, 'F5'), 'linux')).toEqual({ kind: 'combo', accelerator: 'F5' });
    expect(recordKeyPress(press('Numpad7', { ctrlKey: true }, '7'), 'linux')).toEqual({ kind: 'combo', accelerator: 'CommandOrControl+num7' });
    expect(recordKeyPress(press('Slash', { ctrlKey: true }, '/'), 'linux')).toEqual({ kind: 'combo', accelerator: 'CommandOrControl+/' });
    // The Windows / Super key elsewhere.
    expect(recordKeyPress(press('KeyV', { metaKey: true }, 'v'), 'linux')).toEqual({ kind: 'combo', accelerator: 'Super+V' });
  });

  it('on a Mac, ⌘ is CommandOrControl and ⌃ is Control', () => {
    expect(recordKeyPress(press('KeyJ', { metaKey: true, shiftKey: true }, 'J'), 'darwin')).toEqual({ kind: 'combo', accelerator: 'CommandOrControl+Shift+J' });
    expect(recordKeyPress(press('KeyJ', { ctrlKey: true, altKey: true }, '∆'), 'darwin')).toEqual({ kind: 'combo', accelerator: 'Control+Alt+J' });
  });

  it('waits while only modifiers are held, and Esc alone cancels', () => {
    expect(recordKeyPress(press('ControlLeft', { ctrlKey: true }, 'Control'), 'linux')).toEqual({ kind: 'partial', label: 'Ctrl+…' });
    expect(recordKeyPress(press('ShiftLeft', { ctrlKey: true, shiftKey: true }, 'Shift'), 'darwin')).toEqual({ kind: 'partial', label: 'Ctrl+Shift+…' });
    expect(recordKeyPress(press('Escape', {}, 'Escape'), 'linux')).toEqual({ kind: 'cancel' });
    expect(recordKeyPress(press('Escape', { ctrlKey: true }, 'Escape'), 'linux')).toEqual({ kind: 'combo', accelerator: 'CommandOrControl+Escape' });
    expect(recordKeyPress(press('IntlRo', { ctrlKey: true }, 'ろ'), 'linux')).toEqual({ kind: 'unsupported', key: 'ろ' });
  });

  const saved = { voice: 'CommandOrControl+Shift+Space', quickAsk: 'CommandOrControl+Shift+K' };

  it('refuses a bare key, Shift with a typed key, and a clash — naming the shortcut being recorded', () => {
    expect(checkRecordedHotkey('voice', 'K', saved, 'linux')).toEqual({ ok: false, reason: expect.stringMatching(/needs a modifier/) });
    expect(checkRecordedHotkey('voice', 'Shift+K', saved, 'linux')).toEqual({ ok: false, reason: expect.stringMatching(/whenever you type it/) });
    expect(checkRecordedHotkey('quickAsk', 'CommandOrControl+Shift+Space', saved, 'linux')).toEqual({
      ok: false,
      reason: 'Ctrl+Shift+Space is already the voice shortcut; choose a different one for quick-ask.',
    });
    expect(checkRecordedHotkey('voice', 'CommandOrControl+Shift+K', saved, 'darwin')).toEqual({
      ok: false,
      reason: 'Cmd+Shift+K is already the quick-ask shortcut; choose a different one for voice.',
    });
    // On Linux, Ctrl is CommandOrControl: the same physical keys clash.
    expect(checkRecordedHotkey('voice', 'Control+Shift+K', saved, 'linux').ok).toBe(false);
  });

  it('accepts a free combination, in canonical spelling', () => {
    expect(checkRecordedHotkey('voice', 'Alt+CommandOrControl+V', saved, 'linux')).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+V' });
    // Recording the same keys again is not a clash with itself.
    expect(checkRecordedHotkey('voice', saved.voice, saved, 'linux')).toEqual({ ok: true, accelerator: saved.voice });
  });
});

describe('Settings checks', () => {
  it('reads a budget cap: empty is no cap, dollars and a decimal comma are fine', () => {
    expect(parseCap('')).toEqual({ ok: true, capUsd: null });
    expect(parseCap(' $20 ')).toEqual({ ok: true, capUsd: 20 });
    expect(parseCap('12,5')).toEqual({ ok: true, capUsd: 12.5 });
    expect(parseCap('0')).toEqual({ ok: true, capUsd: 0 });
    expect(parseCap('twenty')).toEqual({ ok: false, reason: expect.stringMatching(/dollar amount/) });
    expect(parseCap('-1')).toEqual({ ok: false, reason: expect.stringMatching(/from 0 to 100,000/) });
    expect(parseCap('100001')).toEqual({ ok: false, reason: expect.stringMatching(/from 0 to 100,000/) });
  });

  it("shows this month's spend against the cap", () => {
    expect(formatSpend(0)).toBe('$0.00');
    expect(formatSpend(0.004)).toBe('<$0.01');
    expect(budgetShare({ spentUsd: 5, capUsd: 20 })).toBe(25);
    expect(budgetShare({ spentUsd: 30, capUsd: 20 })).toBe(100);
    expect(budgetShare({ spentUsd: 1, capUsd: null })).toBeNull();
    expect(budgetShare({ spentUsd: 0.01, capUsd: 0 })).toBe(100);
    expect(describeSpend({ month: '2026-03', spentUsd: 4.5, capUsd: 20, level: 'ok' })).toBe('$4.50 of $20.00 spent in March 2026.');
    expect(describeSpend({ month: '2026-03', spentUsd: 0, capUsd: null, level: 'ok' })).toBe('$0.00 spent in March 2026. No monthly cap.');
  });

  it('checks a Home Assistant address and token before trying them', () => {
    expect(checkHomeUrl('')).toMatch(/Enter the address/);
    expect(checkHomeUrl('homeassistant.local:8123')).toMatch(/must start with http|not a full address/);
    expect(checkHomeUrl('ftp://ha.local')).toMatch(/must start with http/);
    expect(checkHomeUrl('http://ha.local:8123')).toBeNull();
    expect(checkHomeDraft({ url: 'http://ha.local:8123/', token: '' }, false)).toEqual({ ok: false, field: 'token', reason: expect.stringMatching(/long-lived access token/) });
    // An empty token keeps the stored one.
    expect(checkHomeDraft({ url: ' http://ha.local:8123/ ', token: '' }, true)).toEqual({ ok: true, url: 'http://ha.local:8123', token: null });
    expect(checkHomeDraft({ url: 'https://ha.example', token: ' abc ' }, false)).toEqual({ ok: true, url: 'https://ha.example', token: 'abc' });
  });

  it('checks the voice-detection numbers against the settings bounds', () => {
    expect(checkVad({ threshold: '0,7', silenceMs: '800' })).toEqual({ ok: true, threshold: 0.7, silenceDurationMs: 800 });
    const bad = checkVad({ threshold: '1.5', silenceMs: '50.5' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['silenceMs', 'threshold']);
    expect(checkVad({ threshold: '', silenceMs: '6000' }).ok).toBe(false);
  });

  it('lists real audio devices once each, leaving the system aliases to "System default"', () => {
    const all = [
      { deviceId: 'default', kind: 'audioinput' as const, label: 'Default' },
      { deviceId: 'communications', kind: 'audioinput' as const, label: 'Comms' },
      { deviceId: 'mic-1', kind: 'audioinput' as const, label: 'USB mic' },
      { deviceId: 'mic-1', kind: 'audioinput' as const, label: 'USB mic' },
      { deviceId: 'spk-1', kind: 'audiooutput' as const, label: 'Speakers' },
      { deviceId: 'cam', kind: 'videoinput' as const, label: 'Camera' },
    ];
    expect(realDevices(all, 'audioinput')).toEqual([{ deviceId: 'mic-1', label: 'USB mic' }]);
    expect(realDevices(all, 'audiooutput')).toEqual([{ deviceId: 'spk-1', label: 'Speakers' }]);
  });

  it('makes a short test tone as a valid WAV', () => {
    const wav = new DataView(toneWav({ durationMs: 100, sampleRate: 8000 }));
    const text = (at: number, n: number) => String.fromCharCode(...Array.from({ length: n }, (_, i) => wav.getUint8(at + i)));
    expect(text(0, 4)).toBe('RIFF');
    expect(text(8, 4)).toBe('WAVE');
    expect(wav.getUint32(40, true)).toBe(800 * 2);
    expect(wav.byteLength).toBe(44 + 1600);
    // Fades in from silence: no click.
    expect(wav.getInt16(44, true)).toBe(0);
  });
});

const result = (runId: string, conversationId = 'conv-1'): AskResult => ({
  runId,
  conversationId,
  response: 'Answer',
  pattern: 'hybrid',
  specialistsAvailable: ['memory'],
  specialistsUsed: ['memory'],
  durationMs: 1200,
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  costUsd: 0.001,
  answeredBy: 'FROK',
});

const entry = (runId: string): QuickAskEntry => ({ runId, query: `q-${runId}`, response: 'r', at: '2026-03-01T10:00:00.000Z', conversationId: `c-${runId}`, specialistsUsed: [] });

describe('the quick-ask window', () => {
  const apply = (state: QuickAskState, ...actions: QuickAskAction[]) => actions.reduce(quickAskReducer, state);

  it('keeps the question in the box until its answer arrives, then frees the box', () => {
    let state = apply(EMPTY_QUICK_ASK, { type: 'draft', text: 'Warm light?' }, { type: 'asked', runId: 'r1', question: 'Warm light?' });
    expect(isRunning(state)).toBe(true);
    expect(state.draft).toBe('Warm light?');
    state = apply(state, { type: 'answered', runId: 'r1', result: result('r1') });
    expect(state.draft).toBe('');
    expect(shownAnswer(state)).toMatchObject({ kind: 'run', run: { status: 'finished' } });
    expect(conversationToOpen(shownAnswer(state))).toBe('conv-1');
  });

  it('keeps new typing when an answer arrives, and puts the question back after a failure or Stop', () => {
    let state = apply(EMPTY_QUICK_ASK, { type: 'asked', runId: 'r1', question: 'First' }, { type: 'draft', text: 'Second, typed meanwhile' });
    state = apply(state, { type: 'answered', runId: 'r1', result: result('r1') });
    expect(state.draft).toBe('Second, typed meanwhile');

    state = apply(EMPTY_QUICK_ASK, { type: 'asked', runId: 'r2', question: 'Cook what?' }, { type: 'draft', text: '' }, { type: 'failed', runId: 'r2', message: 'OpenAI had a server error (500).' });
    expect(state.draft).toBe('Cook what?');
    expect(state.run).toMatchObject({ status: 'failed', error: 'OpenAI had a server error (500).' });
    expect(conversationToOpen(shownAnswer(state))).toBeNull();

    state = apply(EMPTY_QUICK_ASK, { type: 'draft', text: 'Long story' }, { type: 'asked', runId: 'r3', question: 'Long story' }, { type: 'cancelled', runId: 'r3' });
    expect(state).toMatchObject({ draft: 'Long story', run: { status: 'cancelled' } });
  });

  it('ignores the outcome of a run that is no longer the current one', () => {
    const state = apply(EMPTY_QUICK_ASK, { type: 'asked', runId: 'r1', question: 'a' }, { type: 'answered', runId: 'other', result: result('other') });
    expect(state.run?.status).toBe('running');
  });

  it('shows a recent entry the person opened, until the next ask', () => {
    let state = apply(EMPTY_QUICK_ASK, { type: 'recents', entries: [entry('a'), entry('b')] }, { type: 'view', entry: entry('b') });
    expect(shownAnswer(state)).toEqual({ kind: 'entry', entry: entry('b') });
    expect(conversationToOpen(shownAnswer(state))).toBe('c-b');
    state = apply(state, { type: 'asked', runId: 'r9', question: 'new' });
    expect(shownAnswer(state)).toMatchObject({ kind: 'run' });
    expect(shownAnswer(EMPTY_QUICK_ASK)).toBeNull();
  });
});

describe('the voice HUD', () => {
  const session = (state: VoiceState, pushToTalk = false, talking = false) => ({ state, pushToTalk, talking });

  it('toggle starts a session, then ends it', () => {
    expect(hudStep('toggle', session('idle'))).toBe('begin');
    expect(hudStep('toggle', session('ended'))).toBe('begin');
    expect(hudStep('toggle', session('error'))).toBe('begin');
    expect(hudStep('toggle', session('listening'))).toBe('end');
    expect(hudStep('toggle', session('connecting'))).toBe('end');
  });

  it('in push-to-talk, toggle opens a turn and the next one sends it', () => {
    expect(hudStep('toggle', session('listening', true, false))).toBe('talk-press');
    expect(hudStep('toggle', session('user-speaking', true, true))).toBe('talk-release');
    expect(hudStep('toggle', session('connecting', true, false))).toBe('none');
  });

  it('start and stop from the tray only start or only end', () => {
    expect(hudStep('start', session('idle'))).toBe('begin');
    expect(hudStep('start', session('thinking'))).toBe('none');
    expect(hudStep('stop', session('assistant-speaking', true, true))).toBe('end');
    expect(hudStep('stop', session('idle'))).toBe('none');
  });

  it('tells the tray what the session is doing, and nothing once it is over', () => {
    expect(voiceActivityFor('listening')).toBe('listening');
    expect(voiceActivityFor('user-speaking')).toBe('listening');
    expect(voiceActivityFor('thinking')).toBe('thinking');
    expect(voiceActivityFor('assistant-speaking')).toBe('speaking');
    expect(voiceActivityFor('connecting')).toBe('idle');
    expect(voiceActivityFor('ended')).toBeNull();
    expect(voiceActivityFor('error')).toBeNull();
    expect(conversing('reconnecting')).toBe(false);
    expect(conversing('interrupted')).toBe(true);
  });

  it('has room for the last two turns that say something', () => {
    const turn = (key: string, text: string, final = true): TranscriptTurn => ({ key, itemId: key, role: 'user', text, agent: null, final, interrupted: false });
    expect(recentTurns([turn('a', 'one'), turn('b', ''), turn('c', 'three'), turn('d', '', false)]).map((t) => t.key)).toEqual(['c', 'd']);
  });

  it('names the specialists working for a voice question, not for typed ones', () => {
    const voiceRun = { ...newRun('v1', 0), source: 'voice' as const };
    const span = (spanId: string, specialist: 'memory' | 'research', endedAt: number | null) => ({
      spanId,
      kind: 'specialist' as const,
      name: specialist,
      specialist,
      parentSpanId: null,
      input: '',
      startedAt: 1,
      endedAt,
      durationMs: endedAt,
      ok: endedAt === null ? null : true,
      summary: null,
      usage: null,
      children: [],
    });
    const activity: ActivityState = {
      runs: [
        { ...voiceRun, spans: [span('s1', 'memory', 5), span('s2', 'research', null)] },
        { ...newRun('t1', 0), source: 'conversation', spans: [span('s3', 'memory', null)] },
        { ...newRun('v0', 0), source: 'voice', status: 'finished', spans: [span('s4', 'memory', null)] },
      ],
    };
    expect(specialistsAtWork(activity)).toEqual(['research']);
  });
});

describe('a conversation opened from a quick ask', () => {
  const conversation: Conversation = {
    id: 'conv-7',
    turns: [
      { role: 'user', text: 'Warm light?', at: '2026-03-01T10:00:00Z', runId: 'r1' },
      { role: 'assistant', text: 'Yes, **warm**.', at: '2026-03-01T10:00:02Z', runId: 'r1' },
      { role: 'user', text: 'And later?', at: '2026-03-01T10:01:00Z', runId: 'r2' },
      { role: 'assistant', text: 'Dimmer.', at: '2026-03-01T10:01:02Z', runId: 'r2' },
    ],
  };

  it('pairs each question with its answer', () => {
    expect(restoredTurns(conversation).map((t) => [t.runId, t.question, t.answer, t.status])).toEqual([
      ['r1', 'Warm light?', 'Yes, **warm**.', 'restored'],
      ['r2', 'And later?', 'Dimmer.', 'restored'],
    ]);
  });

  it('keeps an answer that broke off marked as cut off', () => {
    const broken: Conversation = {
      id: 'conv-8',
      turns: [
        { role: 'user', text: 'Risotto?', at: '2026-03-01T10:00:00Z', runId: 'r1' },
        { role: 'assistant', text: 'Risotto needs', at: '2026-03-01T10:00:02Z', runId: 'r1', cutOff: true },
        { role: 'user', text: 'Rice?', at: '2026-03-01T10:01:00Z', runId: 'r2' },
        { role: 'assistant', text: 'Arborio.', at: '2026-03-01T10:01:02Z', runId: 'r2' },
      ],
    };
    expect(restoredTurns(broken).map((t) => [t.answer, t.cutOff ?? false])).toEqual([
      ['Risotto needs', true],
      ['Arborio.', false],
    ]);
  });

  it('a new conversation takes the id its first question was asked with, so a failed first answer is continued', () => {
    let state = conversationReducer(EMPTY_CONVERSATION, { type: 'asked', runId: 'r1', question: 'Risotto?', options: {}, conversationId: 'conv-new' });
    state = conversationReducer(state, { type: 'failed', runId: 'r1', error: { code: 'model_cut_off', message: 'The connection dropped.' } });
    expect(state.conversationId).toBe('conv-new');
    state = conversationReducer(state, { type: 'asked', runId: 'r2', question: 'Again', options: {}, conversationId: 'ignored' });
    expect(state.conversationId).toBe('conv-new');
  });

  it('replaces what the window showed and continues that conversation, keeping the draft', () => {
    const before = { ...EMPTY_CONVERSATION, conversationId: 'old', draft: 'typing…' };
    const state = conversationReducer(before, { type: 'opened', conversation });
    expect(state.conversationId).toBe('conv-7');
    expect(state.turns).toHaveLength(2);
    expect(state.draft).toBe('typing…');
  });
});
