import { ByteReader, ByteWriter } from './byte-io.ts';
import { decodeHistogram, writeHistogram } from './latency-histogram.ts';
import { addToCell, emptyCell, mergeCellInto, type RollupCell } from './rollup-cell.ts';

/**
 * Minute rollups are stored sixty to a row: one row per service per hour holds the cells of the
 * minutes that have data. With checks a minute apart a row per minute would cost as much as the raw
 * result itself; a row per hour is written once per transaction and merged in place.
 *
 * Encoding per minute with data, in minute order, led by the minute (0–59) in one byte:
 * - a minute of one successful probe (checks run at most once a minute, so most minutes): the byte is
 *   minute | 0x80, then the latency (float64); count 1, and sum, min and max are that latency.
 * - a minute of one failed probe: the byte is minute | 0x40, nothing follows.
 * - any other minute: the byte is the minute, then count and failures (LEB128), latency sum, min and
 *   max (float64; min and max only when some probe succeeded), then the histogram's byte length
 *   (LEB128) and bytes. Rows written before the two short forms existed use this form throughout.
 * The short forms keep an hour of one-a-minute checks at 9 bytes a minute, so the row stays inside
 * its b-tree page (about 1 000 bytes at most) instead of spilling to an overflow page.
 */
export type MinuteCells = Map<number, RollupCell>;

const scratch = new ByteWriter(4096);

const SINGLE_OK = 0x80;
const SINGLE_FAILURE = 0x40;

export function encodeMinuteCells(cells: MinuteCells): Buffer {
  const out = scratch.reset();
  for (const minute of [...cells.keys()].sort((a, b) => a - b)) {
    const cell = cells.get(minute);
    if (!cell || cell.count === 0) continue;
    if (cell.count === 1) {
      if (cell.failures === 1) {
        out.byte(minute | SINGLE_FAILURE);
      } else {
        out.byte(minute | SINGLE_OK);
        out.float(cell.latencyMin ?? 0);
      }
      continue;
    }
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
    const lead = input.byte();
    const cell = emptyCell();
    if (lead & SINGLE_OK) {
      addToCell(cell, true, input.float());
      cells.set(lead & ~SINGLE_OK, cell);
      continue;
    }
    if (lead & SINGLE_FAILURE) {
      addToCell(cell, false, 0);
      cells.set(lead & ~SINGLE_FAILURE, cell);
      continue;
    }
    const minute = lead;
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
