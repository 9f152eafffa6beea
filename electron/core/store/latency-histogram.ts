/**
 * A sparse log-spaced latency histogram, so a rollup row can give a p95 without keeping every value.
 *
 * Bin 0 holds [0, 1 ms); bin i ≥ 1 holds [2^((i-1)/8), 2^(i/8)) ms, i.e. eight bins per doubling.
 * The p95 is the geometric middle of the bin holding the nearest-rank p95 sample, clamped to the
 * bucket's exact min and max. The bin is always the right one, so the only error is the position
 * inside it: at most 2^(1/16) − 1 ≈ 4.43 % relative (below 1 ms: at most 0.5 ms absolute).
 *
 * Encoding: (bin: u8, count: unsigned LEB128) pairs in ascending bin order.
 */
import { ByteWriter, varintLength } from './byte-io.ts';

export type Histogram = Map<number, number>;

const BINS_PER_DOUBLING = 8;
const MAX_BIN = 255;
export const P95_RELATIVE_ERROR = 2 ** (1 / (2 * BINS_PER_DOUBLING)) - 1;
export const P95_ABSOLUTE_ERROR_BELOW_1MS = 0.5;

export function binOf(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(MAX_BIN, 1 + Math.floor(Math.log2(ms) * BINS_PER_DOUBLING));
}

export function binMiddle(bin: number): number {
  if (bin === 0) return 0.5;
  return 2 ** ((bin - 0.5) / BINS_PER_DOUBLING);
}

export function addSample(hist: Histogram, ms: number, times = 1): void {
  const bin = binOf(ms);
  hist.set(bin, (hist.get(bin) ?? 0) + times);
}

export function mergeInto(target: Histogram, source: Histogram): void {
  for (const [bin, count] of source) target.set(bin, (target.get(bin) ?? 0) + count);
}

/** Nearest-rank p95 estimate; null when empty. */
export function histogramP95(hist: Histogram, min: number, max: number): number | null {
  return histogramQuantile(hist, 0.95, min, max);
}

/** Nearest-rank estimate of quantile `q` (0.5 = median), with the same error bound as the p95. */
export function histogramQuantile(hist: Histogram, q: number, min: number, max: number): number | null {
  let total = 0;
  for (const count of hist.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(total * q));
  let seen = 0;
  for (const bin of [...hist.keys()].sort((a, b) => a - b)) {
    seen += hist.get(bin) ?? 0;
    if (seen >= rank) return Math.min(max, Math.max(min, binMiddle(bin)));
  }
  return max;
}

/** Writes the encoding (see above), preceded by its byte length as a varint when `lengthPrefix`. */
export function writeHistogram(out: ByteWriter, hist: Histogram, lengthPrefix = false): void {
  const bins = [...hist.keys()];
  if (bins.length > 1) bins.sort((a, b) => a - b);
  if (lengthPrefix) {
    let length = 0;
    for (const bin of bins) {
      const count = hist.get(bin) ?? 0;
      if (count > 0) length += 1 + varintLength(count);
    }
    out.varint(length);
  }
  for (const bin of bins) {
    const count = hist.get(bin) ?? 0;
    if (count <= 0) continue;
    out.byte(bin);
    out.varint(count);
  }
}

const scratch = new ByteWriter();

export function encodeHistogram(hist: Histogram): Buffer {
  writeHistogram(scratch.reset(), hist);
  return scratch.result();
}

/** Calls `visit` with each bin and count of an encoded histogram, in order, until it returns true. */
function walkEncoded(blob: Uint8Array, visit: (bin: number, count: number) => boolean): void {
  let i = 0;
  while (i < blob.length) {
    const bin = blob[i++] ?? 0;
    let count = 0;
    let scale = 1;
    for (;;) {
      const byte = blob[i++];
      if (byte === undefined) throw new RangeError('truncated latency histogram');
      count += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    if (visit(bin, count)) return;
  }
}

export function decodeHistogram(blob: Uint8Array): Histogram {
  const hist: Histogram = new Map();
  walkEncoded(blob, (bin, count) => {
    hist.set(bin, (hist.get(bin) ?? 0) + count);
    return false;
  });
  return hist;
}

/**
 * histogramQuantile of an encoded histogram, read in place: the encoding already lists its bins in
 * ascending order, so a chart of thousands of rollup rows needs no Map and no sort per row.
 */
export function encodedHistogramQuantile(
  blob: Uint8Array,
  q: number,
  min: number,
  max: number,
): number | null {
  let total = 0;
  walkEncoded(blob, (_bin, count) => {
    total += count;
    return false;
  });
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(total * q));
  let seen = 0;
  let found: number | null = null;
  walkEncoded(blob, (bin, count) => {
    seen += count;
    if (seen >= rank) found = bin;
    return found !== null;
  });
  return found === null ? max : Math.min(max, Math.max(min, binMiddle(found)));
}
