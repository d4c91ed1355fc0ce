// The realtime event protocol for one call, independent of the transport: the session,
// the conversation items, the input audio buffer with its VAD, user turns taken from the
// script, and assistant responses. Behaviour follows the real API, including its errors.
import { AssistantResponse, type CancelReason, type ConversationItem, type ResponseHost } from './assistant-response.ts';
import { durationMs, pcmFromBytes, rms } from './audio/pcm.ts';
import { DEFAULT_VAD, EnergyVad, type VadSettings } from './audio/vad.ts';
import { obfuscation } from '../openai/sse.ts';
import { now } from './clock.ts';
import { newId } from './ids.ts';
import type { ScriptQueue } from './script.ts';
import { applySessionPatch, sessionUpdateSchema } from './session-config.ts';
import type { ConversationTransport, ServerEvent } from './transport.ts';
import type { AssistantReply, CallState, ResponseRecord, ToolOutputRecord } from './types.ts';
import { errorEvent, invalidRequest, wireErrorFromZod, type WireError } from './wire-errors.ts';

export type ConversationOptions = {
  state: CallState;
  transport: ConversationTransport;
  script: ScriptQueue;
  /** VAD settings the test chose; unset ones come from the session, then the defaults. */
  vad: Partial<VadSettings>;
  defaultReply: AssistantReply;
  /** Sees every server event as sent (audio included). */
  onSend?: (event: ServerEvent, state: CallState) => void;
  /**
   * The input transcript before the response (the fake's old order). Default false: like the
   * real server, `conversation.item.input_audio_transcription.*` arrive when the transcription
   * is ready — after the reply's `response.created`.
   */
  transcriptBeforeResponse?: boolean;
  /** Cuts this call off abruptly (a reply scripted to `drop`). */
  drop?: () => void;
};

/** When no response follows a commit, the transcription still arrives after about this long. */
const TRANSCRIPTION_MS = 150;

type OwedReply = { reply: AssistantReply; scripted: boolean };
/** A typed user message owes the next scripted reply, taken when a response is asked for. */
type Owed = OwedReply | 'next-scripted';

const CLIENT_EVENTS = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.retrieve',
  'conversation.item.truncate',
  'conversation.item.delete',
  'response.create',
  'response.cancel',
];

export class Conversation {
  private readonly state: CallState;
  private readonly transport: ConversationTransport;
  private readonly items = new Map<string, ConversationItem>();
  private readonly order: string[] = [];
  private readonly vad: EnergyVad;
  private current: AssistantResponse | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private owedReply: Owed | undefined;
  private afterTools: { reply: AssistantReply | undefined; callIds: Set<string>; answered: boolean } | undefined;
  private bufferMs = 0;
  private speechItemId: string | undefined;
  private assistantSpoke = false;
  private readonly toolWaiters = new Map<string, (output: ToolOutputRecord) => void>();
  /** Assistant audio per message item: the ms that went out and the transcript, for truncation. */
  private readonly assistantAudio = new Map<string, { audioMs: number; transcript: string }>();
  /** Input transcriptions not yet sent (they follow the next response.created). */
  private readonly pendingTranscriptions: (() => void)[] = [];
  private transcriptionTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly host: ResponseHost;

  constructor(private readonly options: ConversationOptions) {
    this.state = options.state;
    this.transport = options.transport;
    this.host = {
      transport: options.transport,
      session: () => this.state.session,
      send: (event) => {
        // Once the assistant has spoken, the voice is fixed (see updateSession).
        if (event.type === 'response.output_item.added' && (event.item as ConversationItem).type === 'message') this.assistantSpoke = true;
        this.send(event);
        if (event.type === 'response.created') this.flushTranscriptions();
      },
      append: (item) => this.appendItem(item),
      update: (item) => this.items.set(item.id, item),
      noteAudio: (itemId, audioMs, transcript) => this.assistantAudio.set(itemId, { audioMs, transcript }),
      drop: () => options.drop?.(),
    };
    this.vad = new EnergyVad(this.vadSettings(), {
      onSpeechStart: (ms) => this.speechStarted(ms),
      onSpeechStop: (ms) => this.speechStopped(ms),
    });
  }

  /** The channel is open: greet like the real server. */
  open(): void {
    this.state.open = true;
    this.state.openedAt = now();
    this.send({ type: 'session.created', session: this.state.session });
  }

  close(reason: NonNullable<CallState['closeReason']>): void {
    if (this.closed) return;
    // Closed first, so stopping the reply sends nothing: the line is already dead.
    this.closed = true;
    clearTimeout(this.transcriptionTimer);
    clearTimeout(this.idleTimer);
    this.pendingTranscriptions.length = 0;
    this.current?.cancel('connection_closed');
    Object.assign(this.state, { open: false, closedAt: now(), closeReason: reason, userSpeaking: false });
  }

  send(event: ServerEvent): void {
    if (this.closed) return;
    event.event_id ??= newId('event');
    this.state.sent.push({ at: now(), event: withoutAudio(event, 'delta') });
    this.options.onSend?.(event, this.state);
    this.transport.send(event);
  }

  /** One client event as received (JSON text). */
  receive(text: string): void {
    let event: ServerEvent;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      event = parsed as ServerEvent;
    } catch {
      this.fail(invalidRequest('invalid_json', "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)"));
      return;
    }
    this.state.received.push({ at: now(), event: withoutAudio(event, 'audio') });
    if (this.closed) return;
    this.dispatch(event);
  }

  /** Decoded microphone audio (WebRTC) or an appended buffer (WebSocket). */
  receiveAudio(samples: Int16Array, sampleRate: number): void {
    if (!this.state.open) return;
    const stats = this.state.audioIn;
    const ms = durationMs(samples, sampleRate);
    stats.frames++;
    stats.ms += ms;
    this.bufferMs += ms;
    const level = this.state.session.audio.input.turn_detection ? this.vad.push(samples, sampleRate) : rms(samples);
    stats.lastRms = level;
    stats.maxRms = Math.max(stats.maxRms, level);
    if (level > this.vadSettings().threshold) stats.voicedFrames++;
  }

  /** Starts a response (after any running one); resolves when it ends. */
  respond(trigger: ResponseRecord['trigger'], reply?: AssistantReply): Promise<ResponseRecord> {
    const run = this.queue.then(() => this.startResponse(trigger, reply));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A response holding one function call; resolves with the client's output for it. */
  async functionCall(name: string, args: object | string, reply: Pick<AssistantReply, 'firstItemDelayMs' | 'delayMs'> = {}): Promise<ToolOutputRecord> {
    const callId = newId('call');
    const output = new Promise<ToolOutputRecord>((resolve) => this.toolWaiters.set(callId, resolve));
    await this.respond('say', { ...reply, toolCalls: [{ name, arguments: args, callId }] });
    return output;
  }

  private dispatch(event: ServerEvent): void {
    switch (event.type) {
      case 'session.update':
        return this.updateSession(event);
      case 'input_audio_buffer.append':
        return this.append(event);
      case 'input_audio_buffer.commit':
        return this.commit(event);
      case 'input_audio_buffer.clear':
        this.bufferMs = 0;
        this.vad.reset();
        this.state.userSpeaking = false;
        return this.send({ type: 'input_audio_buffer.cleared' });
      case 'conversation.item.create':
        return this.createItem(event);
      case 'conversation.item.retrieve':
        return this.withItem(event, (item) => this.send({ type: 'conversation.item.retrieved', item }));
      case 'conversation.item.truncate':
        return this.withItem(event, (item) => this.truncate(event, item));
      case 'conversation.item.delete':
        return this.withItem(event, (item) => {
          this.items.delete(item.id);
          this.order.splice(this.order.indexOf(item.id), 1);
          this.send({ type: 'conversation.item.deleted', item_id: item.id });
        });
      case 'response.create':
        if (this.current?.active) {
          return this.fail(
            invalidRequest(
              'conversation_already_has_active_response',
              `Conversation already has an active response in progress: ${this.current.id}. Wait until the response is finished before creating a new one.`,
            ),
            event,
          );
        }
        void this.respond('response.create');
        return;
      case 'response.cancel':
        if (!this.current?.active || (event.response_id !== undefined && event.response_id !== this.current.id)) {
          return this.fail(invalidRequest('response_cancel_not_active', 'Cancellation failed: no active response found'), event);
        }
        this.current.cancel('client_cancelled');
        return;
      case 'output_audio_buffer.clear':
        if (this.transport.kind === 'webrtc') {
          this.current?.clearAudio();
          this.transport.stopAudio();
          return this.send({ type: 'output_audio_buffer.cleared', ...(this.current ? { response_id: this.current.id } : {}) });
        }
        break;
      case undefined:
        return this.fail(invalidRequest('missing_required_parameter', "Missing required parameter: 'type'.", 'type'), event);
    }
    const supported = this.transport.kind === 'webrtc' ? [...CLIENT_EVENTS, 'output_audio_buffer.clear'] : CLIENT_EVENTS;
    this.fail(
      invalidRequest('invalid_value', `Invalid value: '${String(event.type)}'. Supported values are: ${supported.map((t) => `'${t}'`).join(', ')}.`, 'type'),
      event,
    );
  }

  private updateSession(event: ServerEvent): void {
    if (event.session === undefined) {
      return this.fail(invalidRequest('missing_required_parameter', "Missing required parameter: 'session'.", 'session'), event);
    }
    const parsed = sessionUpdateSchema.safeParse(event.session);
    if (!parsed.success) return this.fail(wireErrorFromZod(parsed.error, event.session, 'session'), event);
    const voice = parsed.data.audio?.output?.voice;
    if (voice && voice !== this.state.session.audio.output.voice && this.assistantSpoke) {
      return this.fail(
        invalidRequest('cannot_update_voice', "Cannot update a conversation's voice if assistant audio is present.", 'session.audio.output.voice'),
        event,
      );
    }
    // The model is fixed when the call is made; the SDK repeats it on every update.
    const { model: _model, ...patch } = parsed.data;
    this.state.session = applySessionPatch(this.state.session, patch);
    this.state.sessionUpdates.push({ at: now(), session: event.session });
    this.vad.configure(this.vadSettings());
    this.send({ type: 'session.updated', session: this.state.session });
    this.state.sessionUpdatedAt ??= now();
  }

  private append(event: ServerEvent): void {
    if (typeof event.audio !== 'string') {
      return this.fail(invalidRequest('missing_required_parameter', "Missing required parameter: 'audio'.", 'audio'), event);
    }
    this.receiveAudio(pcmFromBytes(Buffer.from(event.audio, 'base64')), this.state.session.audio.input.format.rate ?? 24_000);
  }

  private commit(event: ServerEvent): void {
    if (this.bufferMs < 100) {
      return this.fail(
        invalidRequest(
          'input_audio_buffer_commit_empty',
          `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${this.bufferMs.toFixed(2)}ms of audio.`,
        ),
        event,
      );
    }
    this.vad.reset();
    this.state.userSpeaking = false;
    this.commitUserTurn('commit', this.speechItemId ?? newId('item'), false);
  }

  /**
   * The real server drops the unheard part of the transcript, so the model's context holds
   * only what the person heard: the text is cut (at a word) in proportion to audio_end_ms.
   */
  private truncate(event: ServerEvent, item: ConversationItem): void {
    const audioEndMs = typeof event.audio_end_ms === 'number' ? event.audio_end_ms : 0;
    const audio = this.assistantAudio.get(item.id);
    if (item.type === 'message' && item.role === 'assistant' && audio) {
      const share = audio.audioMs > 0 ? Math.min(1, Math.max(0, audioEndMs / audio.audioMs)) : 1;
      const heard = cutAtWord(audio.transcript, Math.round(audio.transcript.length * share));
      const truncated = { ...item, content: [{ type: 'output_audio', transcript: heard }] };
      this.items.set(item.id, truncated);
      const record = this.state.responses.find((r) => r.transcript === audio.transcript && r.status !== 'in_progress');
      if (record) record.heardTranscript = heard;
    }
    this.send({ type: 'conversation.item.truncated', item_id: item.id, content_index: event.content_index ?? 0, audio_end_ms: audioEndMs });
  }

  /** Sends the held-back input transcriptions (the reply has started, or none is coming). */
  private flushTranscriptions(): void {
    clearTimeout(this.transcriptionTimer);
    this.transcriptionTimer = undefined;
    for (const send of this.pendingTranscriptions.splice(0)) send();
  }

  /** server_vad `idle_timeout_ms`: no speech that long after a reply → an empty turn and a nudge reply. */
  private armIdleTimeout(): void {
    clearTimeout(this.idleTimer);
    const detection = this.state.session.audio.input.turn_detection;
    const timeoutMs = detection?.type === 'server_vad' ? detection.idle_timeout_ms : undefined;
    if (!timeoutMs || this.closed) return;
    const startMs = Math.round(this.state.audioIn.ms);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.closed || this.state.userSpeaking || this.current?.active) return;
      const itemId = newId('item');
      this.send({ type: 'input_audio_buffer.timeout_triggered', audio_start_ms: startMs, audio_end_ms: startMs + timeoutMs, item_id: itemId });
      this.commitAudioItem(itemId);
      this.bufferMs = 0;
      if (detection?.create_response !== false) void this.respond('vad');
    }, timeoutMs);
  }

  private speechStarted(audioMs: number): void {
    clearTimeout(this.idleTimer);
    this.speechItemId = newId('item');
    this.state.userSpeaking = true;
    this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: Math.round(audioMs), item_id: this.speechItemId });
    // Barge-in: the server stops its own reply the moment the person talks over it.
    if (this.current && this.state.session.audio.input.turn_detection?.interrupt_response !== false) {
      this.current.cancel('turn_detected');
    }
  }

  private speechStopped(audioMs: number): void {
    const itemId = this.speechItemId ?? newId('item');
    this.state.userSpeaking = false;
    this.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: Math.round(audioMs), item_id: itemId });
    const responds = this.state.session.audio.input.turn_detection?.create_response !== false;
    this.commitUserTurn('vad', itemId, responds);
    if (responds) void this.respond('vad');
  }

  /** The user's audio becomes a conversation item: committed, added, done (the real server's order). */
  private commitAudioItem(itemId: string): { item: ConversationItem; previousId: string | null } {
    const item: ConversationItem = {
      id: itemId,
      type: 'message',
      object: 'realtime.item',
      status: 'completed',
      role: 'user',
      // No transcript yet: null, as the real server sends and the SDK requires (see spec-exceptions.ts).
      content: [{ type: 'input_audio', transcript: null }],
    };
    const previousId = this.appendItem(item);
    this.send({ type: 'input_audio_buffer.committed', previous_item_id: previousId, item_id: itemId });
    this.send({ type: 'conversation.item.added', previous_item_id: previousId, item });
    this.send({ type: 'conversation.item.done', previous_item_id: previousId, item });
    return { item, previousId };
  }

  /** `responseDue`: a response is on its way, whose response.created releases the transcript. */
  private commitUserTurn(source: 'vad' | 'commit', itemId: string, responseDue: boolean): void {
    const turn = this.options.script.next();
    const transcript = turn?.transcript ?? '';
    const { item } = this.commitAudioItem(itemId);
    // Like the real server, transcripts only exist when input transcription is on.
    if (this.state.session.audio.input.transcription) {
      const seconds = Math.max(1, Math.round(this.bufferMs / 1000));
      const sendTranscript = (): void => {
        this.items.set(itemId, { ...item, content: [{ type: 'input_audio', transcript }] });
        for (const delta of transcript.match(/\S+\s*|\s+/g) ?? []) {
          this.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta, obfuscation: obfuscation(delta) });
        }
        this.send({
          type: 'conversation.item.input_audio_transcription.completed',
          item_id: itemId,
          content_index: 0,
          transcript,
          usage: { type: 'duration', seconds },
        });
      };
      if (this.options.transcriptBeforeResponse) sendTranscript();
      else {
        this.pendingTranscriptions.push(sendTranscript);
        // A push-to-talk commit gets its response.create from the client, if at all.
        if (!responseDue) {
          clearTimeout(this.transcriptionTimer);
          this.transcriptionTimer = setTimeout(() => this.flushTranscriptions(), TRANSCRIPTION_MS);
        }
      }
    }
    this.state.userTurns.push({ at: now(), itemId, source, transcript, audioMs: this.bufferMs, scripted: turn !== undefined });
    this.owe(turn?.reply);
    this.bufferMs = 0;
    this.speechItemId = undefined;
  }

  private createItem(event: ServerEvent): void {
    const requested = event.item as Record<string, unknown> | undefined;
    if (!requested || typeof requested !== 'object') {
      return this.fail(invalidRequest('missing_required_parameter', "Missing required parameter: 'item'.", 'item'), event);
    }
    if (typeof requested.type !== 'string') {
      return this.fail(invalidRequest('missing_required_parameter', "Missing required parameter: 'item.type'.", 'item.type'), event);
    }
    const item: ConversationItem = {
      ...requested,
      id: typeof requested.id === 'string' ? requested.id : newId('item'),
      type: requested.type,
      object: 'realtime.item',
      status: typeof requested.status === 'string' ? requested.status : 'completed',
    };
    const appendedAfter = this.appendItem(item);
    const previousId = event.previous_item_id === 'root' ? null : ((event.previous_item_id as string | undefined) ?? appendedAfter);
    this.send({ type: 'conversation.item.added', previous_item_id: previousId, item });
    this.send({ type: 'conversation.item.done', previous_item_id: previousId, item });

    if (item.type === 'function_call_output') this.recordToolOutput(item);
    if (item.type === 'message' && item.role === 'user') {
      // A typed message is a user turn too: the response asked for after it takes the next
      // scripted reply. Taken then, not now: history put back after a reconnect (user items
      // with no response.create) must not use up the script.
      const text = (Array.isArray(item.content) ? item.content : [])
        .map((part: { text?: string; transcript?: string }) => part.text ?? part.transcript ?? '')
        .join(' ');
      this.state.userTurns.push({ at: now(), itemId: item.id, source: 'text', transcript: text, audioMs: 0, scripted: this.options.script.remaining > 0 });
      this.owedReply = 'next-scripted';
    }
  }

  private recordToolOutput(item: ConversationItem): void {
    const callId = String(item.call_id ?? '');
    const call = [...this.items.values()].find((i) => i.type === 'function_call' && i.call_id === callId);
    const record: ToolOutputRecord = {
      at: now(),
      callId,
      ...(typeof call?.name === 'string' ? { name: call.name } : {}),
      output: String(item.output ?? ''),
      itemId: item.id,
    };
    this.state.toolOutputs.push(record);
    if (this.afterTools?.callIds.has(callId)) this.afterTools.answered = true;
    this.toolWaiters.get(callId)?.(record);
    this.toolWaiters.delete(callId);
  }

  private withItem(event: ServerEvent, act: (item: ConversationItem) => void): void {
    const id = event.item_id;
    if (typeof id !== 'string') {
      return this.fail(invalidRequest('missing_required_parameter', "Missing required parameter: 'item_id'.", 'item_id'), event);
    }
    const item = this.items.get(id);
    if (!item) return this.fail(invalidRequest('item_not_found', `Item with item_id not found: ${id}`, 'item_id'), event);
    act(item);
  }

  private owe(reply: AssistantReply | undefined): void {
    this.owedReply = reply ? { reply, scripted: true } : { reply: this.options.defaultReply, scripted: false };
  }

  /** After tool outputs: the turn's `afterTools`; else what the last user turn is owed; else the default. */
  private takeReply(): OwedReply {
    if (this.afterTools?.answered) {
      const { reply } = this.afterTools;
      this.afterTools = undefined;
      return reply ? { reply, scripted: true } : { reply: this.options.defaultReply, scripted: false };
    }
    const owed = this.owedReply ?? { reply: this.options.defaultReply, scripted: false };
    this.owedReply = undefined;
    if (owed !== 'next-scripted') return owed;
    const reply = this.options.script.next()?.reply;
    return reply ? { reply, scripted: true } : { reply: this.options.defaultReply, scripted: false };
  }

  private startResponse(trigger: ResponseRecord['trigger'], explicit?: AssistantReply): Promise<ResponseRecord> {
    const { reply, scripted } = explicit ? { reply: explicit, scripted: true } : this.takeReply();
    const response = new AssistantResponse(this.host, reply, trigger, scripted);
    if (this.closed) {
      response.cancel('connection_closed');
      return response.finished;
    }
    this.current = response;
    clearTimeout(this.idleTimer);
    this.state.responses.push(response.record);
    response.run().catch((error: unknown) => {
      response.cancel('connection_closed');
      this.fail({ type: 'server_error', code: null, message: `fake realtime failed: ${String(error)}`, param: null });
    });
    return response.finished.then((record) => {
      if (this.current === response) this.current = undefined;
      // A reply abandoned before response.created releases the transcript it was holding.
      if (!response.created) this.flushTranscriptions();
      if (record.status === 'completed') this.armIdleTimeout();
      if (record.status === 'completed' && record.toolCalls.length > 0) {
        this.afterTools = { reply: reply.afterTools, callIds: new Set(record.toolCalls.map((c) => c.callId)), answered: false };
      }
      return record;
    });
  }

  private appendItem(item: ConversationItem): string | null {
    const previous = this.order.at(-1) ?? null;
    this.items.set(item.id, item);
    this.order.push(item.id);
    return previous;
  }

  private vadSettings(): VadSettings {
    const detection = this.state.session.audio.input.turn_detection;
    const fromSession =
      detection?.type === 'server_vad'
        ? detection.silence_duration_ms
        : detection?.type === 'semantic_vad'
          ? { low: 800, medium: 500, auto: 500, high: 300 }[detection.eagerness ?? 'auto']
          : undefined;
    return { ...DEFAULT_VAD, silenceMs: fromSession ?? DEFAULT_VAD.silenceMs, ...this.options.vad };
  }

  private fail(error: WireError, cause?: ServerEvent): void {
    this.send(errorEvent(error, typeof cause?.event_id === 'string' ? cause.event_id : undefined));
  }
}

/** The first `chars` characters, pulled back to the end of the last whole word. */
function cutAtWord(text: string, chars: number): string {
  if (chars >= text.length) return text;
  const head = text.slice(0, chars);
  if (/\s/.test(text[chars] ?? '')) return head.trimEnd();
  const lastSpace = head.search(/\s\S*$/);
  return lastSpace < 0 ? '' : head.slice(0, lastSpace).trimEnd();
}

/** Keeps recorded events small: audio payloads become their byte count. */
function withoutAudio(event: ServerEvent, field: 'audio' | 'delta'): ServerEvent {
  const value = event[field];
  if (typeof value !== 'string' || (field === 'delta' && event.type !== 'response.output_audio.delta')) return event;
  return { ...event, [field]: `<${Math.floor((value.length * 3) / 4)} bytes base64>` };
}

export type { CancelReason };
