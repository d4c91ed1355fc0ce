// Opus at 48 kHz mono through opusscript (libopus in WebAssembly: no native build needed).
import OpusScript from 'opusscript';

/** Samples in one 20 ms frame at 48 kHz: WebRTC's packet size. */
export const FRAME_SAMPLES = 960;
export const OPUS_RATE = 48_000;

export type OpusCodec = {
  encode(frame: Int16Array): Buffer;
  decode(packet: Buffer): Int16Array;
  close(): void;
};

export function createOpusCodec(): OpusCodec {
  const encoder = new OpusScript(OPUS_RATE, 1, OpusScript.Application.VOIP);
  const decoder = new OpusScript(OPUS_RATE, 1, OpusScript.Application.VOIP);
  let closed = false;
  return {
    encode(frame) {
      if (frame.length !== FRAME_SAMPLES) throw new Error(`an Opus frame is ${FRAME_SAMPLES} samples, got ${frame.length}`);
      return Buffer.from(encoder.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), FRAME_SAMPLES));
    },
    decode(packet) {
      const pcm = decoder.decode(packet);
      return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
    },
    close() {
      if (closed) return;
      closed = true;
      encoder.delete();
      decoder.delete();
    },
  };
}
