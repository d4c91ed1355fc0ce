// The voice screen's pure parts: how Realtime events move the state machine and build the
// transcript (interruptions keep what was said), what the person is told about the
// microphone, and how levels, times and costs read.
import { describe, expect, it } from 'vitest';
import type { RealtimeItem } from '@openai/agents-realtime';
import { i18next } from '../../renderer/src/i18n';
import { formatClock, voiceCostUsd } from '../../renderer/src/voice/format';
import { microphoneConstraints, microphoneErrorMessage, MicrophoneError, openMicrophone } from '../../renderer/src/voice/microphone';
import { meterLevel, pcm16ToFloat32 } from '../../renderer/src/voice/pcm';
import { describeSessionError, isHarmlessSessionError, isServerError, rateLimitNotice } from '../../renderer/src/voice/session-errors';
import { applyHistory, markInterrupted, replayItems, reportableTurns, setFinalText, turnKey, ensureTurn, appendText } from '../../renderer/src/voice/transcript';
import { INITIAL_MODEL, reduceVoice, signalFromEvent, type VoiceModel, type VoiceSignal } from '../../renderer/src/voice/voice-model';
import { usageText, voiceStatusText } from '../../renderer/src/voice/voice-words';

const t = i18next.getFixedT('en');

const connected = (): VoiceModel => reduceVoice({ ...INITIAL_MODEL, agent: 'FROK' }, { kind: 'connected' }).model;

function run(model: VoiceModel, ...signals: VoiceSignal[]): { model: VoiceModel; effects: string[] } {
  const effects: string[] = [];
  for (const s of signals) {
    const out = reduceVoice(model, s);
    model = out.model;
    effects.push(...out.effects);
  }
  return { model, effects };
}

const events = (...raw: { type: string; [k: string]: unknown }[]): VoiceSignal[] => raw.map((e) => signalFromEvent(e)!).filter(Boolean);

describe('reading Realtime events', () => {
  it('maps the events that matter and ignores the rest', () => {
    expect(signalFromEvent({ type: 'input_audio_buffer.speech_started', item_id: 'u1' })).toEqual({ kind: 'user-speech-start', itemId: 'u1' });
    expect(signalFromEvent({ type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'Hi' })).toEqual({ kind: 'assistant-delta', itemId: 'a1', delta: 'Hi' });
    expect(signalFromEvent({ type: 'response.output_item.added', item: { id: 'f1', type: 'function_call' } })).toBeNull();
    expect(signalFromEvent({ type: 'response.done', response: { status: 'completed', output: [{ type: 'function_call' }] } })).toEqual({
      kind: 'response-done',
      cancelled: false,
      hasFunctionCalls: true,
    });
    expect(signalFromEvent({ type: 'session.updated' })).toBeNull();
    expect(signalFromEvent({ type: 'conversation.item.input_audio_transcription.completed' })).toBeNull();
  });
});

describe('the voice state machine', () => {
  it('goes listening → you speaking → thinking → speaking → listening, building both turns', () => {
    const { model, effects } = run(
      connected(),
      ...events(
        { type: 'input_audio_buffer.speech_started', item_id: 'u1' },
        { type: 'input_audio_buffer.speech_stopped', item_id: 'u1' },
        { type: 'conversation.item.input_audio_transcription.completed', item_id: 'u1', transcript: 'Weather in Paris?' },
        { type: 'response.created' },
        { type: 'response.output_item.added', item: { id: 'a1', type: 'message', role: 'assistant' } },
        { type: 'output_audio_buffer.started' },
        { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'Sunny ' },
        { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'and warm.' },
        { type: 'response.output_audio_transcript.done', item_id: 'a1', transcript: 'Sunny and warm.' },
        { type: 'output_audio_buffer.stopped' },
        { type: 'response.done', response: { status: 'completed', output: [] } },
      ),
    );
    expect(effects).toEqual([]);
    expect(model.state).toBe('listening');
    expect(model.turns.map((t) => [t.role, t.text, t.final, t.agent])).toEqual([
      ['user', 'Weather in Paris?', true, null],
      ['assistant', 'Sunny and warm.', true, 'FROK'],
    ]);
  });

  it('passes through each state on the way', () => {
    const states: string[] = [];
    let model = connected();
    for (const s of events(
      { type: 'input_audio_buffer.speech_started', item_id: 'u1' },
      { type: 'input_audio_buffer.speech_stopped', item_id: 'u1' },
      { type: 'output_audio_buffer.started' },
      { type: 'output_audio_buffer.stopped' },
    )) {
      model = reduceVoice(model, s).model;
      states.push(model.state);
    }
    expect(states).toEqual(['user-speaking', 'thinking', 'assistant-speaking', 'listening']);
  });

  it('talking over FROK interrupts it and keeps the words it had said, even when the final transcript is empty', () => {
    const speaking = run(
      connected(),
      ...events(
        { type: 'response.output_item.added', item: { id: 'a1', type: 'message', role: 'assistant' } },
        { type: 'output_audio_buffer.started' },
        { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'The forecast for the week ' },
      ),
    ).model;
    const { model, effects } = run(
      speaking,
      ...events(
        { type: 'input_audio_buffer.speech_started', item_id: 'u2' },
        { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'is long' },
        { type: 'output_audio_buffer.cleared' },
        { type: 'response.done', response: { status: 'cancelled', output: [] } },
        { type: 'response.output_audio_transcript.done', item_id: 'a1', transcript: '' },
      ),
    );
    expect(effects).toEqual(['interrupt']);
    expect(model.state).toBe('user-speaking');
    const assistant = model.turns.find((t) => t.role === 'assistant')!;
    expect(assistant).toMatchObject({ text: 'The forecast for the week ', interrupted: true, final: true });
    expect(model.turns.at(-1)).toMatchObject({ role: 'user', itemId: 'u2' });
  });

  it('Stop interrupts, shows Interrupted, then settles back to listening', () => {
    const speaking = run(connected(), { kind: 'assistant-item', itemId: 'a1' }, { kind: 'audio-started' }, { kind: 'assistant-delta', itemId: 'a1', delta: 'Well' }).model;
    const stopped = run(speaking, { kind: 'stop-pressed' });
    expect(stopped.effects).toEqual(['interrupt']);
    expect(stopped.model.state).toBe('interrupted');
    expect(stopped.model.turns[0]).toMatchObject({ interrupted: true, text: 'Well' });
    expect(run(stopped.model, { kind: 'settle' }).model.state).toBe('listening');
    // Stop while only listening does nothing.
    expect(run(connected(), { kind: 'stop-pressed' }).effects).toEqual([]);
  });

  it('stays thinking while a tool runs, including after a response that only called it', () => {
    const { model } = run(
      connected(),
      { kind: 'user-speech-stop', itemId: 'u1' },
      { kind: 'response-done', cancelled: false, hasFunctionCalls: true },
      { kind: 'tool-start', name: 'get_weather' },
    );
    expect(model).toMatchObject({ state: 'thinking', tool: 'get_weather' });
    const after = run(model, { kind: 'tool-end', name: 'get_weather' }, { kind: 'audio-started' }, { kind: 'audio-stopped' }).model;
    expect(after).toMatchObject({ state: 'listening', tool: null, toolsRunning: 0 });
  });

  it('push-to-talk: pressing over FROK interrupts it; releasing means thinking; a too-short press goes back to listening', () => {
    const speaking = run(connected(), { kind: 'assistant-item', itemId: 'a1' }, { kind: 'audio-started' }).model;
    const pressed = run(speaking, { kind: 'talk-press' });
    expect(pressed.effects).toEqual(['interrupt']);
    expect(pressed.model).toMatchObject({ state: 'user-speaking', talking: true });
    expect(run(pressed.model, { kind: 'talk-release' }).model).toMatchObject({ state: 'thinking', talking: false });
    expect(run(pressed.model, { kind: 'talk-cancel' }).model.state).toBe('listening');
  });

  it('a lost connection cuts the open turn and keeps the rest; the next connection keys its items apart', () => {
    const before = run(connected(), { kind: 'user-transcript', itemId: 'x', text: 'Hello' }, { kind: 'assistant-delta', itemId: 'a', delta: 'Hi th' }).model;
    const lost = run(before, { kind: 'connection-lost' }).model;
    expect(lost.state).toBe('reconnecting');
    expect(lost.turns.map((t) => [t.text, t.interrupted])).toEqual([
      ['Hello', false],
      ['Hi th', true],
    ]);
    // Events that arrive while reconnecting do not change the state.
    expect(run(lost, { kind: 'audio-started' }).model.state).toBe('reconnecting');
    const again = run(lost, { kind: 'connected' }, { kind: 'user-transcript', itemId: 'x', text: 'Same id, new call' }).model;
    expect(again.state).toBe('listening');
    expect(again.turns).toHaveLength(3);
    expect(again.turns[2]!.key).toBe(turnKey(2, 'x'));
  });

  it('a reply OpenAI stops partway (server_error, or response.done failed) keeps its words, cut off, and listens again', () => {
    expect(events({ type: 'error', error: { type: 'server_error', code: null, message: 'The server had an error' } })).toEqual([{ kind: 'response-failed' }]);
    expect(events({ type: 'error', error: { type: 'invalid_request_error', code: 'x', message: 'bad' } })).toEqual([]);
    expect(events({ type: 'response.done', response: { status: 'failed', status_details: { type: 'failed', error: { type: 'server_error' } }, output: [] } })).toEqual([
      { kind: 'response-failed' },
    ]);
    const speaking = run(
      connected(),
      { kind: 'user-transcript', itemId: 'u', text: 'Weather?' },
      { kind: 'response-created' },
      { kind: 'assistant-item', itemId: 'a' },
      { kind: 'assistant-delta', itemId: 'a', delta: 'The weather ' },
      { kind: 'audio-started' },
    ).model;
    expect(speaking.state).toBe('assistant-speaking');
    // The part's done (with the partial transcript) comes before response.done failed.
    const failed = run(speaking, { kind: 'assistant-transcript', itemId: 'a', text: 'The weather ' }, { kind: 'response-failed' }).model;
    expect(failed).toMatchObject({ state: 'listening', assistantAudio: false });
    expect(failed.turns.map((t) => [t.text, t.interrupted])).toEqual([
      ['Weather?', false],
      ['The weather ', true],
    ]);
    // Late words of the failed reply are not shown.
    expect(run(failed, { kind: 'assistant-delta', itemId: 'a', delta: 'is sunny' }).model.turns[1]!.text).toBe('The weather ');
  });
});

describe('reconnecting and rate limits', () => {
  it('puts the conversation back as text items, cut-off answers incomplete, with a note of the tools that ran', () => {
    let turns = ensureTurn([], { key: '1:u', itemId: 'u', role: 'user', agent: null });
    turns = setFinalText(turns, '1:u', 'Turn on the light.');
    turns = ensureTurn(turns, { key: '1:a', itemId: 'a', role: 'assistant', agent: 'FROK' });
    turns = markInterrupted(appendText(turns, '1:a', 'Done, the'), '1:a');
    turns = ensureTurn(turns, { key: '1:e', itemId: 'e', role: 'user', agent: null });
    const items = replayItems(turns, [{ name: 'turn_on_light', args: '{}', output: 'on' }], 'frok_r1_');
    expect(items).toEqual([
      { itemId: 'frok_r1_0', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'Turn on the light.' }] },
      { itemId: 'frok_r1_1', type: 'message', role: 'assistant', status: 'incomplete', content: [{ type: 'output_text', text: 'Done, the' }] },
      { itemId: 'frok_r1_tools', type: 'message', role: 'system', content: [{ type: 'input_text', text: expect.stringContaining('- turn_on_light({}) → on') }] },
    ]);
    expect(replayItems([], [], 'p_')).toEqual([]);
  });

  it('says when a rate limit is nearly used up, and for how long answers may pause', () => {
    const limits = (requests: number, tokens: number, reset = 20) => [
      { name: 'requests', limit: 5000, remaining: requests, resetSeconds: reset },
      { name: 'tokens', limit: 40_000_000, remaining: tokens, resetSeconds: reset },
    ];
    expect(rateLimitNotice(limits(4999, 39_000_000))).toBeNull();
    expect(rateLimitNotice(limits(0, 39_000_000))).toBe("OpenAI's rate limit for this key is nearly used up — answers may pause for 20 seconds.");
    expect(rateLimitNotice(limits(4999, 3, 0.4))).toBe("OpenAI's rate limit for this key is nearly used up — answers may pause for 1 second.");
    expect(events({ type: 'rate_limits.updated', rate_limits: [{ name: 'requests', limit: 10, remaining: 0, reset_seconds: 5 }] })).toEqual([
      { kind: 'rate-limits', limits: [{ name: 'requests', limit: 10, remaining: 0, resetSeconds: 5 }] },
    ]);
    expect(isServerError(describeSessionError({ type: 'error', error: { type: 'error', error: { type: 'server_error', code: null, message: 'x' } } }))).toBe(true);
  });
});

describe('the transcript', () => {
  const history = (items: Partial<RealtimeItem>[]): RealtimeItem[] => items as RealtimeItem[];

  it('takes final text from history, adds typed messages, and marks incomplete replies as interrupted', () => {
    let turns = ensureTurn([], { key: turnKey(1, 'a1'), itemId: 'a1', role: 'assistant', agent: 'FROK' });
    turns = appendText(turns, turnKey(1, 'a1'), 'Half a sen');
    turns = applyHistory(
      turns,
      1,
      history([
        { itemId: 'a1', type: 'message', role: 'assistant', status: 'incomplete', content: [{ type: 'output_audio', transcript: 'Half a sentence that was never heard' }] },
        { itemId: 't1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'typed' }] },
        { itemId: 'p1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', transcript: null }] },
        { itemId: 'f1', type: 'function_call', status: 'completed', name: 'get_weather', arguments: '{}', output: null },
      ]),
      'FROK',
    );
    expect(turns.map((t) => [t.itemId, t.text, t.interrupted])).toEqual([
      ['a1', 'Half a sen', true],
      ['t1', 'typed', false],
    ]);
  });

  it('an interrupted turn with no words yet takes the final text', () => {
    let turns = ensureTurn([], { key: 'k', itemId: 'a', role: 'assistant', agent: null });
    turns = markInterrupted(turns, 'k');
    expect(setFinalText(turns, 'k', 'Hel')[0]).toMatchObject({ text: 'Hel', interrupted: true });
  });

  it('reports only finished turns with words, at most 500', () => {
    let turns = ensureTurn([], { key: 'live', itemId: 'live', role: 'assistant', agent: null });
    turns = appendText(turns, 'live', 'still talking');
    for (let i = 0; i < 510; i++) {
      turns = ensureTurn(turns, { key: `u${i}`, itemId: `u${i}`, role: 'user', agent: null });
      turns = setFinalText(turns, `u${i}`, i === 3 ? '' : `turn ${i}`);
    }
    const reported = reportableTurns(turns);
    expect(reported).toHaveLength(500);
    expect(reported.some((t) => t.itemId === 'live')).toBe(false);
    expect(reported.at(-1)).toEqual({ itemId: 'u509', role: 'user', text: 'turn 509', agent: null, interrupted: false });
  });
});

describe('the microphone', () => {
  it('asks for echo cancellation, noise suppression and gain control, on the chosen device', () => {
    expect(microphoneConstraints('mic-2').audio).toMatchObject({ deviceId: { exact: 'mic-2' }, echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    expect(microphoneConstraints(null).audio).not.toHaveProperty('deviceId');
  });

  it('says how to fix each failure', () => {
    const err = (name: string) => Object.assign(new Error(name), { name });
    expect(microphoneErrorMessage(err('NotAllowedError'), null)).toMatch(/privacy settings.*Start again/);
    expect(microphoneErrorMessage(err('NotFoundError'), null)).toMatch(/No microphone was found.*Voice options/);
    expect(microphoneErrorMessage(err('OverconstrainedError'), 'gone')).toMatch(/chosen microphone isn't connected.*Voice options/);
    expect(microphoneErrorMessage(err('NotReadableError'), null)).toMatch(/busy/);
    expect(microphoneErrorMessage('weird', null)).toMatch(/couldn't be opened/);
  });

  it('turns getUserMedia failures into MicrophoneErrors with that message', async () => {
    const denied = { getUserMedia: () => Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })) };
    await expect(openMicrophone(null, denied)).rejects.toBeInstanceOf(MicrophoneError);
    await expect(openMicrophone(null, denied)).rejects.toThrow(/privacy settings/);
  });
});

describe('audio arithmetic and wording', () => {
  it('converts PCM16 to floats and measures a level', () => {
    const pcm = new Int16Array([0, 32767, -32768, 16384]);
    const floats = Array.from(pcm16ToFloat32(pcm.buffer));
    expect(floats.slice(0, 3)).toEqual([0, 1, -1]);
    expect(floats[3]).toBeCloseTo(0.5, 4);
    expect(meterLevel(new Float32Array(480))).toBe(0);
    expect(meterLevel(new Float32Array(480).fill(1))).toBe(1);
    expect(meterLevel(new Float32Array(480).fill(0.01))).toBeCloseTo(1 / 3, 2);
  });

  it('reads times, usage and cost', () => {
    expect(formatClock(5_000)).toBe('0:05');
    expect(formatClock(754_000)).toBe('12:34');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    const usage = { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 };
    const cost = voiceCostUsd(usage, { inputPerMillionUsd: 4, outputPerMillionUsd: 16 });
    expect(cost).toBeCloseTo(0.012);
    expect(usageText(t, usage, cost)).toBe('1,500 tokens · $0.01');
    expect(usageText(t, usage, null)).toMatch(/price unknown/);
    expect(voiceStatusText(t, { state: 'user-speaking', tool: null })).toBe("You're speaking");
  });

  it('finds the message in SDK errors and lets expected races pass', () => {
    const wrapped = { type: 'error', error: { type: 'error', error: { type: 'invalid_request_error', code: 'response_cancel_not_active', message: 'no active response' } } };
    expect(describeSessionError(wrapped)).toEqual({ code: 'response_cancel_not_active', message: 'no active response', type: 'invalid_request_error' });
    expect(isHarmlessSessionError(describeSessionError(wrapped))).toBe(true);
    expect(describeSessionError(new Error('boom'))).toEqual({ code: null, message: 'boom', type: null });
    expect(isHarmlessSessionError(describeSessionError({}))).toBe(false);
  });
});
