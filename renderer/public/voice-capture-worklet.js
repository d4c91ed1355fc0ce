/* global AudioWorkletProcessor, registerProcessor -- the AudioWorklet scope provides them */
// FROK: captures the microphone as 16-bit PCM frames for the WebSocket voice transport.
// Runs on the audio thread; served from FROK's own origin so the CSP's script-src 'self'
// allows it. The AudioContext runs at 24 kHz, the rate the Realtime API expects.
class FrokPcm16Capture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.frameSamples = (options && options.processorOptions && options.processorOptions.frameSamples) || 960;
    this.frame = new Int16Array(this.frameSamples);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const s = Math.max(-1, Math.min(1, channel[i]));
      this.frame[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.filled === this.frameSamples) {
        // Transferred, not copied: a new frame takes its place.
        this.port.postMessage(this.frame.buffer, [this.frame.buffer]);
        this.frame = new Int16Array(this.frameSamples);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('frok-pcm16-capture', FrokPcm16Capture);
