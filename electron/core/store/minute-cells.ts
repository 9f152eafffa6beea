import { ByteReader, ByteWriter } from './byte-io.ts';
import { decodeHistogram, writeHistogram } from './latency-histogram.ts';
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

const scratch = new ByteWriter(4096);

export function encodeMinuteCells(cells: MinuteCells): Buffer {
  const out = scratch.reset();
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
    writeHistogram(out, cell.hist, true);
  }
  return out.result();
}

export function decodeMinuteCells(data: Uint8Array): MinuteCells {
  const cells: MinuteCells = new Map();
  const input = new ByteReader(data, 'minute rollup');
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
