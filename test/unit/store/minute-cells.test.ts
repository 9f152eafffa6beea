import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMinuteCells,
  encodeMinuteCells,
  mergeMinuteCells,
  type MinuteCells,
} from '../../../electron/core/store/minute-cells.ts';
import { ByteWriter } from '../../../electron/core/store/byte-io.ts';
import {
  binOf,
  decodeHistogram,
  encodeHistogram,
  writeHistogram,
} from '../../../electron/core/store/latency-histogram.ts';
import { addToCell, emptyCell } from '../../../electron/core/store/rollup-cell.ts';

type Sample = [minute: number, ok: boolean, latencyMs: number];
const sample = fc.tuple(
  fc.integer({ min: 0, max: 59 }),
  fc.boolean(),
  fc.double({ min: 0, max: 100_000, noNaN: true }),
);

function cellsOf(samples: Sample[]): MinuteCells {
  const cells: MinuteCells = new Map();
  for (const [minute, ok, ms] of samples) {
    let cell = cells.get(minute);
    if (!cell) cells.set(minute, (cell = emptyCell()));
    addToCell(cell, ok, ms);
  }
  return cells;
}

describe('minute cells packed per hour', () => {
  it('round-trip every minute exactly', () => {
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 120 }), (samples) => {
        const cells = cellsOf(samples);
        expect(decodeMinuteCells(encodeMinuteCells(cells))).toEqual(
          new Map([...cells].sort(([a], [b]) => a - b)),
        );
      }),
    );
  });

  it('merging two packed hours equals packing all their samples', () => {
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 60 }), fc.array(sample, { maxLength: 60 }), (a, b) => {
        const merged = decodeMinuteCells(
          mergeMinuteCells(encodeMinuteCells(cellsOf(a)), encodeMinuteCells(cellsOf(b))),
        );
        const all = cellsOf([...a, ...b]);
        expect([...merged.keys()]).toEqual([...all.keys()].sort((x, y) => x - y));
        for (const [minute, cell] of all) {
          const got = merged.get(minute);
          expect(got).toMatchObject({
            count: cell.count,
            failures: cell.failures,
            latencyMin: cell.latencyMin,
            latencyMax: cell.latencyMax,
            hist: cell.hist,
          });
          expect(got?.latencySum).toBeCloseTo(cell.latencySum, 6);
        }
      }),
    );
  });

  it('gives each encoding its own bytes, though one scratch buffer serves them all', () => {
    const first = cellsOf([[5, true, 12]]);
    const packed = encodeMinuteCells(first);
    const packedHist = encodeHistogram(first.get(5)?.hist ?? new Map());
    encodeMinuteCells(
      cellsOf([
        [7, true, 900],
        [8, false, 0],
      ]),
    );
    encodeHistogram(new Map([[3, 1_000_000]]));
    expect(decodeMinuteCells(packed)).toEqual(first);
    expect(decodeHistogram(packedHist)).toEqual(first.get(5)?.hist);
  });

  it('packs a minute of one probe in 9 bytes (ok) or 1 (failed), so an hour of them stays inside a page', () => {
    const hour = cellsOf(Array.from({ length: 60 }, (_, m): Sample => [m, true, 10 + m * 7.25]));
    expect(encodeMinuteCells(hour)).toHaveLength(60 * 9);
    expect(encodeMinuteCells(cellsOf([[59, false, 40]]))).toEqual(Buffer.from([59 | 0x40]));
    expect(decodeMinuteCells(encodeMinuteCells(hour))).toEqual(hour);
  });

  it('still reads rows written in the long form only, and merges them with short-form rows', () => {
    const long = new ByteWriter();
    long.byte(5);
    long.varint(1);
    long.varint(0);
    for (const value of [12, 12, 12]) long.float(value);
    writeHistogram(long, new Map([[binOf(12), 1]]), true);
    long.byte(6);
    long.varint(1);
    long.varint(1);
    long.float(0);
    long.varint(0);
    const stored = long.result();
    expect(decodeMinuteCells(stored)).toEqual(
      cellsOf([
        [5, true, 12],
        [6, false, 40],
      ]),
    );
    const merged = mergeMinuteCells(stored, encodeMinuteCells(cellsOf([[5, true, 30]])));
    expect(decodeMinuteCells(merged)).toEqual(
      cellsOf([
        [5, true, 12],
        [5, true, 30],
        [6, false, 40],
      ]),
    );
  });

  it('rejects a truncated row', () => {
    const packed = encodeMinuteCells(cellsOf([[5, true, 12]]));
    expect(() => decodeMinuteCells(packed.subarray(0, packed.length - 3))).toThrow(/truncated/);
  });
});
