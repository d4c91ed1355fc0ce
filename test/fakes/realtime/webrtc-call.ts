// POST /v1/realtime/calls: an SDP offer with an ephemeral key in, 201 + answer SDP +
// Location out; the call then speaks the realtime protocol on its data channel.
import { bearerKey, unauthorizedBody } from '../openai/auth.ts';
import { sendError } from '../openai/errors.ts';
import { CORS_HEADERS, sendJson } from '../openai/http.ts';
import type { FakeOpenAI } from '../openai/types.ts';
import { offerAudio } from './audio/rtp.ts';
import { createCallState } from './call-state.ts';
import type { EphemeralKeys } from './client-secrets.ts';
import { now } from './clock.ts';
import { Conversation } from './conversation.ts';
import { newId } from './ids.ts';
import type { ConversationTransport } from './transport.ts';
import type { CallState } from './types.ts';
import { invalidRequest } from './wire-errors.ts';
import { openWebRtcPeer, type WebRtcPeer } from './webrtc-peer.ts';

/** What the route needs from the fake as a whole. */
export type CallHost = {
  keys: EphemeralKeys;
  takeCallFailure(): { status: number; message?: string } | undefined;
  newConversation(state: CallState, transport: ConversationTransport): Conversation;
  /** Registers a live call and how to cut it off. */
  addCall(state: CallState, conversation: Conversation, drop: () => void): void;
};

export function registerWebRtcCalls(fake: FakeOpenAI, host: CallHost): void {
  // The fake's own auth knows only the real keys; this endpoint wants ephemeral ones.
  fake.route(
    'POST',
    '/v1/realtime/calls',
    async ({ req, res, body, recorded }) => {
      const startedAt = recorded.startedAt;
      const key = bearerKey(req);
      const check = host.keys.check(key, 'webrtc');
      if (!check.ok) return sendJson(res, 401, unauthorizedBody(key));
      const failure = host.takeCallFailure();
      if (failure) return sendError(res, failure);
      if (!(req.headers['content-type'] ?? '').startsWith('application/sdp')) {
        return sendJson(res, 400, { error: invalidRequest('unsupported_content_type', "Expected 'Content-Type: application/sdp'.") });
      }
      const audio = typeof body === 'string' && body.startsWith('v=0') ? offerAudio(body) : undefined;
      if (typeof body !== 'string' || !audio) {
        return sendJson(res, 400, { error: invalidRequest('invalid_offer', 'The SDP offer must hold an Opus audio section.') });
      }

      // Filled once the answer exists; the transport is needed before that.
      const link: { peer?: WebRtcPeer } = {};
      const state = createCallState(
        { id: newId('rtc'), transport: 'webrtc', key: key!, startedAt, session: check.session },
        {
          sendingAudio: () => link.peer?.pump.playing ?? false,
          frames: () => link.peer?.pump.framesSent ?? 0,
          speechFrames: () => link.peer?.pump.speechFramesSent ?? 0,
        },
      );
      const transport: ConversationTransport = {
        kind: 'webrtc',
        send: (event) => link.peer?.sendText(JSON.stringify(event)),
        play: (pcm) => link.peer?.pump.play(pcm) ?? Promise.resolve(false),
        stopAudio: () => link.peer?.pump.stop() ?? false,
        get sendingAudio() {
          return link.peer?.pump.playing ?? false;
        },
      };
      const conversation = host.newConversation(state, transport);
      const peer = await openWebRtcPeer(body, audio, {
        onChannelOpen: () => conversation.open(),
        onChannelMessage: (text) => conversation.receive(text),
        onAudio: (samples, rate) => conversation.receiveAudio(samples, rate),
        onGone: () => {
          conversation.close('client');
          // Not from inside libdatachannel's own callback.
          setImmediate(() => link.peer?.close());
        },
      });
      link.peer = peer;
      host.addCall(state, conversation, () => {
        conversation.close('dropped');
        peer.close();
      });
      res.writeHead(201, {
        ...CORS_HEADERS,
        'content-type': 'application/sdp',
        location: `/v1/realtime/calls/${state.id}`,
      });
      res.end(peer.answerSdp);
      state.answeredAt = now();
    },
    { requireAuth: false },
  );
}
