// The server's side of a WebRTC call with node-datachannel (libdatachannel): answer the
// browser's offer with a send/receive Opus track and every ICE candidate already in the SDP
// (the SDK never trickles), carry the `oai-events` data channel, decode incoming RTP to PCM
// and send reply audio as 20 ms Opus RTP frames.
import { Audio, PeerConnection, type DataChannel, type Track } from 'node-datachannel';
import { FramePump } from './audio/frame-pump.ts';
import { createOpusCodec, OPUS_RATE } from './audio/opus.ts';
import { buildRtp, isRtcp, parseRtp, type OfferAudio } from './audio/rtp.ts';

export type PeerEvents = {
  onChannelOpen(): void;
  onChannelMessage(text: string): void;
  /** The data channel or the peer connection went away. */
  onGone(): void;
  onAudio(samples: Int16Array, sampleRate: number): void;
};

export type WebRtcPeer = {
  answerSdp: string;
  /** Sends one event on the data channel if it is open. */
  sendText(text: string): void;
  pump: FramePump;
  close(): void;
};

const GATHERING_TIMEOUT_MS = 2000;

export async function openWebRtcPeer(offerSdp: string, audio: OfferAudio, events: PeerEvents): Promise<WebRtcPeer> {
  const pc = new PeerConnection('fake-openai-realtime', { iceServers: [], bindAddress: '127.0.0.1' });
  const opus = createOpusCodec();
  let channel: DataChannel | undefined;
  let closed = false;
  const gone = (): void => {
    if (!closed) events.onGone();
  };

  pc.onStateChange((state) => {
    if (state === 'closed' || state === 'failed' || state === 'disconnected') gone();
  });
  pc.onDataChannel((dc) => {
    if (dc.getLabel() !== 'oai-events') return;
    channel = dc;
    dc.onMessage((message) => events.onChannelMessage(typeof message === 'string' ? message : Buffer.from(message as ArrayBuffer).toString('utf8')));
    dc.onClosed(gone);
    if (dc.isOpen()) events.onChannelOpen();
    else dc.onOpen(() => events.onChannelOpen());
  });

  // Our audio section answers the offer's: same mid and Opus payload type, send and receive.
  // The msid makes Chromium fire `ontrack` with a stream, which the SDK plays.
  const ssrc = (Math.random() * 2 ** 32) >>> 0;
  const media = new Audio(audio.mid, 'SendRecv');
  media.addOpusCodec(audio.opusPayloadType);
  media.addSSRC(ssrc, 'fake-openai', 'fake-openai-stream', 'fake-openai-audio');
  const track: Track = pc.addTrack(media);
  const onRtp = (packet: Buffer): void => {
    if (closed || isRtcp(packet)) return;
    const rtp = parseRtp(packet);
    if (!rtp || rtp.payloadType !== audio.opusPayloadType || rtp.payload.length === 0) return;
    try {
      events.onAudio(opus.decode(rtp.payload), OPUS_RATE);
    } catch {
      // A damaged packet: a real server would conceal it; the fake skips it.
    }
  };
  track.onMessage(onRtp);

  const gathered = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, GATHERING_TIMEOUT_MS);
    pc.onGatheringStateChange((state) => {
      if (state === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  pc.setRemoteDescription(offerSdp, 'offer'); // auto-negotiation creates and sets the answer
  if (pc.gatheringState() !== 'complete') await gathered;

  let sequence = (Math.random() * 0xffff) | 0;
  let timestamp = (Math.random() * 2 ** 31) >>> 0;
  const pump = new FramePump((frame) => {
    if (closed || !track.isOpen()) return;
    const payload = opus.encode(frame);
    track.sendMessageBinary(buildRtp({ payloadType: audio.opusPayloadType, sequence: sequence++, timestamp, ssrc, payload }));
    timestamp += frame.length;
  });

  const answer = pc.localDescription();
  if (!answer) throw new Error('node-datachannel produced no answer');
  return {
    answerSdp: answer.sdp,
    sendText(text) {
      if (!closed && channel?.isOpen()) channel.sendMessage(text);
    },
    pump,
    close() {
      if (closed) return;
      closed = true;
      pump.close();
      for (const close of [() => channel?.close(), () => track.close(), () => pc.close()]) {
        try {
          close();
        } catch {
          // Already closed by the other side.
        }
      }
      opus.close();
    },
  };
}
