/**
 * Talking to FROK end to end: the real renderer and the real Agents SDK in Chromium, whose
 * fake microphone plays words made with espeak-ng; FROK's real services in Node; the fake
 * Realtime API (WebRTC and WebSocket) behind the harness's same-origin proxy, so the page
 * runs under its real CSP. What a person would notice: the state label, the transcript, the
 * reply's audio, tools and specialists, handoffs, interruptions, push-to-talk, ending from
 * the Sessions list, a dropped connection coming back, the start limit — and that the API
 * key never reaches the window.
 * Needs `npx electron-vite build`, an unlocked keyring and a loopback-only network
 * namespace (see test/harness/README.md). Set FROK_SCREENSHOTS=/some/dir to keep
 * screenshots of the Voice screen (with its Sessions list) and the HUD, light and dark.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeSessionInfo } from '../../shared/realtime';
import type { Settings } from '../../shared/settings';
import { DEFAULT_VALID_KEY, scriptByRoute, type FakeOpenAI, type ModelScript } from '../fakes/openai/server';
import { attachFakeRealtime, writeSpeechWav, type CallState, type FakeRealtime } from '../fakes/realtime';
import { startFakeWeatherServer, type FakeWeatherServer } from '../fakes/weather-server';
import type { Harness } from '../harness';
import { frokFixture } from './support/frok-fixture';
import type { RealtimeLimits } from '../../electron/main/realtime/realtime-service';
import { screenshot } from './support/screenshot';

const run = promisify(execFile);
const UI = { timeout: 15_000 };

/** Records every RTCPeerConnection the page makes, so the test can read getStats(). */
const PEER_CONNECTION_RECORDER = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  const all = [];
  Object.defineProperty(window, '__frokTestPeerConnections', { value: all });
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); all.push(this); }
  };
})();`;

/**
 * Listens to the fake microphone itself, as the page gets it: each getUserMedia stream is
 * cloned (so FROK muting its own track changes nothing here) into an AnalyserNode, and
 * the bursts of sound are kept as { start, end } (end: once 400 ms have been quiet). It is
 * how the test knows where the microphone's recording has got to without a clock.
 */
const MICROPHONE_LISTENER = `(() => {
  const media = navigator.mediaDevices;
  if (!media || !media.getUserMedia) return;
  const native = media.getUserMedia.bind(media);
  const state = { bursts: [] };
  Object.defineProperty(window, '__frokTestMicrophone', { value: state });
  media.getUserMedia = async (constraints) => {
    const stream = await native(constraints);
    const [track] = stream.getAudioTracks();
    if (!track) return stream;
    const bursts = [];
    state.bursts = bursts;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(new MediaStream([track.clone()])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let current = null;
    let lastLoud = 0;
    setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      const now = performance.now();
      if (Math.sqrt(sum / samples.length) > 0.01) {
        lastLoud = now;
        if (!current) { current = { start: now, end: null }; bursts.push(current); }
      } else if (current && now - lastLoud > 400) {
        current.end = lastLoud;
        current = null;
      }
    }, 20);
    return stream;
  };
})();`;

/** How many bursts of sound the microphone has finished playing (see MICROPHONE_LISTENER). */
const microphoneBurstsEnded = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __frokTestMicrophone: { bursts: { end: number | null }[] } }).__frokTestMicrophone.bursts.filter((b) => b.end !== null).length);

/** Waits until the page has played some reply audio since `before` (inbound-rtp energy rose). */
async function replyAudioPlaying(page: Page, before: number): Promise<void> {
  await expect.poll(async () => (await inboundAudioEnergy(page)) - before, UI).toBeGreaterThan(0);
}

let workDir = '';
const wavs = { weather: '', specialists: '', interruption: '', pushToTalk: '', silence: '', ignored: '', held: '' };

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'frok-voice-e2e-'));
  for (const name of Object.keys(wavs) as (keyof typeof wavs)[]) wavs[name] = join(workDir, `${name}.wav`);
  await Promise.all([
    // A 1 s lead rather than 0.5 s: the microphone opens with Start, but audio reaches the
    // API only once connected (about 0.6 s here, more on a busy machine).
    writeSpeechWav(wavs.weather, 'What is the weather in Paris?', { leadSeconds: 1, trailSeconds: 1.5 }),
    writeSpeechWav(wavs.specialists, 'Plan a quiet evening for me.', { leadSeconds: 1, trailSeconds: 1.5 }),
    // The reply must be playing when these words come: a long quiet lead.
    writeSpeechWav(wavs.interruption, 'Wait, stop, that is enough.', { leadSeconds: 4, trailSeconds: 1.5 }),
    // Push-to-talk: words before the key is held must not be heard; words while it is must.
    // The 3 s after "Hello there." are the time the test has to press the key.
    writeSpeechWav(wavs.ignored, 'Hello there.', { leadSeconds: 0.5, trailSeconds: 3 }),
    writeSpeechWav(wavs.held, 'Turn on the kitchen light.', { leadSeconds: 0, trailSeconds: 2.5 }),
    run('sox', ['-n', '-r', '48000', '-b', '16', '-c', '1', '-e', 'signed-integer', wavs.silence, 'trim', '0', '1']),
  ]);
  await run('sox', [wavs.ignored, wavs.held, wavs.pushToTalk]);
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

interface VoiceEnv {
  openai: FakeOpenAI;
  realtime: FakeRealtime;
  weather: FakeWeatherServer;
  harness: Harness;
  page: Page;
  /** Bodies of every HTTP response and WebSocket frame the page received, and its request headers. */
  pageSaw(): Promise<string>;
}

const frok = frokFixture();

async function openVoice(o: {
  wav: string;
  voice?: Partial<Settings['voice']>;
  script?: ModelScript;
  limits?: Partial<RealtimeLimits>;
  allowErrors?: RegExp[];
}): Promise<VoiceEnv> {
  const weather = await startFakeWeatherServer();
  frok.onTeardown(() => weather.close());
  let attached: FakeRealtime | null = null;
  const { openai, harness, page } = await frok.start({
    withOpenAI(fake) {
      attached = attachFakeRealtime(fake);
      const realtime = attached;
      frok.onTeardown(() => realtime.close());
    },
    openai: o.script ? { script: o.script } : {},
    // The provider is OpenAI at the harness's origin: main mints there, and the page's
    // calls URL is same-origin, proxied to the fake.
    provider: 'harness-origin',
    chromiumArgs: [
      '--allow-loopback-in-peer-connection',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${o.wav}%noloop`,
      '--autoplay-policy=no-user-gesture-required',
    ],
    initScripts: [PEER_CONNECTION_RECORDER, MICROPHONE_LISTENER],
    overrides: {
      endpoints: { weatherGeocoding: weather.url, weatherForecast: weather.url },
      modelClient: { maxRetries: 0, timeoutMs: 20_000 },
      ...(o.limits ? { realtimeLimits: o.limits } : {}),
    },
    ...(o.allowErrors ? { allowErrors: o.allowErrors } : {}),
    beforeLoad(services) {
      if (o.voice) services.settings.update({ voice: o.voice });
    },
  });
  const realtime = attached!;
  const seen: Promise<string>[] = [];
  const onResponse = (response: Response) => {
    seen.push(response.text().catch(() => ''));
    seen.push(Promise.resolve(JSON.stringify(response.request().headers())));
  };
  page.on('response', onResponse);
  page.on('websocket', (socket) => {
    seen.push(Promise.resolve(socket.url()));
    socket.on('framereceived', (frame) => seen.push(Promise.resolve(String(frame.payload))));
  });
  const env: VoiceEnv = { openai, realtime, weather, harness, page, pageSaw: async () => (await Promise.all(seen)).join('\n') };
  // Whatever else a test did, the long-lived key never reached the window (checked first).
  frok.onTeardown(() => expectKeyNeverSentToWindow(env));
  await page.getByTestId('app-shell').waitFor(UI);
  await page.getByTestId('nav-voice').click();
  await page.getByTestId('screen-voice').waitFor(UI);
  return env;
}

async function expectKeyNeverSentToWindow(e: VoiceEnv): Promise<void> {
  expect(e.harness.sentToRenderer()).not.toContain(DEFAULT_VALID_KEY);
  const saw = await e.pageSaw();
  expect(saw).not.toContain(DEFAULT_VALID_KEY);
  // The key's tail is what a redacted form would show: not even that.
  expect(saw).not.toContain(DEFAULT_VALID_KEY.slice(3));
}

const stateLabel = (page: Page) => page.getByTestId('voice-state');

async function waitForState(page: Page, label: string | RegExp): Promise<void> {
  await stateLabel(page).filter({ hasText: label }).waitFor(UI);
}

async function startTalking(e: VoiceEnv): Promise<CallState> {
  await recordStates(e.page);
  await e.page.getByTestId('voice-start').click();
  await waitForState(e.page, 'Listening');
  return e.realtime.waitFor(() => e.realtime.lastCall?.open && e.realtime.lastCall, 5000, 'an open call');
}

/** Reply audio Chromium played (inbound-rtp totalAudioEnergy), over every connection the page made. */
async function inboundAudioEnergy(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __frokTestPeerConnections: RTCPeerConnection[] }).__frokTestPeerConnections;
    let energy = 0;
    for (const pc of all) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s: { type: string; kind?: string; totalAudioEnergy?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') energy += s.totalAudioEnergy ?? 0;
      });
    }
    return energy;
  });
}

/** Keeps every state label shown from now on (labels can pass faster than a poll). */
async function recordStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frokStates: string[] };
    const label = () => document.querySelector('[data-testid="voice-state"]')?.textContent ?? '';
    w.__frokStates = [label()];
    new MutationObserver(() => {
      const now = label();
      if (w.__frokStates.at(-1) !== now) w.__frokStates.push(now);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const stateHistory = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __frokStates: string[] }).__frokStates);

/** Keeps the highest microphone level the meter showed (aria-valuenow), from now on. */
async function recordMeterPeak(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frokMeterPeak: number };
    w.__frokMeterPeak = 0;
    new MutationObserver(() => {
      const now = Number(document.querySelector('[data-testid="voice-level"]')?.getAttribute('aria-valuenow') ?? 0);
      w.__frokMeterPeak = Math.max(w.__frokMeterPeak, now);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
}

const meterPeak = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __frokMeterPeak: number }).__frokMeterPeak);

/** The voice sessions main holds for the page's window. */
function mainSessions(e: VoiceEnv): RealtimeSessionInfo[] {
  const pageCaller = e.harness.traffic.find((t) => t.direction === 'in')!.connection;
  return e.harness.services.realtime.list({ id: pageCaller, kind: 'harness' });
}

const turns = (page: Page, role: 'user' | 'assistant') => page.locator(`[data-testid="voice-turn"][data-role="${role}"]`);

describe('a voice conversation over WebRTC', () => {
  it('asks for the weather: get_weather runs in main, the reply shows and plays, usage is counted', async () => {
    const e = await openVoice({ wav: wavs.weather });
    e.realtime.setScript([
      {
        transcript: 'What is the weather in Paris?',
        reply: {
          toolCalls: [{ name: 'get_weather', arguments: { location: 'Paris', units: null } }],
          afterTools: { transcript: 'It is mild and cloudy in Paris right now.', audioSeconds: 2, usage: { inputTokens: 300, outputTokens: 120 } },
          usage: { inputTokens: 200, outputTokens: 20 },
        },
      },
    ]);
    await recordMeterPeak(e.page);
    const call = await startTalking(e);

    await turns(e.page, 'user').filter({ hasText: 'What is the weather in Paris?' }).waitFor(UI);
    const output = await e.realtime.waitFor(() => call.toolOutputs[0], 10_000, 'the get_weather output');
    expect(output.name).toBe('get_weather');
    // Main ran the real weather tool against the fake weather server.
    expect(e.weather.requests.map((r) => r.path)).toContain('/v1/forecast');
    expect(output.output).toMatch(/Paris/);

    const reply = turns(e.page, 'assistant').filter({ hasText: 'It is mild and cloudy in Paris right now.' });
    await reply.waitFor(UI);
    await waitForState(e.page, 'Listening');
    expect(await reply.getAttribute('data-interrupted')).toBe('false');
    expect(await inboundAudioEnergy(e.page)).toBeGreaterThan(0);
    expect(call.audioIn.maxRms).toBeGreaterThan(300);
    expect(await e.page.getByTestId('voice-agent').textContent()).toBe('FROK');
    // The level meter moved while the fake microphone spoke.
    expect(await meterPeak(e.page)).toBeGreaterThan(20);

    // The session config reached the fake: tools, voice, near-field noise reduction.
    const sessionTools = (call.session as { tools?: { name: string }[] }).tools?.map((t) => t.name);
    expect(sessionTools).toEqual(expect.arrayContaining(['get_weather', 'ask_specialists', 'transfer_to_Home_voice_specialist']));
    expect(call.session.audio.input.noise_reduction).toEqual({ type: 'near_field' });

    await e.page.getByTestId('voice-usage').filter({ hasText: '640 tokens' }).waitFor(UI);
    // Main has the usage, the agent and the final transcript (reports are throttled to 1 s).
    await expect.poll(() => mainSessions(e)[0]?.usage.totalTokens, UI).toBe(640);
    expect(mainSessions(e)[0]).toMatchObject({ state: 'connected', currentAgent: 'FROK' });
    await screenshot(e.page, 'voice-listening', { fullPage: true });

    // What was said is kept: History finds a phrase of the spoken answer, in a voice conversation.
    await e.page.getByTestId('nav-history').click();
    await e.page.getByTestId('history-search').fill('mild cloud');
    const hit = e.page.getByTestId('history-hit').first();
    await hit.waitFor(UI);
    expect(await hit.textContent()).toContain('Voice');
    expect(await hit.locator('mark').allTextContents()).toEqual(['mild', 'cloudy']);
    await hit.getByTestId('history-hit-open').click();
    // Opened in the Conversation screen: the question, the tool FROK used, the answer.
    await e.page.getByText('What is the weather in Paris?').first().waitFor(UI);
    await e.page.getByText(/get_weather/u).first().waitFor(UI);
  });
});

/** Long enough that its words are still arriving when the person talks over it. */
const LONG_REPLY = Array.from(
  { length: 6 },
  (_, i) => `On day ${i + 1} of the week the sky is mostly clear in the morning, with some clouds after lunch and a light breeze.`,
).join(' ');

/** A manager that asks memory and general at once, then answers. */
function managerScript() {
  return scriptByRoute([
    {
      name: 'manager delegates',
      when: { offersTool: 'memory_specialist', hasToolOutputs: false },
      reply: {
        toolCalls: [
          { name: 'memory_specialist', arguments: { input: 'What does the person like to do in the evening?' } },
          { name: 'general_specialist', arguments: { input: 'Suggest a quiet evening plan.' } },
        ],
        usage: { inputTokens: 100, outputTokens: 20 },
      },
    },
    { name: 'memory', when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: 'They like reading with warm light.', delayMs: 300 } },
    { name: 'general', when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: 'Tea, a book, lights dimmed at nine.', delayMs: 400 } },
    {
      name: 'manager answers',
      when: { hasToolOutputFrom: ['memory_specialist', 'general_specialist'] },
      reply: { text: 'Make tea, dim the lights to warm, and read a chapter of your book.' },
    },
  ]);
}

describe('voice with the specialist team', () => {
  it('ask_specialists runs the manager and two specialists; the Activity screen shows them while the session goes on', async () => {
    const e = await openVoice({ wav: wavs.specialists, script: managerScript() });
    e.realtime.setScript([
      {
        transcript: 'Plan a quiet evening for me.',
        reply: {
          transcript: 'Let me check with the team.',
          audioSeconds: 0.8,
          toolCalls: [{ name: 'ask_specialists', arguments: { request: 'Plan a quiet evening for the person.' } }],
          afterTools: { transcript: 'Make tea, dim the lights to warm, and read a chapter of your book.', audioSeconds: 1.5 },
        },
      },
    ]);
    const call = await startTalking(e);
    await e.realtime.waitFor(() => call.responses[0]?.toolCalls.length, 10_000, 'the ask_specialists call');

    // The session keeps running while the person looks at the Activity screen.
    await e.page.getByTestId('nav-activity').click();
    const run = e.page.getByTestId('activity-run').first();
    await run.waitFor(UI);
    expect(await run.getByTestId('activity-run-query').textContent()).toBe('Plan a quiet evening for the person.');
    expect(await run.getByTestId('activity-run-pattern').textContent()).toBe('Ask several and combine');
    const specialists = run.locator('[data-testid="activity-span"][data-kind="specialist"]');
    await expect.poll(() => specialists.count(), UI).toBe(2);
    await run.getByTestId('activity-run-status').getByText('Done').waitFor(UI);

    const output = await e.realtime.waitFor(() => call.toolOutputs.find((o) => o.name === 'ask_specialists'), 10_000, 'the specialists’ answer');
    expect(output.output).toBe('Make tea, dim the lights to warm, and read a chapter of your book.');
    await e.page.getByTestId('nav-voice').click();
    await turns(e.page, 'assistant').filter({ hasText: 'read a chapter of your book' }).waitFor(UI);
    expect(await turns(e.page, 'assistant').first().textContent()).toContain('Let me check with the team.');
    await waitForState(e.page, 'Listening');
    // Plain words for the tool at work, not its name.
    expect(await stateHistory(e.page)).toContain('Asking your specialists…');
    expect((await stateHistory(e.page)).join('\n')).not.toMatch(/ask specialists|ask_specialists/u);
  });

  it('a handoff to the Home voice specialist shows who is talking; a failed mint is shown as main words it', async () => {
    const e = await openVoice({ wav: wavs.silence });
    // The open Voice screen had main prepare a client secret; a settings change makes it
    // unfit, so Start must mint — and that mint fails.
    await expect.poll(() => e.realtime.mints.length).toBe(1);
    e.harness.services.settings.update({ voice: { voice: 'cedar' } });
    e.realtime.failNextMint(500);
    await e.page.getByTestId('voice-start').click();
    await e.page.getByTestId('voice-error').filter({ hasText: 'OpenAI had a server error (500) starting voice. Try again in a moment.' }).waitFor(UI);

    const call = await startTalking(e);
    expect(await e.page.getByTestId('voice-error').count()).toBe(0);
    await e.realtime.say({
      transcript: 'I will pass you to the home specialist.',
      audioSeconds: 0.6,
      handoff: 'Home voice specialist',
      afterTools: { transcript: 'Hi, I look after your home. What should I change?', audioSeconds: 1 },
    });
    await e.page.getByTestId('voice-agent').filter({ hasText: 'Home voice specialist' }).waitFor(UI);
    const reply = turns(e.page, 'assistant').filter({ hasText: 'I look after your home' });
    await reply.waitFor(UI);
    expect(await reply.locator('.voice-turn-who').textContent()).toBe('Home voice specialist');
    // The SDK sent the home specialist's instructions and tools to the API.
    const session = () => call.session as { instructions?: string; tools?: { name: string }[] };
    await e.realtime.waitFor(() => session().instructions?.startsWith("You are FROK's home specialist"), 5000, 'the new instructions');
    expect(session().tools?.map((t) => t.name)).toEqual(['control_home', 'get_home_status', 'transfer_to_FROK']);
    await expect.poll(() => mainSessions(e)[0]?.currentAgent, UI).toBe('Home voice specialist');
  });
});

describe('interrupting FROK', () => {
  it('talking over it stops the audio at once and keeps the words said so far, marked interrupted; so does Stop', async () => {
    const e = await openVoice({ wav: wavs.interruption });
    const call = await startTalking(e);
    // The person's words come about four seconds after Start, while this plays.
    const reply = e.realtime.say({ transcript: LONG_REPLY, audioSeconds: 9 });
    await waitForState(e.page, 'FROK is speaking');
    // The reference loudness: energy over a 0.5 s window once the reply is audibly playing.
    let speakingEnergy = 0;
    await expect
      .poll(async () => {
        const start = await inboundAudioEnergy(e.page);
        await e.page.waitForTimeout(500);
        speakingEnergy = (await inboundAudioEnergy(e.page)) - start;
        return speakingEnergy;
      }, UI)
      .toBeGreaterThan(0);

    const record = await reply;
    expect(record).toMatchObject({ status: 'cancelled', cancelReason: 'turn_detected' });
    const interrupted = turns(e.page, 'assistant').first();
    await expect.poll(() => interrupted.getAttribute('data-interrupted'), UI).toBe('true');
    const kept = (await interrupted.getByTestId('voice-turn-text').textContent()) ?? '';
    expect(kept.length).toBeGreaterThan(0);
    expect(LONG_REPLY.startsWith(kept.trim())).toBe(true);
    expect(kept.trim().length).toBeLessThan(LONG_REPLY.length);
    // The audio stopped: the fake sends no more speech, and the page plays next to nothing.
    expect(call.sendingAudio).toBe(false);
    const framesAtCut = call.audioOut.speechFrames;
    // What the jitter buffer already holds still plays out, and on a loaded machine that
    // buffer is deeper, so the page is asked to go quiet, not to be quiet by a deadline.
    let afterEnergy = Infinity;
    await expect
      .poll(async () => {
        const start = await inboundAudioEnergy(e.page);
        await e.page.waitForTimeout(500);
        afterEnergy = (await inboundAudioEnergy(e.page)) - start;
        return afterEnergy;
      }, UI)
      .toBeLessThan(speakingEnergy * 0.1);
    expect(call.audioOut.speechFrames).toBe(framesAtCut);
    console.info(`voice e2e: reply audio energy per 0.5 s while speaking ${speakingEnergy.toFixed(4)}, after the cut ${afterEnergy.toFixed(5)}`);
    await e.realtime.waitFor(() => call.userTurns.length >= 1, 5000, 'the user turn');

    // Stop does the same from the window.
    await waitForState(e.page, 'Listening');
    const second = e.realtime.say({ transcript: 'Another long answer that nobody wants to hear to the end, because it goes on and on.', audioSeconds: 6 });
    await waitForState(e.page, 'FROK is speaking');
    // Stop once the second reply is being heard, not after a guess at how long that takes.
    await replyAudioPlaying(e.page, await inboundAudioEnergy(e.page));
    await e.realtime.waitFor(() => call.sendingAudio, 5000, 'the second reply on the wire');
    // Interrupt from the keyboard: it works, and the keyboard stays on it (not the page).
    const interrupt = e.page.getByTestId('voice-interrupt');
    expect(await interrupt.getAttribute('aria-disabled')).toBe('false');
    await interrupt.focus();
    await e.page.keyboard.press('Enter');
    await waitForState(e.page, 'Interrupted');
    expect(await e.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('voice-interrupt');
    expect(await second).toMatchObject({ status: 'cancelled', cancelReason: 'client_cancelled' });
    await expect.poll(() => turns(e.page, 'assistant').last().getAttribute('data-interrupted'), UI).toBe('true');
    await waitForState(e.page, 'Listening');
  });
});

describe('push-to-talk', () => {
  it('hears nothing until Space is held, sends the held words on release, and the button works with the mouse', async () => {
    const e = await openVoice({ wav: wavs.pushToTalk, voice: { turnTaking: 'push-to-talk' } });
    e.realtime.setScript([
      { transcript: 'Turn on the kitchen light.', reply: { transcript: 'Done, the kitchen light is on.', audioSeconds: 1 } },
      { transcript: 'And the hallway.', reply: { transcript: 'The hallway too.', audioSeconds: 0.6 } },
    ]);
    const call = await startTalking(e);
    expect(call.session.audio.input.turn_detection).toBeNull();
    await e.page.getByTestId('voice-ptt').waitFor(UI);

    // "Hello there." plays with the key up: muted, so the API hears silence. The test waits
    // for the microphone to have played it (and gone quiet), and for audio at the fake.
    await expect.poll(() => microphoneBurstsEnded(e.page), UI).toBeGreaterThanOrEqual(1);
    await e.realtime.waitFor(() => call.audioIn.frames > 0, 5000, 'microphone audio at the fake');
    expect(call.audioIn.voicedFrames).toBe(0);
    expect(call.userTurns).toHaveLength(0);

    await e.page.keyboard.down('Space');
    await waitForState(e.page, "You're speaking");
    expect(await e.page.getByTestId('voice-ptt').getAttribute('aria-pressed')).toBe('true');
    // Held until "Turn on the kitchen light." has played and the microphone is quiet again.
    await expect.poll(() => microphoneBurstsEnded(e.page), UI).toBeGreaterThanOrEqual(2);
    await e.realtime.waitFor(() => call.audioIn.voicedFrames > 10, 5000, 'the held words at the fake');
    await e.page.keyboard.up('Space');
    const first = await e.realtime.waitFor(() => call.userTurns[0], 5000, 'the committed turn');
    expect(first).toMatchObject({ source: 'commit', scripted: true });
    expect(first.audioMs).toBeGreaterThan(1500);
    expect(call.audioIn.voicedFrames).toBeGreaterThan(10);
    await turns(e.page, 'user').filter({ hasText: 'Turn on the kitchen light.' }).waitFor(UI);
    await turns(e.page, 'assistant').filter({ hasText: 'Done, the kitchen light is on.' }).waitFor(UI);
    await waitForState(e.page, 'Listening');
    // No voice detection ran: the API never saw speech start on its own.
    expect(call.sent.some((s) => s.event.type === 'input_audio_buffer.speech_started')).toBe(false);
    await screenshot(e.page, 'voice-push-to-talk', { fullPage: true });

    const button = e.page.getByTestId('voice-ptt');
    await button.hover();
    await e.page.mouse.down();
    await waitForState(e.page, "You're speaking");
    // Released once the fake has had 0.5 s of (quiet) audio from the held button: 25 frames.
    const framesAtPress = call.audioIn.frames;
    await e.realtime.waitFor(() => call.audioIn.frames >= framesAtPress + 25, 5000, 'audio while the button is held');
    await e.page.mouse.up();
    await e.realtime.waitFor(() => call.userTurns[1], 5000, 'the second committed turn');
    expect(call.userTurns[1]!.source).toBe('commit');
    await turns(e.page, 'assistant').filter({ hasText: 'The hallway too.' }).waitFor(UI);
  });
});

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

describe('voice controls that say what they do', () => {
  it('before, during and after a session: Start, Interrupt only while FROK speaks, Mute, End session, and words for each state', async () => {
    const e = await openVoice({ wav: wavs.silence });
    const screen = e.page.getByTestId('screen-voice');
    // Before: Ready, Start works, and nothing is shown that would do nothing yet.
    await waitForState(e.page, 'Ready');
    await expect.poll(() => e.page.getByTestId('voice-start').isEnabled(), UI).toBe(true);
    for (const id of ['voice-controls', 'voice-interrupt', 'voice-mute', 'voice-agent-line']) expect(await e.page.getByTestId(id).count(), id).toBe(0);
    // Its parts have names of their own: "Conversation" is the typed Conversation screen.
    const headings = await screen.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual(expect.arrayContaining(['What was said', expect.stringMatching(/^Sessions/u)]));
    expect(headings).not.toContain('Conversation');
    expect(await e.page.getByTestId('nav-sessions').count()).toBe(0);

    const call = await startTalking(e);
    expect(await e.page.getByTestId('voice-agent-line').textContent()).toBe('Talking with FROK');
    expect(await e.page.getByTestId('voice-end').textContent()).toBe('End session');
    // Interrupt is there but plainly not for now, and says when it works.
    const interrupt = e.page.getByTestId('voice-interrupt');
    expect(await interrupt.getAttribute('aria-disabled')).toBe('true');
    expect(await e.page.getByTestId('voice-interrupt-hint').textContent()).toBe('Interrupt works while FROK is speaking.');
    const mute = e.page.getByTestId('voice-mute');
    expect(await mute.textContent()).toBe('Mute microphone');
    await mute.click();
    expect(await mute.textContent()).toBe('Unmute microphone');
    expect(await e.page.getByTestId('voice-level').getAttribute('aria-valuetext')).toBe('Muted');
    await mute.click();
    expect(await mute.textContent()).toBe('Mute microphone');

    // While FROK speaks, Interrupt is available.
    const reply = e.realtime.say({ transcript: 'Here is a short answer to listen to.', audioSeconds: 2.5 });
    await waitForState(e.page, 'FROK is speaking');
    expect(await interrupt.getAttribute('aria-disabled')).toBe('false');
    expect(await e.page.getByTestId('voice-interrupt-hint').textContent()).toBe('Stops FROK mid-sentence; the session goes on.');
    await reply;
    await waitForState(e.page, 'Listening');

    // End session from the keyboard: the words say Ended (talking with nobody), and Start has the keyboard.
    await e.page.getByTestId('voice-end').focus();
    await e.page.keyboard.press('Enter');
    await waitForState(e.page, 'Ended');
    await e.realtime.waitFor(() => !call.open, 5000, 'the call to close');
    for (const id of ['voice-controls', 'voice-interrupt', 'voice-mute', 'voice-agent-line']) expect(await e.page.getByTestId(id).count(), id).toBe(0);
    // The Sessions list catches up with main (which may hear of the end a moment after the screen).
    await expect
      .poll(() => screen.getByRole('heading', { level: 2, name: /^Sessions/u }).textContent(), UI)
      .toBe('Sessions — none running');
    expect(await screen.textContent()).not.toContain('Talking with');
    await expect.poll(() => focusedTestId(e.page), UI).toBe('voice-start');
  });
});

describe('the voice HUD', () => {
  it('uses the same words, keeps the newest spoken words in view, and its scrolling part takes the keyboard', async () => {
    const e = await openVoice({ wav: wavs.silence });
    const hud = await e.harness.app.context.newPage();
    // The panel's real size (popup-options.ts HUD_SIZE).
    await hud.setViewportSize({ width: 380, height: 132 });
    await hud.goto(`${e.harness.origin}/hud.html`, { waitUntil: 'load' });
    const state = hud.getByTestId('hud-state');
    await state.filter({ hasText: 'Ready' }).waitFor(UI);
    await hud.getByTestId('hud-start').click();
    await state.filter({ hasText: 'Listening' }).waitFor(UI);
    await e.realtime.waitFor(() => e.realtime.lastCall?.open && e.realtime.lastCall, 5000, 'the HUD’s call');

    const body = hud.getByTestId('hud-body');
    expect(await body.getAttribute('tabindex')).toBe('0');
    expect(await body.getAttribute('aria-label')).toBe('Latest words');
    const reply = e.realtime.say({ transcript: LONG_REPLY, audioSeconds: 8 });
    await state.filter({ hasText: 'FROK is speaking' }).waitFor(UI);
    // Partway through (day 4 of 6 is being said): more words than fit, and the newest are the ones in view.
    const turn = hud.getByTestId('hud-turn').filter({ hasText: 'On day 4' });
    await turn.waitFor(UI);
    expect(await state.textContent()).toBe('FROK is speaking');
    const view = async () =>
      body.evaluate((el) => {
        const last = el.querySelector('[data-testid="hud-turn"]:last-child')!.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return { overflows: el.scrollHeight > el.clientHeight, atEnd: el.scrollTop + el.clientHeight >= el.scrollHeight - 2, lastBottomInView: last.bottom <= box.bottom + 2 };
      });
    expect(await view()).toEqual({ overflows: true, atEnd: true, lastBottomInView: true });
    await screenshot(hud, 'hud-speaking');
    await reply;
    await hud.getByTestId('hud-turn').filter({ hasText: LONG_REPLY.slice(-40) }).waitFor(UI);
    expect(await view()).toEqual({ overflows: true, atEnd: true, lastBottomInView: true });
    // Words wrap rather than being cut off with an ellipsis.
    expect(await hud.getByTestId('hud-turn').last().evaluate((el) => getComputedStyle(el).whiteSpace)).not.toBe('nowrap');
    // The keyboard can scroll it: focus it and go back to the top.
    await body.focus();
    await hud.keyboard.press('Home');
    await expect.poll(() => body.evaluate((el) => el.scrollTop), UI).toBe(0);
    await hud.getByTestId('hud-end').click();
  });
});

describe('sessions, drops and limits', () => {
  it('the Sessions list (on the Voice screen) shows the running session and ends it; the Voice screen says so', async () => {
    const e = await openVoice({ wav: wavs.silence });
    const call = await startTalking(e);
    // No Sessions screen any more: its list is a part of the Voice screen.
    expect(await e.page.getByTestId('nav-sessions').count()).toBe(0);
    const sessions = e.page.getByTestId('voice-sessions');
    await sessions.getByTestId('voice-sessions-summary').filter({ hasText: 'Sessions — 1 running' }).waitFor(UI);
    await sessions.getByTestId('voice-sessions-summary').click();
    const row = sessions.getByTestId('session-row');
    await row.waitFor(UI);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('session-state').textContent()).toContain('Connected');
    expect(await row.getAttribute('data-session-id')).toBe(mainSessions(e)[0]!.sessionId);
    await screenshot(e.page, 'sessions', { fullPage: true });
    await row.getByTestId('session-end').click();
    await e.page.getByTestId('sessions-empty').waitFor(UI);
    await e.realtime.waitFor(() => !call.open, 5000, 'the call to close');
    expect(call.closeReason).toBe('client');

    await waitForState(e.page, 'Ended');
    expect(await e.page.getByTestId('voice-notice').textContent()).toBe('Ended from the Sessions list.');
    await sessions.getByTestId('voice-sessions-summary').filter({ hasText: 'Sessions — none running' }).waitFor(UI);
    await e.page.getByTestId('voice-start').waitFor(UI);
    expect(mainSessions(e)).toEqual([]);
  });

  it('a dropped connection comes back with a fresh client secret, keeping the conversation', async () => {
    const e = await openVoice({ wav: wavs.silence });
    const first = await startTalking(e);
    await e.realtime.say({ transcript: 'Hello, I am listening.', audioSeconds: 0.6 });
    await turns(e.page, 'assistant').filter({ hasText: 'Hello, I am listening.' }).waitFor(UI);
    const before = mainSessions(e)[0]!.sessionId;

    e.realtime.dropCall();
    await e.page.getByTestId('voice-notice').filter({ hasText: 'Connection lost — reconnecting (1 of 3)…' }).waitFor(UI);
    await waitForState(e.page, 'Listening');
    await e.page.getByTestId('voice-notice').waitFor({ state: 'detached', ...UI });

    const second = await e.realtime.waitFor(() => e.realtime.calls.length === 2 && e.realtime.calls[1]!.open && e.realtime.calls[1], 5000, 'the new call');
    expect(first.open).toBe(false);
    expect(e.realtime.mints).toHaveLength(2);
    expect(second.key).not.toBe(first.key);
    const after = mainSessions(e);
    expect(after).toHaveLength(1);
    expect(after[0]!.sessionId).not.toBe(before);
    // The conversation so far is still there, and the new connection talks.
    expect(await turns(e.page, 'assistant').first().textContent()).toContain('Hello, I am listening.');
    await e.realtime.say({ transcript: 'I am back.', audioSeconds: 0.5 });
    await turns(e.page, 'assistant').filter({ hasText: 'I am back.' }).waitFor(UI);
  });

  it('five quick starts use up the minute; the sixth says when to try again', async () => {
    const e = await openVoice({ wav: wavs.silence });
    for (let i = 0; i < 5; i++) {
      await startTalking(e);
      await e.page.getByTestId('voice-end').click();
      await waitForState(e.page, 'Ended');
    }
    await e.page.getByTestId('voice-start').click();
    const error = e.page.getByTestId('voice-error');
    await error.waitFor(UI);
    expect(await error.textContent()).toMatch(/^That's 5 voice sessions started in the last minute, FROK's limit\. Try again in \d+ seconds?\.$/);
    expect(await error.getAttribute('role')).toBe('alert');
    await e.page.getByText('Voice options').click();
    await screenshot(e.page, 'voice-error-options', { fullPage: true });
    expect(e.realtime.mints).toHaveLength(5);
    expect(e.realtime.calls.every((c) => !c.open)).toBe(true);
  });
});

describe('the WebSocket transport', () => {
  it('captures PCM16 with the AudioWorklet and plays the reply; same screen, same transcript', async () => {
    const e = await openVoice({ wav: wavs.weather, voice: { transport: 'websocket' } });
    e.realtime.setScript([{ transcript: 'What is the weather in Paris?', reply: { transcript: 'Mild and cloudy.', audioSeconds: 1.5 } }]);
    const call = await startTalking(e);
    expect(call.transport).toBe('websocket');

    await turns(e.page, 'user').filter({ hasText: 'What is the weather in Paris?' }).waitFor(UI);
    await turns(e.page, 'assistant').filter({ hasText: 'Mild and cloudy.' }).waitFor(UI);
    await waitForState(e.page, 'Listening');
    // "Speaking" shows from the first scheduled chunk until the player has played them all.
    const history = await stateHistory(e.page);
    expect(history.slice(history.indexOf('Thinking…'))).toEqual(['Thinking…', 'FROK is speaking', 'Listening']);
    expect(call.audioIn.maxRms).toBeGreaterThan(300);
    expect(call.sent.filter((s) => s.event.type === 'response.output_audio.delta').length).toBeGreaterThan(5);
    expect(mainSessions(e)[0]).toMatchObject({ transport: 'websocket', state: 'connected' });
  });

  it('when the WebRTC call is refused, FROK falls back to a WebSocket on its own', async () => {
    // Chromium logs the refused POST; that is the failure under test.
    const e = await openVoice({ wav: wavs.silence, allowErrors: [/status of 500/] });
    e.realtime.failNextCall(500, 'The server had an error while processing your request.');
    const call = await startTalking(e);
    expect(call.transport).toBe('websocket');
    expect(e.realtime.mints).toHaveLength(2);
    expect(mainSessions(e)).toEqual([expect.objectContaining({ transport: 'websocket', state: 'connected' })]);
    expect(await stateHistory(e.page)).not.toContain('Stopped');
    await e.realtime.say({ transcript: 'Can you hear me now?', audioSeconds: 0.6 });
    await turns(e.page, 'assistant').filter({ hasText: 'Can you hear me now?' }).waitFor(UI);
  });
});
