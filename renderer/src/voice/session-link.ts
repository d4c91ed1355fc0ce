/**
 * One connection to the Realtime API: a RealtimeSession over WebRTC (the browser plays and
 * captures audio itself) or over a WebSocket (FROK captures and plays PCM16), with the
 * same small surface either way. A reconnect is a new link; the controller keeps what
 * must survive it (transcript, usage, the microphone).
 */
import {
  OpenAIRealtimeWebRTC,
  OpenAIRealtimeWebSocket,
  RealtimeSession,
  type RealtimeAgent,
  type RealtimeItem,
  type RealtimeSessionEventTypes,
  type RealtimeSessionOptions,
} from '@openai/agents-realtime';
import type { Usage } from '@shared/agents';
import type { RealtimeStartResponse } from '@shared/realtime';
import { buildVoiceAgents, type VoiceToolBridge } from './agents';
import { describeSessionError, isHarmlessSessionError, isServerError } from './session-errors';
import { signalFromEvent, type VoiceSignal } from './voice-model';
import { applySink, createPcmPlayer, startPcmCapture, type PcmCapture, type PcmPlayer } from './websocket-audio';

type ApprovalItem = RealtimeSessionEventTypes['tool_approval_requested'][2]['approvalItem'];

export interface VoiceLinkHandlers {
  signal(signal: VoiceSignal): void;
  history(items: RealtimeItem[]): void;
  handoff(agentName: string): void;
  approvalRequested(request: { id: string; toolName: string; callId: string | null }): void;
  /** Something went wrong that does not end the session. */
  problem(message: string): void;
  /** The connection went away without FROK closing it. */
  lost(detail: string): void;
  /** The model has begun a function call (its output item): the arguments follow, then the SDK runs it. */
  toolCallComing(): void;
}

export interface VoiceLinkOptions {
  start: RealtimeStartResponse;
  microphone: MediaStream;
  /** The agent to start with: the spec's start agent, or the one speaking before a reconnect. */
  agentName: string;
  outputDeviceId: string | null;
  micOpen: boolean;
  traceExport: boolean;
  bridge: VoiceToolBridge;
  handlers: VoiceLinkHandlers;
  /** The conversation so far (after a reconnect), put back into the new session once connected. */
  history?: RealtimeItem[];
  /**
   * Called (in a task of its own) once the connection is negotiated: the WebRTC SDP answer
   * applied (what is left, ICE and DTLS, runs off the page's main thread), or at once for a
   * WebSocket. Work that can wait goes there.
   */
  negotiated?: () => void;
  /** The WebSocket transport's audio path (tests in Node pass stand-ins; default: Web Audio). */
  audio?: WebSocketAudio;
}

/** How the WebSocket transport captures the microphone and plays replies. */
export interface WebSocketAudio {
  createPlayer: typeof createPcmPlayer;
  startCapture: typeof startPcmCapture;
}

export interface VoiceLink {
  connect(): Promise<void>;
  close(): void;
  /** Stops the assistant now: cancels the response and drops the audio not yet heard. */
  interrupt(): void;
  setMicOpen(open: boolean): void;
  /** Push-to-talk press: forget audio captured before it. */
  clearInput(): void;
  /** Push-to-talk release: this is the person's turn; answer it. */
  commitInput(): void;
  usage(): Usage;
  currentAgent(): string;
  decide(approvalId: string, approved: boolean): Promise<void>;
}

/**
 * The agents of the latest spec, kept for the next start: main sends the same spec each
 * time (unless settings changed), and building every tool again would hold up the offer.
 * The agents keep no per-session state (the session holds that).
 */
let built: { key: string; bridge: VoiceToolBridge; agents: Map<string, RealtimeAgent> } | null = null;
function agentsFor(specs: RealtimeStartResponse['agents'], bridge: VoiceToolBridge): Map<string, RealtimeAgent> {
  const key = JSON.stringify(specs);
  if (built?.key === key && built.bridge === bridge) return built.agents;
  const agents = buildVoiceAgents(specs, bridge);
  built = { key, bridge, agents };
  return agents;
}

export function createVoiceLink(o: VoiceLinkOptions): VoiceLink {
  const agents = agentsFor(o.start.agents, o.bridge);
  const first = agents.get(o.agentName) ?? agents.get(o.start.startAgent) ?? [...agents.values()][0]!;
  const websocket = o.start.transport === 'websocket';
  const audio: WebSocketAudio = o.audio ?? { createPlayer: createPcmPlayer, startCapture: startPcmCapture };
  let closing = false;
  let connected = false;
  let lostReported = false;
  let micOpen = o.micOpen;
  let capture: PcmCapture | null = null;
  let player: PcmPlayer | null = null;
  const approvals = new Map<string, ApprovalItem>();
  const audioElement = websocket ? null : document.createElement('audio');
  if (audioElement) audioElement.autoplay = true;

  // Failures while connecting reject connect() instead; afterwards they are a lost connection.
  const lost = (detail: string) => {
    if (closing || !connected || lostReported) return;
    lostReported = true;
    o.handlers.lost(detail);
  };

  // The connection gets its own copy of the microphone track: muting it (the SDK disables the
  // sender's track) must not silence the level meter, and it starts muted when it should, so
  // not one frame leaks out before push-to-talk or Mute take over.
  const sent = websocket ? null : new MediaStream(o.microphone.getAudioTracks().map((t) => t.clone()));
  for (const track of sent?.getAudioTracks() ?? []) track.enabled = micOpen;

  const negotiated = () => {
    if (o.negotiated) setTimeout(o.negotiated, 0);
  };
  const transport = websocket
    ? new OpenAIRealtimeWebSocket({ url: o.start.websocketUrl })
    : new OpenAIRealtimeWebRTC({
        baseUrl: o.start.callsUrl,
        mediaStream: sent!,
        audioElement: audioElement!,
        // have-local-offer, then stable once the SDK has applied the answer.
        changePeerConnection: (pc) => {
          let offered = false;
          const onState = () => {
            if (pc.signalingState === 'have-local-offer') offered = true;
            if (!offered || pc.signalingState !== 'stable') return;
            pc.removeEventListener('signalingstatechange', onState);
            negotiated();
          };
          pc.addEventListener('signalingstatechange', onState);
          return pc;
        },
      });

  const options: Partial<RealtimeSessionOptions> = {
    transport,
    model: o.start.model,
    tracingDisabled: !o.traceExport,
    config: {
      audio: {
        input: {
          turnDetection: o.start.turnDetection,
          noiseReduction: { type: 'near_field' },
          transcription: { model: 'gpt-4o-mini-transcribe' },
        },
        output: { voice: o.start.voice },
      },
    },
  };
  const session = new RealtimeSession(first as RealtimeAgent, options);

  session.on('transport_event', (event) => {
    if (event.type === 'response.output_item.added' && (event as { item?: { type?: string } }).item?.type === 'function_call') o.handlers.toolCallComing();
    const signal = signalFromEvent(event as { type: string });
    // A failed reply says no more: what is still queued to play goes too.
    if (signal?.kind === 'response-failed') player?.clear();
    // WebSocket audio is FROK's to play: its start and end come from the player, not the server.
    if (signal && !(websocket && (signal.kind === 'audio-started' || signal.kind === 'audio-stopped'))) o.handlers.signal(signal);
  });
  session.on('history_updated', (history) => o.handlers.history(history));
  session.on('agent_handoff', (_ctx, _from, to) => o.handlers.handoff(to.name));
  session.on('agent_tool_start', (_ctx, _agent, tool) => o.handlers.signal({ kind: 'tool-start', name: tool.name }));
  session.on('agent_tool_end', (_ctx, _agent, tool) => o.handlers.signal({ kind: 'tool-end', name: tool.name }));
  session.on('tool_approval_requested', (_ctx, _agent, request) => {
    const id = crypto.randomUUID();
    approvals.set(id, request.approvalItem);
    const raw = request.approvalItem.rawItem as { name?: string; callId?: string };
    o.handlers.approvalRequested({ id, toolName: raw.name ?? 'a tool', callId: raw.callId ?? null });
  });
  session.on('error', (event) => {
    // While connecting, a failure rejects connect() and is reported from there.
    if (closing || !connected) return;
    const problem = describeSessionError(event.error);
    // A server_error ends the reply under way: the transport event says so (response-failed).
    if (!isHarmlessSessionError(problem) && !isServerError(problem)) o.handlers.problem(problem.message);
  });
  session.on('audio', (event) => player?.play(event.data));
  session.on('audio_interrupted', () => {
    if (player?.playing) {
      player.clear();
      o.handlers.signal({ kind: 'audio-cleared' });
    }
  });
  transport.on('connection_change', (status) => {
    if (status === 'disconnected') lost('The connection closed.');
  });

  /** WebRTC can fail below the SDK's notice for a while; the data channel closing is the quickest sign. */
  function watchPeerConnection(): void {
    if (!(transport instanceof OpenAIRealtimeWebRTC)) return;
    const { peerConnection, dataChannel } = transport.connectionState;
    dataChannel?.addEventListener('close', () => lost('The data channel closed.'));
    peerConnection?.addEventListener('connectionstatechange', () => {
      const state = peerConnection.connectionState;
      if (state === 'failed' || state === 'closed') lost(`The connection ${state}.`);
    });
  }

  async function startWebSocketAudio(): Promise<void> {
    player = await audio.createPlayer(o.outputDeviceId, {
      onStart: () => o.handlers.signal({ kind: 'audio-started' }),
      onDrained: () => o.handlers.signal({ kind: 'audio-stopped' }),
    });
    if (!player.sinkApplied) o.handlers.problem(SPEAKER_PROBLEM);
    capture = await audio.startCapture(o.microphone, micOpen, (frame) => session.sendAudio(frame));
  }

  function putBackHistory(items: RealtimeItem[]): void {
    try {
      session.updateHistory(items);
    } catch {
      o.handlers.problem("FROK couldn't remind OpenAI of the conversation so far, so it may not remember what was said before the connection dropped.");
    }
  }

  function release(): void {
    capture?.stop();
    capture = null;
    player?.close();
    player = null;
    for (const track of sent?.getTracks() ?? []) track.stop();
    if (audioElement) audioElement.srcObject = null;
  }

  return {
    async connect() {
      if (audioElement && !(await applySink(audioElement as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }, o.outputDeviceId))) {
        o.handlers.problem(SPEAKER_PROBLEM);
      }
      if (websocket) negotiated();
      try {
        await session.connect({ apiKey: o.start.clientSecret });
        if (closing) return;
        if (websocket) await startWebSocketAudio();
        else session.mute(!micOpen);
        if (o.history?.length) putBackHistory(o.history);
        connected = true;
        watchPeerConnection();
        if (transport.status === 'disconnected') lost('The connection closed while it was being set up.');
      } catch (error) {
        closing = true;
        release();
        try {
          session.close();
        } catch {
          // Already closed by the failed attempt.
        }
        throw error;
      }
    },
    close() {
      if (closing) return;
      closing = true;
      release();
      try {
        session.close();
      } catch {
        // Closing a connection that already failed.
      }
    },
    interrupt() {
      player?.clear();
      try {
        session.interrupt();
      } catch {
        // Not connected any more: nothing is playing.
      }
    },
    setMicOpen(open) {
      micOpen = open;
      if (websocket) capture?.setOpen(open);
      else session.mute(!open);
    },
    clearInput() {
      session.transport.sendEvent({ type: 'input_audio_buffer.clear' });
    },
    commitInput() {
      session.transport.sendEvent({ type: 'input_audio_buffer.commit' });
      session.transport.sendEvent({ type: 'response.create' });
    },
    usage() {
      const u = session.usage;
      return { inputTokens: u.inputTokens, outputTokens: u.outputTokens, totalTokens: u.totalTokens };
    },
    currentAgent() {
      return session.currentAgent.name;
    },
    async decide(approvalId, approved) {
      const item = approvals.get(approvalId);
      if (!item) return;
      approvals.delete(approvalId);
      if (approved) await session.approve(item);
      else await session.reject(item, { message: 'The person said no to this action. Tell them it was not done.' });
    },
  };
}

const SPEAKER_PROBLEM = "The chosen speaker isn't available, so FROK is using the default one. Pick another speaker under Voice options.";
