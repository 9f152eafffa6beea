import { decodeHistogram, encodeHistogram } from './latency-histogram.ts';
import { emptyCell, mergeCellInto, type RollupCell } from './rollup-cell.ts';

/**
 * Minute rollups are stored sixty to a row: one row per service per hour holds the cells of the
 * minutes that have data. With checks a minute apart a row per minute would cost as much as the raw
 * result itself; a row per hour is written once per transaction and merged in place.
 *
 * Encoding per minute with data, in minute order: minute (u8), count and failures (LEB128),
 * latency sum, min and max (float64; min and max only when some probe succeeded), then the
 * histogram's byte length (LEB128) and bytes.
 */
export type MinuteCells = Map<number, RollupCell>;

class ByteWriter {
  private buffer = Buffer.alloc(256);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const bigger = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }
  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }
  float(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }
  bytes(value: Uint8Array): void {
    this.ensure(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }
  result(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

class ByteReader {
  private readonly view: Buffer;
  private offset = 0;

  constructor(data: Uint8Array) {
    this.view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  get done(): boolean {
    return this.offset >= this.view.length;
  }
  byte(): number {
    const value = this.view[this.offset++];
    if (value === undefined) throw new RangeError('truncated minute rollup');
    return value;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
  float(): number {
    if (this.offset + 8 > this.view.length) throw new RangeError('truncated minute rollup');
    const value = this.view.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }
  bytes(length: number): Uint8Array {
    if (this.offset + length > this.view.length) throw new RangeError('truncated minute rollup');
    const value = this.view.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

export function encodeMinuteCells(cells: MinuteCells): Buffer {
  const out = new ByteWriter();
  for (const minute of [...cells.keys()].sort((a, b) => a - b)) {
    const cell = cells.get(minute);
    if (!cell || cell.count === 0) continue;
    out.byte(minute);
    out.varint(cell.count);
    out.varint(cell.failures);
    out.float(cell.latencySum);
    if (cell.count > cell.failures) {
      out.float(cell.latencyMin ?? 0);
      out.float(cell.latencyMax ?? 0);
    }
    const hist = encodeHistogram(cell.hist);
    out.varint(hist.length);
    out.bytes(hist);
  }
  return out.result();
}

export function decodeMinuteCells(data: Uint8Array): MinuteCells {
  const cells: MinuteCells = new Map();
  const input = new ByteReader(data);
  while (!input.done) {
    const minute = input.byte();
    const cell = emptyCell();
    cell.count = input.varint();
    cell.failures = input.varint();
    cell.latencySum = input.float();
    if (cell.count > cell.failures) {
      cell.latencyMin = input.float();
      cell.latencyMax = input.float();
    }
    cell.hist = decodeHistogram(input.bytes(input.varint()));
    cells.set(minute, cell);
  }
  return cells;
}

export function mergeMinuteCells(stored: Uint8Array, delta: Uint8Array): Buffer {
  const cells = decodeMinuteCells(stored);
  for (const [minute, cell] of decodeMinuteCells(delta)) {
    const existing = cells.get(minute);
    if (existing) mergeCellInto(existing, cell);
    else cells.set(minute, cell);
  }
  return encodeMinuteCells(cells);
}
