// Browser entry for the WebRTC e2e test: the real @openai/agents-realtime RealtimeSession
// with its WebRTC transport, driven from Playwright through `window.frokRealtimeTest`.
import { OpenAIRealtimeWebRTC, RealtimeAgent, RealtimeSession, tool, type RealtimeItem } from '@openai/agents-realtime';
import type { PageApi, PageConnectTimings, PageHistoryEntry } from './page-api.ts';

let current: { session: RealtimeSession; transport: OpenAIRealtimeWebRTC; events: string[]; errors: string[] } | undefined;

const itemText = (item: RealtimeItem): string =>
  item.type === 'message'
    ? item.content.map((part) => ('transcript' in part ? (part.transcript ?? '') : 'text' in part ? part.text : '')).join('')
    : '';

const api: PageApi = {
  async connect({ baseUrl, key, turnDetection }) {
    api.close();
    const marks: Record<string, number> = {};
    const events: string[] = [];
    const errors: string[] = [];
    const audioElement = document.getElementById('remote') as HTMLAudioElement;
    const transport = new OpenAIRealtimeWebRTC({
      baseUrl,
      audioElement,
      // Runs just before the offer; the data channel already exists.
      changePeerConnection: (pc) => {
        const channel = transport.connectionState.dataChannel!;
        channel.addEventListener('open', () => (marks.channelOpen = performance.now()));
        channel.addEventListener('message', (e: MessageEvent<string>) => {
          if (marks.sessionUpdated === undefined && (JSON.parse(e.data) as { type: string }).type === 'session.updated') {
            marks.sessionUpdated = performance.now();
          }
        });
        return pc;
      },
    });
    const originalFetch = window.fetch;
    window.fetch = async (input, init) => {
      const isOffer = String(input) === baseUrl;
      if (isOffer) marks.offer = performance.now();
      const response = await originalFetch(input, init);
      if (isOffer) marks.answer = performance.now();
      return response;
    };
    // A tool answered in the page itself: the bare SDK's floor for a tool round trip (the
    // voice benchmark compares FROK's, which goes through IPC to main).
    const calculate = tool({
      name: 'calculate',
      description: 'Arithmetic.',
      parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'], additionalProperties: false },
      strict: true,
      execute: async (args: unknown) => `${(args as { expression: string }).expression} = ?`,
    });
    const agent = new RealtimeAgent({ name: 'Frok', instructions: 'You are FROK, a desktop voice assistant.', tools: [calculate] });
    const session = new RealtimeSession(agent, {
      transport,
      model: 'gpt-realtime',
      tracingDisabled: true,
      config: turnDetection === null ? { audio: { input: { turnDetection: null } } } : {},
    });
    session.on('transport_event', (event) => events.push(event.type));
    session.on('error', (event) => errors.push(String((event.error as { message?: string })?.message ?? JSON.stringify(event.error))));
    current = { session, transport, events, errors };
    const start = performance.now();
    try {
      await session.connect({ apiKey: key });
    } finally {
      window.fetch = originalFetch;
    }
    const since = (mark: string): number => (marks[mark] ?? NaN) - (marks.offer ?? NaN);
    const timings: PageConnectTimings = {
      callId: transport.callId,
      startToOfferMs: (marks.offer ?? NaN) - start,
      offerToAnswerMs: since('answer'),
      offerToChannelOpenMs: since('channelOpen'),
      offerToSessionUpdatedMs: since('sessionUpdated'),
      connectMs: performance.now() - start,
    };
    return timings;
  },

  async report() {
    if (!current) throw new Error('not connected');
    const { session, transport, events, errors } = current;
    const out = { inboundPackets: 0, inboundAudioEnergy: 0, micAudioEnergy: 0 };
    const pc = transport.connectionState.peerConnection;
    const stats = await pc?.getStats();
    stats?.forEach((s: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.inboundPackets = s.packetsReceived ?? 0;
        out.inboundAudioEnergy = s.totalAudioEnergy ?? 0;
      }
      if (s.type === 'media-source' && s.kind === 'audio') out.micAudioEnergy = s.totalAudioEnergy ?? 0;
    });
    const history: PageHistoryEntry[] = session.history.map((item) => ({
      type: item.type,
      ...('role' in item ? { role: item.role } : {}),
      ...('status' in item ? { status: item.status } : {}),
      text: itemText(item),
    }));
    return {
      status: transport.status,
      ...out,
      history,
      events: [...events],
      errors: [...errors],
      remoteSdp: pc?.remoteDescription?.sdp ?? '',
    };
  },

  interrupt() {
    current?.session.interrupt();
  },

  close() {
    current?.session.close();
    current = undefined;
  },
};

window.frokRealtimeTest = api;
