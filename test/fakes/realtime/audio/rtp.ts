// RTP packets and the few SDP facts the fake needs to answer Chromium's audio offer.

export type RtpPacket = { payloadType: number; sequence: number; timestamp: number; ssrc: number; payload: Buffer };

/** RTCP shares the port (rtcp-mux); its packet types 192–223 land where RTP's marker+PT would. */
export function isRtcp(packet: Buffer): boolean {
  const type = packet[1] ?? 0;
  return type >= 192 && type <= 223;
}

export function parseRtp(packet: Buffer): RtpPacket | undefined {
  if (packet.length < 12 || (packet[0]! >> 6) !== 2) return undefined;
  const csrcCount = packet[0]! & 0x0f;
  const hasExtension = (packet[0]! >> 4) & 1;
  const hasPadding = (packet[0]! >> 5) & 1;
  let offset = 12 + 4 * csrcCount;
  if (hasExtension) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  const end = hasPadding ? packet.length - packet[packet.length - 1]! : packet.length;
  if (offset > end) return undefined;
  return {
    payloadType: packet[1]! & 0x7f,
    sequence: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(offset, end),
  };
}

export function buildRtp(packet: RtpPacket & { marker?: boolean }): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (packet.marker ? 0x80 : 0) | packet.payloadType;
  header.writeUInt16BE(packet.sequence & 0xffff, 2);
  header.writeUInt32BE(packet.timestamp >>> 0, 4);
  header.writeUInt32BE(packet.ssrc >>> 0, 8);
  return Buffer.concat([header, packet.payload]);
}

export type OfferAudio = { mid: string; opusPayloadType: number };

/** The offer's first audio section: its mid and Opus payload type (Chromium uses 111). */
export function offerAudio(sdp: string): OfferAudio | undefined {
  let inAudio = false;
  let mid: string | undefined;
  let opusPayloadType: number | undefined;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      if (inAudio) break;
      inAudio = line.startsWith('m=audio');
      continue;
    }
    if (!inAudio) continue;
    mid ??= /^a=mid:(\S+)/.exec(line)?.[1];
    const rtpmap = /^a=rtpmap:(\d+) opus\/48000/i.exec(line);
    if (rtpmap && opusPayloadType === undefined) opusPayloadType = Number(rtpmap[1]);
  }
  return mid !== undefined && opusPayloadType !== undefined ? { mid, opusPayloadType } : undefined;
}
