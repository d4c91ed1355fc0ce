// One assistant response on the wire, in the real API's event order:
// response.created → (message: output_item.added, conversation.item.added,
// content_part.added, output_audio_buffer.started*, transcript deltas while the audio plays,
// response.output_audio.done, transcript.done, content_part.done, output_item.done,
// conversation.item.done, output_audio_buffer.stopped*) → (function calls) → response.done,
// with rate_limits.updated after response.created and after response.done.   (* WebRTC only)
// A text-only session (`output_modalities: ["text"]`) streams response.output_text.* instead.
// Cancelling (response.cancel, or barge-in) stops the audio at once, closes the open part
// (audio/transcript done with what was said) and ends it 'cancelled'.
// A scripted `failure` strikes after a few transcript deltas: an `error` event and/or
// `response.done` 'failed' (the open part closed, its item `incomplete`), or the line cut.
import { sleep, now } from './clock.ts';
import { newId } from './ids.ts';
import { replyAudio } from './reply-audio.ts';
import { replySpeaks, replyToolCalls } from './script.ts';
import type { RealtimeSessionConfig } from './session-config.ts';
import type { ConversationTransport, ServerEvent } from './transport.ts';
import type { AssistantReply, ReplyError, ResponseRecord } from './types.ts';
import { errorEvent } from './wire-errors.ts';

/** Barge-in, response.cancel, or the call going away. */
export type CancelReason = 'turn_detected' | 'client_cancelled' | 'connection_closed';

export type ConversationItem = { id: string; type: string; [field: string]: unknown };

/** What a response needs from its conversation. */
export type ResponseHost = {
  transport: ConversationTransport;
  session(): RealtimeSessionConfig;
  send(event: ServerEvent): void;
  /** Adds the item to the conversation; returns the id it follows (null when first). */
  append(item: ConversationItem): string | null;
  /** Replaces a stored item (its final form). */
  update(item: ConversationItem): void;
  /** How much reply audio an assistant message carried (ms) and its full transcript, for truncation. */
  noteAudio(itemId: string, audioMs: number, transcript: string): void;
  /** Cuts the connection off at once, no goodbye (a scripted `drop`). */
  drop(): void;
};

type OpenMessage = {
  item: ConversationItem;
  previousId: string | null;
  spoken: string;
  /** `audio` speaks (transcript deltas); `text` streams output_text deltas. */
  mode: 'audio' | 'text';
  startedAt: number;
  audioMs: number;
};

const TEXT_DELTA_MS = 15;

/** What OpenAI says when its side breaks mid-response. */
const SERVER_ERROR: ReplyError = {
  type: 'server_error',
  code: 'server_error',
  message:
    'The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists.',
};

export class AssistantResponse {
  readonly id = newId('resp');
  readonly record: ResponseRecord;
  readonly finished: Promise<ResponseRecord>;
  /** Set once response.created went out; before that a cancel just abandons it. */
  created = false;
  private ended = false;
  private abandoned = false;
  private message: OpenMessage | undefined;
  private audioStarted = false;
  private audioCleared = false;
  private readonly output: ConversationItem[] = [];
  /** Transcript deltas sent, and how many go out before a scripted failure. */
  private deltasSent = 0;
  private failAfter = Infinity;
  private readonly timers = new Set<NodeJS.Timeout>();
  private finish!: (record: ResponseRecord) => void;

  constructor(
    private readonly host: ResponseHost,
    private readonly reply: AssistantReply,
    trigger: ResponseRecord['trigger'],
    scripted: boolean,
  ) {
    this.record = { id: this.id, at: now(), status: 'in_progress', trigger, transcript: '', toolCalls: [], scripted };
    this.finished = new Promise((resolve) => (this.finish = resolve));
  }

  get active(): boolean {
    return this.created && !this.ended;
  }

  /** Runs to the end (or until cancelled). */
  async run(): Promise<void> {
    const { host, reply } = this;
    const textOnly = !host.session().output_modalities.includes('audio');
    const audio = replySpeaks(reply) && !textOnly ? await replyAudio(reply) : undefined;
    await sleep(reply.delayMs ?? 0);
    if (this.abandoned) return;
    this.created = true;
    host.send({ type: 'response.created', response: this.responseObject('in_progress') });
    this.sendRateLimits();
    if (reply.firstItemDelayMs) {
      await sleep(reply.firstItemDelayMs);
      if (this.ended) return;
    }
    if (reply.failure) {
      this.failAfter = Math.max(1, reply.failure.afterDeltas ?? 2);
      // Nothing to say: it fails before saying it.
      if (!replySpeaks(reply)) return this.failPartway();
    }

    if (audio) {
      await this.speak(audio, reply.transcript ?? '');
      if (this.ended) return;
    } else if (textOnly && replySpeaks(reply)) {
      await this.write(reply.transcript ?? '');
      if (this.ended) return;
    }
    for (const call of replyToolCalls(reply)) this.callFunction(call.name, call.arguments, call.callId);
    this.end('completed');
  }

  /** Stops the audio and ends the response as 'cancelled'; false if it was not running. */
  cancel(reason: CancelReason): boolean {
    if (!this.created) {
      // Still "thinking": nothing was announced, so nothing is sent.
      this.abandoned = true;
      this.ended = true;
      Object.assign(this.record, { status: 'cancelled', cancelReason: reason, endedAt: now() });
      this.finish(this.record);
      return false;
    }
    if (this.ended) return false;
    this.stopTimers();
    this.host.transport.stopAudio();
    if (this.host.transport.kind === 'webrtc' && this.audioStarted && !this.audioCleared) {
      this.host.send({ type: 'output_audio_buffer.cleared', response_id: this.id });
    }
    if (this.message) {
      this.closePart();
      this.finishMessage('incomplete');
    }
    this.end('cancelled', reason);
    return true;
  }

  /** The client cleared the WebRTC output buffer: the audio stops, the response still completes. */
  clearAudio(): void {
    if (this.audioStarted) this.audioCleared = true;
  }

  private async speak(audio: Int16Array, transcript: string): Promise<void> {
    const { host } = this;
    const item: ConversationItem = {
      id: newId('item'),
      type: 'message',
      object: 'realtime.item',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    };
    const previousId = host.append(item);
    const audioMs = (audio.length / 48_000) * 1000;
    this.message = { item, previousId, spoken: '', mode: 'audio', startedAt: now(), audioMs };
    this.openPart();
    const webrtc = host.transport.kind === 'webrtc';
    if (webrtc) host.send({ type: 'output_audio_buffer.started', response_id: this.id });
    this.audioStarted = true;

    // Deltas run ahead of the voice, as a model's text does, spread over the first half.
    const words = transcript.match(/\S+\s*/g) ?? [];
    this.failAfter = Math.min(this.failAfter, Math.max(1, words.length));
    const spacing = words.length ? Math.min(80, (audioMs * 0.5) / words.length) : 0;
    words.forEach((word, index) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.sendDelta(word);
      }, index * spacing);
      this.timers.add(timer);
    });

    const context = { responseId: this.id, itemId: item.id, outputIndex: this.output.length, contentIndex: 0 };
    const playing = host.transport.play(audio, context);
    if (this.reply.failure && words.length === 0) this.failPartway();
    await playing;
    if (this.ended) return;
    // Audio played out (or the client cleared it): the rest of the text is due now.
    this.stopTimers();
    const remaining = transcript.slice(this.message.spoken.length);
    if (remaining) this.sendDelta(remaining);
    this.closePart();
    this.finishMessage('completed');
    if (webrtc && !this.audioCleared) host.send({ type: 'output_audio_buffer.stopped', response_id: this.id });
  }

  /** A text-only reply: output_text deltas a few ms apart, as a model writes. */
  private async write(text: string): Promise<void> {
    const item: ConversationItem = {
      id: newId('item'),
      type: 'message',
      object: 'realtime.item',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    };
    const previousId = this.host.append(item);
    this.message = { item, previousId, spoken: '', mode: 'text', startedAt: now(), audioMs: 0 };
    this.openPart();
    const words = text.match(/\S+\s*|\s+/g) ?? [];
    this.failAfter = Math.min(this.failAfter, Math.max(1, words.length));
    for (const word of words) {
      if (this.ended) return;
      this.sendDelta(word);
      await sleep(TEXT_DELTA_MS);
    }
    if (this.ended) return;
    this.closePart();
    this.finishMessage('completed');
  }

  private partBase(): Record<string, unknown> {
    const message = this.message!;
    return { response_id: this.id, item_id: message.item.id, output_index: this.output.length, content_index: 0 };
  }

  private part(text: string): Record<string, unknown> {
    return this.message!.mode === 'audio' ? { type: 'audio', transcript: text } : { type: 'text', text };
  }

  /** output_item.added, conversation.item.added and the empty content part. */
  private openPart(): void {
    const { item, previousId } = this.message!;
    this.host.send({ type: 'response.output_item.added', response_id: this.id, output_index: this.output.length, item });
    this.host.send({ type: 'conversation.item.added', previous_item_id: previousId, item });
    this.host.send({ type: 'response.content_part.added', ...this.partBase(), part: this.part('') });
  }

  /** The part's done events, with what was said / written so far. */
  private closePart(): void {
    const message = this.message!;
    const base = this.partBase();
    if (message.mode === 'audio') {
      this.host.send({ type: 'response.output_audio.done', ...base });
      this.host.send({ type: 'response.output_audio_transcript.done', ...base, transcript: message.spoken });
    } else {
      this.host.send({ type: 'response.output_text.done', ...base, text: message.spoken });
    }
    this.host.send({ type: 'response.content_part.done', ...base, part: this.part(message.spoken) });
  }

  private sendDelta(delta: string): void {
    const message = this.message;
    if (!message || this.ended) return;
    message.spoken += delta;
    this.record.transcript = message.spoken;
    this.host.send({
      type: message.mode === 'audio' ? 'response.output_audio_transcript.delta' : 'response.output_text.delta',
      response_id: this.id,
      item_id: message.item.id,
      output_index: this.output.length,
      content_index: 0,
      delta,
    });
    if (++this.deltasSent >= this.failAfter) this.failPartway();
  }

  /** The scripted failure, partway through the reply. */
  private failPartway(): void {
    const failure = this.reply.failure;
    if (!failure || this.ended) return;
    this.record.failure = failure.kind;
    if (failure.kind === 'drop') {
      // The conversation closes, which cancels this response with nothing more sent.
      this.host.drop();
      return;
    }
    const error: ReplyError = { ...SERVER_ERROR, ...failure.error };
    this.stopTimers();
    this.host.transport.stopAudio();
    if (failure.kind === 'error') this.host.send(errorEvent({ ...error, param: null }));
    if (failure.kind === 'error' && failure.thenDone === false) {
      // The reply just stops: no more events for it.
      this.ended = true;
      Object.assign(this.record, { status: 'failed', endedAt: now() });
      this.finish(this.record);
      return;
    }
    // What had gone out of the output buffer plays, then it is over.
    if (this.host.transport.kind === 'webrtc' && this.audioStarted && !this.audioCleared) {
      this.host.send({ type: 'output_audio_buffer.stopped', response_id: this.id });
    }
    if (this.message) {
      this.closePart();
      this.finishMessage('incomplete');
    }
    this.end('failed', undefined, error);
  }

  private finishMessage(status: 'completed' | 'incomplete'): void {
    const message = this.message!;
    this.message = undefined;
    const content = message.mode === 'audio' ? { type: 'output_audio', transcript: message.spoken } : { type: 'output_text', text: message.spoken };
    const item = { ...message.item, status, content: [content] };
    this.host.update(item);
    if (message.mode === 'audio') {
      // What went out: all of it, or (cancelled) what had played by now.
      const heard = status === 'completed' ? message.audioMs : Math.min(message.audioMs, now() - message.startedAt);
      this.host.noteAudio(item.id, heard, message.spoken);
    }
    this.host.send({ type: 'response.output_item.done', response_id: this.id, output_index: this.output.length, item });
    this.host.send({ type: 'conversation.item.done', previous_item_id: message.previousId, item });
    this.output.push(item);
  }

  private callFunction(name: string, args: object | string, callId = newId('call')): void {
    const { host } = this;
    const argumentsText = typeof args === 'string' ? args : JSON.stringify(args);
    const item: ConversationItem = {
      id: newId('item'),
      type: 'function_call',
      object: 'realtime.item',
      status: 'in_progress',
      name,
      call_id: callId,
      arguments: '',
    };
    const previousId = host.append(item);
    const outputIndex = this.output.length;
    const base = { response_id: this.id, item_id: item.id, output_index: outputIndex, call_id: callId };
    host.send({ type: 'response.output_item.added', response_id: this.id, output_index: outputIndex, item });
    host.send({ type: 'conversation.item.added', previous_item_id: previousId, item });
    host.send({ type: 'response.function_call_arguments.delta', ...base, delta: argumentsText });
    host.send({ type: 'response.function_call_arguments.done', ...base, name, arguments: argumentsText });
    const done = { ...item, status: 'completed', arguments: argumentsText };
    host.update(done);
    host.send({ type: 'response.output_item.done', response_id: this.id, output_index: outputIndex, item: done });
    host.send({ type: 'conversation.item.done', previous_item_id: previousId, item: done });
    this.output.push(done);
    this.record.toolCalls.push({ name, callId, arguments: argumentsText });
  }

  private end(status: 'completed' | 'cancelled' | 'failed', reason?: CancelReason, error?: ReplyError): void {
    this.ended = true;
    this.stopTimers();
    this.record.status = status;
    if (reason) this.record.cancelReason = reason;
    this.record.endedAt = now();
    this.host.send({ type: 'response.done', response: this.responseObject(status, reason, error) });
    this.sendRateLimits();
    this.finish(this.record);
  }

  /** The reservation at response.created, settled at response.done. */
  private sendRateLimits(): void {
    const reserved = this.ended ? 0 : (this.reply.usage?.outputTokens ?? 40) + 4096;
    const left = this.reply.rateLimits ?? {};
    this.host.send({
      type: 'rate_limits.updated',
      rate_limits: [
        { name: 'requests', limit: 5000, remaining: left.requestsRemaining ?? 4999, reset_seconds: left.resetSeconds ?? 0.012 },
        {
          name: 'tokens',
          limit: 40_000_000,
          remaining: left.tokensRemaining ?? 40_000_000 - 160 - reserved,
          reset_seconds: left.resetSeconds ?? 0.001,
        },
      ],
    });
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private responseObject(status: string, reason?: string, error?: ReplyError): Record<string, unknown> {
    const session = this.host.session();
    const done = status !== 'in_progress';
    const inputTokens = this.reply.usage?.inputTokens ?? 120;
    const outputTokens = this.reply.usage?.outputTokens ?? 40;
    return {
      object: 'realtime.response',
      id: this.id,
      status,
      status_details: reason ? { type: 'cancelled', reason } : error ? { type: 'failed', error } : null,
      output: done ? this.output : [],
      conversation_id: 'conv_fake',
      output_modalities: session.output_modalities,
      max_output_tokens: session.max_output_tokens,
      audio: { output: { format: session.audio.output.format, voice: session.audio.output.voice } },
      usage: done
        ? {
            total_tokens: inputTokens + outputTokens,
            input_tokens: inputTokens,
            output_tokens: outputTokens,
            input_token_details: { text_tokens: inputTokens, audio_tokens: 0, cached_tokens: 0 },
            output_token_details: { text_tokens: Math.round(outputTokens / 4), audio_tokens: outputTokens - Math.round(outputTokens / 4) },
          }
        : null,
      metadata: null,
    };
  }
}
