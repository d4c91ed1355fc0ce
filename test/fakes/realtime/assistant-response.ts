// One assistant response on the wire, in the real API's event order:
// response.created → (message: output_item.added, conversation.item.added,
// output_audio_buffer.started*, transcript deltas while the audio plays,
// response.output_audio.done, transcript.done, output_item.done, conversation.item.done,
// output_audio_buffer.stopped*) → (function calls) → response.done.   (* WebRTC only)
// Cancelling (response.cancel, or barge-in) stops the audio at once and ends it 'cancelled'.
import { sleep, now } from './clock.ts';
import { newId } from './ids.ts';
import { replyAudio } from './reply-audio.ts';
import { replySpeaks, replyToolCalls } from './script.ts';
import type { RealtimeSessionConfig } from './session-config.ts';
import type { ConversationTransport, ServerEvent } from './transport.ts';
import type { AssistantReply, ResponseRecord } from './types.ts';

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
};

export class AssistantResponse {
  readonly id = newId('resp');
  readonly record: ResponseRecord;
  readonly finished: Promise<ResponseRecord>;
  /** Set once response.created went out; before that a cancel just abandons it. */
  created = false;
  private ended = false;
  private abandoned = false;
  private message: { item: ConversationItem; previousId: string | null; spoken: string } | undefined;
  private audioStarted = false;
  private audioCleared = false;
  private readonly output: ConversationItem[] = [];
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
    const audio = replySpeaks(reply) ? await replyAudio(reply) : undefined;
    await sleep(reply.delayMs ?? 0);
    if (this.abandoned) return;
    this.created = true;
    host.send({ type: 'response.created', response: this.responseObject('in_progress') });

    if (audio) {
      await this.speak(audio, reply.transcript ?? '');
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
    if (this.message) this.finishMessage('incomplete');
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
    this.message = { item, previousId, spoken: '' };
    host.send({ type: 'response.output_item.added', response_id: this.id, output_index: this.output.length, item });
    host.send({ type: 'conversation.item.added', previous_item_id: previousId, item });
    const webrtc = host.transport.kind === 'webrtc';
    if (webrtc) host.send({ type: 'output_audio_buffer.started', response_id: this.id });
    this.audioStarted = true;

    // Deltas run ahead of the voice, as a model's text does, spread over the first half.
    const words = transcript.match(/\S+\s*/g) ?? [];
    const audioMs = (audio.length / 48_000) * 1000;
    const spacing = words.length ? Math.min(80, (audioMs * 0.5) / words.length) : 0;
    words.forEach((word, index) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.sendDelta(word);
      }, index * spacing);
      this.timers.add(timer);
    });

    const context = { responseId: this.id, itemId: item.id, outputIndex: this.output.length, contentIndex: 0 };
    await host.transport.play(audio, context);
    if (this.ended) return;
    // Audio played out (or the client cleared it): the rest of the text is due now.
    this.stopTimers();
    const remaining = transcript.slice(this.message.spoken.length);
    if (remaining) this.sendDelta(remaining);
    host.send({ type: 'response.output_audio.done', response_id: this.id, item_id: item.id, output_index: this.output.length, content_index: 0 });
    host.send({
      type: 'response.output_audio_transcript.done',
      response_id: this.id,
      item_id: item.id,
      output_index: this.output.length,
      content_index: 0,
      transcript,
    });
    this.finishMessage('completed');
    if (webrtc && !this.audioCleared) host.send({ type: 'output_audio_buffer.stopped', response_id: this.id });
  }

  private sendDelta(delta: string): void {
    const message = this.message;
    if (!message || this.ended) return;
    message.spoken += delta;
    this.record.transcript = message.spoken;
    this.host.send({
      type: 'response.output_audio_transcript.delta',
      response_id: this.id,
      item_id: message.item.id,
      output_index: this.output.length,
      content_index: 0,
      delta,
    });
  }

  private finishMessage(status: 'completed' | 'incomplete'): void {
    const message = this.message!;
    this.message = undefined;
    const item = { ...message.item, status, content: [{ type: 'output_audio', transcript: message.spoken }] };
    this.host.update(item);
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
    host.send({ type: 'response.function_call_arguments.done', ...base, arguments: argumentsText });
    const done = { ...item, status: 'completed', arguments: argumentsText };
    host.update(done);
    host.send({ type: 'response.output_item.done', response_id: this.id, output_index: outputIndex, item: done });
    host.send({ type: 'conversation.item.done', previous_item_id: previousId, item: done });
    this.output.push(done);
    this.record.toolCalls.push({ name, callId, arguments: argumentsText });
  }

  private end(status: 'completed' | 'cancelled', reason?: CancelReason): void {
    this.ended = true;
    this.stopTimers();
    this.record.status = status;
    if (reason) this.record.cancelReason = reason;
    this.record.endedAt = now();
    this.host.send({ type: 'response.done', response: this.responseObject(status, reason) });
    this.finish(this.record);
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private responseObject(status: string, reason?: string): Record<string, unknown> {
    const session = this.host.session();
    const done = status !== 'in_progress';
    const inputTokens = this.reply.usage?.inputTokens ?? 120;
    const outputTokens = this.reply.usage?.outputTokens ?? 40;
    return {
      object: 'realtime.response',
      id: this.id,
      status,
      status_details: reason ? { type: 'cancelled', reason } : null,
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
