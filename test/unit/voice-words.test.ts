// The words the Voice screen and the HUD share for what a session is doing, and the
// microphone help chosen by the system FROK runs on (issue #12).
import { describe, expect, it, vi } from 'vitest';
import { i18next } from '../../renderer/src/i18n';
import { helpPlatform, microphoneErrorMessage, microphoneProblemKey, MicrophoneError, openMicrophone } from '../../renderer/src/voice/microphone';
import type { VoiceState } from '../../renderer/src/voice/types';
import { canInterrupt, voiceStatusKey, voiceStatusText } from '../../renderer/src/voice/voice-words';

const en = i18next.getFixedT('en');
const de = i18next.getFixedT('de');
const words = (state: VoiceState, tool: string | null = null, t = en) => voiceStatusText(t, { state, tool });
const denied = Object.assign(new Error('no'), { name: 'NotAllowedError' });

describe('what a voice session is doing, in words', () => {
  it('reads Ready → Connecting… → Listening / FROK is speaking → Ended', () => {
    expect(['idle', 'connecting', 'listening', 'user-speaking', 'thinking', 'assistant-speaking', 'interrupted', 'reconnecting', 'error', 'ended'].map((s) => words(s as VoiceState))).toEqual([
      'Ready',
      'Connecting…',
      'Listening',
      "You're speaking",
      'Thinking…',
      'FROK is speaking',
      'Interrupted',
      'Reconnecting…',
      'Stopped',
      'Ended',
    ]);
  });

  it('says what a running tool does in plain words, never its name', () => {
    expect(words('thinking', 'ask_specialists')).toBe('Asking your specialists…');
    expect(words('thinking', 'get_weather')).toBe('Checking the weather…');
    expect(words('thinking', 'some_mcp_tool')).toBe('Working on it…');
    for (const tool of ['ask_specialists', 'get_weather', 'calculate', 'control_home', 'some_mcp_tool']) expect(words('thinking', tool)).not.toMatch(/_|using/u);
    // A tool name left over after the state moved on does not change the words.
    expect(words('assistant-speaking', 'get_weather')).toBe('FROK is speaking');
  });

  it('has every state in German too, and never shows a raw key', () => {
    expect(words('idle', null, de)).toBe('Bereit');
    expect(words('thinking', 'ask_specialists', de)).toBe('Fragt deine Spezialisten…');
    for (const state of ['idle', 'connecting', 'listening', 'user-speaking', 'thinking', 'assistant-speaking', 'interrupted', 'reconnecting', 'error', 'ended'] as VoiceState[]) {
      expect(words(state, null, de)).not.toContain(voiceStatusKey({ state, tool: null }));
    }
  });

  it('Interrupt is for while FROK speaks, and only then', () => {
    expect(canInterrupt('assistant-speaking')).toBe(true);
    for (const state of ['idle', 'connecting', 'listening', 'user-speaking', 'thinking', 'ended', 'error'] as VoiceState[]) expect(canInterrupt(state)).toBe(false);
  });
});

describe('microphone help per system', () => {
  it('maps Node platform names to the help to give', () => {
    expect(['darwin', 'win32', 'linux', 'freebsd', 'aix', null].map(helpPlatform)).toEqual(['mac', 'windows', 'linux', 'linux', 'unknown', 'unknown']);
    expect(microphoneProblemKey(denied, null, 'linux')).toBe('mic.denied.linux');
    expect(microphoneProblemKey(Object.assign(new Error(), { name: 'SecurityError' }), null, 'darwin')).toBe('mic.denied.mac');
    // Other failures need the same help everywhere.
    expect(microphoneProblemKey(Object.assign(new Error(), { name: 'NotFoundError' }), null, 'linux')).toBe('mic.noneFound');
  });

  it('on Linux points to the sound settings, pavucontrol and the Flatpak permission; elsewhere to that system', () => {
    const linux = microphoneErrorMessage(denied, null, 'linux');
    expect(linux).toMatch(/sound settings/);
    expect(linux).toMatch(/pavucontrol/);
    expect(linux).toMatch(/PipeWire or PulseAudio/);
    expect(linux).toMatch(/Flatseal/);
    expect(linux).toMatch(/flatpak permission-reset app\.frok\.desktop/);
    expect(linux).not.toMatch(/macOS|Windows/);

    const mac = microphoneErrorMessage(denied, null, 'darwin');
    expect(mac).toMatch(/System Settings → Privacy & Security → Microphone/);
    expect(mac).not.toMatch(/Windows|Linux|Flatpak/);
    const windows = microphoneErrorMessage(denied, null, 'win32');
    expect(windows).toMatch(/Settings → Privacy & security → Microphone/);
    expect(windows).not.toMatch(/macOS|Linux/);
    // Not known: all three, Linux included.
    expect(microphoneErrorMessage(denied, null, null)).toMatch(/macOS.*Windows.*Linux/);
  });

  it('asks for the platform only when the microphone cannot be opened', async () => {
    const platform = vi.fn(async () => 'linux');
    const stream = {} as MediaStream;
    await expect(openMicrophone(null, { getUserMedia: async () => stream }, platform)).resolves.toBe(stream);
    expect(platform).not.toHaveBeenCalled();
    const failure = openMicrophone(null, { getUserMedia: () => Promise.reject(denied) }, platform);
    await expect(failure).rejects.toBeInstanceOf(MicrophoneError);
    await expect(openMicrophone(null, { getUserMedia: () => Promise.reject(denied) }, platform)).rejects.toThrow(/pavucontrol/);
    expect(platform).toHaveBeenCalled();
  });
});

describe('numbers in the catalogues', () => {
  it('formats {{count, number}} in each language without a new Intl formatter per count', () => {
    const made = vi.spyOn(Intl, 'NumberFormat');
    const texts = [1, 1234, 1235, 98_765, 1_000_001].map((count) => en('voice:usage.tokens', { count }));
    expect(texts).toEqual(['1 token', '1,234 tokens', '1,235 tokens', '98,765 tokens', '1,000,001 tokens']);
    expect(de('voice:usage.tokens', { count: 1234 })).toBe('1.234 Tokens');
    // One per language at most, however many counts went by.
    expect(made.mock.calls.length).toBeLessThanOrEqual(2);
    made.mockRestore();
  });
});
