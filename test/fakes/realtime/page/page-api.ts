// What the WebRTC test page exposes on `window.frokRealtimeTest` (shared by page and test).

export type PageConnectOptions = {
  /** Full calls endpoint, e.g. `http://127.0.0.1:PORT/v1/realtime/calls`. */
  baseUrl: string;
  /** The ephemeral key the "main process" minted. */
  key: string;
  /** `null` = push-to-talk; undefined = the SDK's default (semantic VAD). */
  turnDetection?: null;
};

/** Milliseconds on the page's clock. */
export type PageConnectTimings = {
  callId: string | undefined;
  /** connect() called → POST sent (getUserMedia + offer). */
  startToOfferMs: number;
  offerToAnswerMs: number;
  offerToChannelOpenMs: number;
  offerToSessionUpdatedMs: number;
  /** connect() called → connect() resolved. */
  connectMs: number;
};

export type PageHistoryEntry = { type: string; role?: string; status?: string; text: string };

export type PageReport = {
  status: string;
  /** Inbound (reply) audio as Chromium measured it. */
  inboundPackets: number;
  inboundAudioEnergy: number;
  /** The fake microphone's energy going out. */
  micAudioEnergy: number;
  history: PageHistoryEntry[];
  /** transport_event types in arrival order. */
  events: string[];
  errors: string[];
  /** The answer SDP the fake sent. */
  remoteSdp: string;
};

export type PageApi = {
  connect(options: PageConnectOptions): Promise<PageConnectTimings>;
  report(): Promise<PageReport>;
  interrupt(): void;
  close(): void;
};

declare global {
  interface Window {
    frokRealtimeTest: PageApi;
  }
}
