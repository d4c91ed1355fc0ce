// What the conversation engine needs from a transport (WebRTC data channel + RTP track, or
// one WebSocket): a way to send server events and a way to play reply audio.

export type ServerEvent = { type: string; event_id?: string; [field: string]: unknown };

/** Where reply audio belongs, for transports that carry it inside events (WebSocket). */
export type AudioContext = { responseId: string; itemId: string; outputIndex: number; contentIndex: number };

export type TransportKind = 'webrtc' | 'websocket';

export interface ConversationTransport {
  readonly kind: TransportKind;
  send(event: ServerEvent): void;
  /** Plays 48 kHz mono PCM in real time; true when it played out, false when stopped first. */
  play(pcm48k: Int16Array, context: AudioContext): Promise<boolean>;
  /** Drops whatever reply audio is queued; true if something was playing. */
  stopAudio(): boolean;
  readonly sendingAudio: boolean;
}
