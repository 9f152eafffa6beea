/**
 * Draws the app and tray icons: a disc in the level's colour with the level's glyph in white, so
 * the level reads without colour too. Run with `node resources/make-icons.ts`; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { LEVELS, type LevelName } from '../shared/levels.ts';

const COLOURS: Record<LevelName, [number, number, number]> = {
  NORMAL: [26, 127, 55],
  ALERT: [176, 136, 0],
  THROTTLE: [212, 100, 11],
  HALT: [198, 40, 40],
  SHUTDOWN: [90, 29, 140],
};

type Point = [number, number];
const segment = (p: Point, a: Point, b: Point): number => {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
};

/** Whether the unit-square point (x, y in 0..1) is on the glyph. */
const GLYPHS: Record<LevelName, (p: Point) => boolean> = {
  NORMAL: (p) =>
    segment(p, [0.28, 0.52], [0.44, 0.68]) < 0.07 || segment(p, [0.44, 0.68], [0.74, 0.34]) < 0.07,
  ALERT: (p) => segment(p, [0.5, 0.24], [0.5, 0.58]) < 0.075 || Math.hypot(p[0] - 0.5, p[1] - 0.74) < 0.075,
  THROTTLE: (p) => {
    const r = Math.hypot(p[0] - 0.5, p[1] - 0.5);
    return (r < 0.27 && r > 0.19) || (r < 0.27 && p[0] < 0.5);
  },
  HALT: (p) => Math.abs(p[0] - 0.5) < 0.19 && Math.abs(p[1] - 0.5) < 0.19,
  SHUTDOWN: (p) => segment(p, [0.3, 0.3], [0.7, 0.7]) < 0.075 || segment(p, [0.7, 0.3], [0.3, 0.7]) < 0.075,
};

function draw(level: LevelName, size: number, template: boolean): Buffer {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const [r, g, b] = template ? [0, 0, 0] : COLOURS[level];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let disc = 0;
      let glyph = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const p: Point = [(x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size];
          if (Math.hypot(p[0] - 0.5, p[1] - 0.5) <= 0.48) disc++;
          if (GLYPHS[level](p)) glyph++;
        }
      }
      const n = samples * samples;
      const i = (y * size + x) * 4;
      // Template images (macOS) are black shapes with the glyph cut out; the system colours them.
      const glyphShare = glyph / n;
      const colour = template ? 0 : 255 * glyphShare;
      rgba[i] = Math.round(r * (1 - glyphShare) + colour);
      rgba[i + 1] = Math.round(g * (1 - glyphShare) + colour);
      rgba[i + 2] = Math.round(b * (1 - glyphShare) + colour);
      rgba[i + 3] = Math.round(255 * (template ? Math.max(0, disc - glyph) / n : disc / n));
    }
  }
  return encodePng(size, rgba);
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = import.meta.dirname;
for (const level of LEVELS) {
  fs.writeFileSync(path.join(dir, `tray-${level}.png`), draw(level, 16, false));
  fs.writeFileSync(path.join(dir, `tray-${level}@2x.png`), draw(level, 32, false));
  fs.writeFileSync(path.join(dir, `tray-${level}Template.png`), draw(level, 16, true));
  fs.writeFileSync(path.join(dir, `tray-${level}Template@2x.png`), draw(level, 32, true));
}
fs.writeFileSync(path.join(dir, 'icon.png'), draw('NORMAL', 512, false));
