// GET /v1/realtime (WebSocket upgrade): the same event protocol as JSON messages. Audio
// travels inside events: base64 PCM16 in `input_audio_buffer.append`, and replies as
// `response.output_audio.delta` chunks sent at playback speed.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { redactKey } from '../openai/auth.ts';
import { errorBody } from '../openai/errors.ts';
import type { FakeOpenAI } from '../openai/types.ts';
import { pcmToBytes, resample } from './audio/pcm.ts';
import { createCallState } from './call-state.ts';
import { now } from './clock.ts';
import { newId } from './ids.ts';
import type { AudioContext, ConversationTransport, ServerEvent } from './transport.ts';
import type { CallHost } from './webrtc-call.ts';

const CHUNK_MS = 100;
const KEY_PROTOCOL = 'openai-insecure-api-key.';

/** Browsers cannot set headers on a WebSocket, so the SDK puts the key in a subprotocol. */
function keyFromRequest(req: IncomingMessage): string | undefined {
  const header = /^Bearer\s+(.+)$/i.exec(req.headers.authorization?.trim() ?? '')?.[1];
  if (header) return header.trim();
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return protocols.find((p) => p.startsWith(KEY_PROTOCOL))?.slice(KEY_PROTOCOL.length);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string, body: unknown): void {
  const payload = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}

export function registerWebSocketCalls(fake: FakeOpenAI, host: CallHost, webSocketApiKeys: string[]): void {
  // The real server answers with the `realtime` subprotocol; a browser fails the handshake
  // if it offered protocols and none comes back.
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has('realtime') ? 'realtime' : ([...offered][0] ?? false)),
  });

  fake.upgrade('/v1/realtime', (req, socket, head) => {
    const startedAt = now();
    const key = keyFromRequest(req);
    const model = new URL(req.url ?? '/', 'http://fake').searchParams.get('model') ?? 'gpt-realtime';
    const check = host.keys.check(key, 'websocket', webSocketApiKeys, model);
    if (!check.ok) {
      const message = key
        ? `Incorrect API key provided: ${redactKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`
        : "You didn't provide an API key.";
      return refuseUpgrade(socket, 401, 'Unauthorized', errorBody({ status: 401, message }));
    }
    const failure = host.takeCallFailure();
    if (failure) return refuseUpgrade(socket, failure.status, 'Error', errorBody(failure));

    wss.handleUpgrade(req, socket, head, (ws) => {
      const audio = new PacedAudioSender(ws, (event) => conversation.send(event), () => state.session.audio.output.format.rate ?? 24_000);
      const state = createCallState(
        { id: newId('ws'), transport: 'websocket', key: key!, startedAt, session: check.session },
        { sendingAudio: () => audio.playing, frames: () => audio.chunksSent, speechFrames: () => audio.chunksSent },
      );
      const transport: ConversationTransport = {
        kind: 'websocket',
        send: (event) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
        },
        play: (pcm, context) => audio.play(pcm, context),
        stopAudio: () => audio.stop(),
        get sendingAudio() {
          return audio.playing;
        },
      };
      const conversation = host.newConversation(state, transport);
      state.answeredAt = now();
      ws.on('message', (data) => conversation.receive(data.toString()));
      ws.on('close', () => {
        audio.stop();
        conversation.close('client');
      });
      ws.on('error', () => ws.terminate());
      host.addCall(state, conversation, () => {
        conversation.close('dropped');
        audio.stop();
        ws.terminate();
      });
      conversation.open();
    });
  });
}

/** Reply audio as `response.output_audio.delta` events, one 100 ms chunk every 100 ms. */
class PacedAudioSender {
  chunksSent = 0;
  private timer: NodeJS.Timeout | undefined;
  private finish: ((playedOut: boolean) => void) | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly emit: (event: ServerEvent) => void,
    private readonly outputRate: () => number,
  ) {}

  get playing(): boolean {
    return this.finish !== undefined;
  }

  play(pcm48k: Int16Array, context: AudioContext): Promise<boolean> {
    this.stop();
    const rate = this.outputRate();
    const samples = resample(pcm48k, 48_000, rate);
    const chunk = Math.round((rate * CHUNK_MS) / 1000);
    let offset = 0;
    const done = new Promise<boolean>((resolve) => (this.finish = resolve));
    const sendNext = (): void => {
      if (offset >= samples.length || this.ws.readyState !== this.ws.OPEN) return this.settle(offset >= samples.length);
      this.emit({
        type: 'response.output_audio.delta',
        response_id: context.responseId,
        item_id: context.itemId,
        output_index: context.outputIndex,
        content_index: context.contentIndex,
        delta: pcmToBytes(samples.subarray(offset, offset + chunk)).toString('base64'),
      });
      offset += chunk;
      this.chunksSent++;
      this.timer = setTimeout(sendNext, CHUNK_MS);
    };
    sendNext();
    return done;
  }

  stop(): boolean {
    const wasPlaying = this.playing;
    this.settle(false);
    return wasPlaying;
  }

  private settle(playedOut: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const finish = this.finish;
    this.finish = undefined;
    finish?.(playedOut);
  }
}
