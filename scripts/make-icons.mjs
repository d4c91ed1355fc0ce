#!/usr/bin/env node
/**
 * Draws FROK's icons as PNGs with no image tools: the app icon (512 px, plus the size set
 * Linux packages want) and the tray icons for each state (16 px and @2x, in colour and as
 * macOS "Template" images: black with alpha, recoloured by the menu bar).
 * Shapes are signed-distance functions sampled 4×4 per pixel for smooth edges.
 *
 *   node scripts/make-icons.mjs     (writes into resources/)
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

// ─── PNG ────────────────────────────────────────────────────────────────────────────

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** @param {Uint8ClampedArray} rgba straight (not premultiplied) RGBA, row by row */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ─── Shapes (unit square, y down; negative distance = inside) ───────────────────────

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
const roundedRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
/** Vertical bars centred on the icon, as a waveform: heights are fractions of the icon. */
const bars = (heights, width = 0.14, gap = 0.11) => {
  const total = heights.length * width + (heights.length - 1) * gap;
  return union(...heights.map((h, i) => roundedRect(0.5 - total / 2 + width / 2 + i * (width + gap), 0.5, width / 2, h / 2, width / 2)));
};

/**
 * Layers painted in order: each is a shape with a colour (or a colour function of y for
 * a gradient). Returns RGBA pixels.
 */
function render(size, layers, samples = 4) {
  const out = new Uint8ClampedArray(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, color } of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) <= 0) covered++;
          }
        }
        if (!covered) continue;
        const [cr, cg, cb, ca = 1] = typeof color === 'function' ? color((py + 0.5) / size) : color;
        const alpha = (covered / samples ** 2) * ca;
        // "Over" compositing in straight alpha.
        const outA = alpha + a * (1 - alpha);
        r = (cr * alpha + r * a * (1 - alpha)) / outA;
        g = (cg * alpha + g * a * (1 - alpha)) / outA;
        b = (cb * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      out[i] = r;
      out[i + 1] = g;
      out[i + 2] = b;
      out[i + 3] = Math.round(a * 255);
    }
  }
  return out;
}

function write(path, size, layers) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, render(size, layers)));
}

// ─── The app icon ───────────────────────────────────────────────────────────────────

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
const appIcon = [
  // macOS-style margin: the rounded square fills 824/1024 of the canvas.
  { shape: roundedRect(0.5, 0.5, 0.402, 0.402, 0.09), color: (y) => mix([79, 70, 229], [124, 58, 237], (y - 0.1) / 0.8) },
  { shape: bars([0.18, 0.38, 0.56, 0.38, 0.18], 0.07, 0.055), color: [255, 255, 255] },
];
write(join(resources, 'icon.png'), 512, appIcon);
for (const size of [16, 32, 48, 64, 128, 256, 512]) write(join(resources, 'icons', `${size}x${size}.png`), size, appIcon);

// ─── Tray icons ─────────────────────────────────────────────────────────────────────

const TRAY_SHAPES = {
  // Calm: a flat waveform.
  idle: bars([0.4, 0.4, 0.4], 0.18, 0.1),
  // Recording: a dot in a ring.
  listening: union(ring(0.5, 0.5, 0.38, 0.1), circle(0.5, 0.5, 0.17)),
  // A waveform in full voice.
  speaking: bars([0.5, 0.9, 0.5], 0.18, 0.1),
  // Thinking: an ellipsis.
  working: union(circle(0.185, 0.5, 0.13), circle(0.5, 0.5, 0.13), circle(0.815, 0.5, 0.13)),
};
const TRAY_COLOURS = {
  idle: [139, 143, 152],
  listening: [34, 197, 94],
  speaking: [59, 130, 246],
  working: [245, 158, 11],
};

for (const [state, shape] of Object.entries(TRAY_SHAPES)) {
  for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
    write(join(resources, 'tray', `tray-${state}${suffix}.png`), size, [{ shape, color: TRAY_COLOURS[state] }]);
    write(join(resources, 'tray', `tray-${state}Template${suffix}.png`), size, [{ shape, color: [0, 0, 0] }]);
  }
}
console.log(`icons written to ${resources}`);
