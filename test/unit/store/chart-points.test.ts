import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHART_POINT_BYTES,
  decodeChartPoints,
  encodeChartPoint,
  seriesPoint,
} from '../../../electron/core/store/chart-points.ts';

type Stats = [number, number, number, number, number | null, number | null, number | null, number | null];

const latency = fc.option(fc.double({ min: 0, max: 100_000, noNaN: true }), { nil: null });
const stats = fc
  .tuple(
    fc.integer({ min: 0, max: 2 ** 42 }),
    fc.integer({ min: 1, max: 100_000 }),
    fc.nat(),
    fc.double({ min: 0, max: 1e9, noNaN: true }),
    latency,
    latency,
    latency,
    latency,
  )
  .map(([t, count, failures, ...rest]): Stats => [t, count, failures % (count + 1), ...rest]);

describe('chart points packed in rollup rows', () => {
  it('read back exactly the series point of the columns they were packed from', () => {
    fc.assert(
      fc.property(stats, (values) => {
        const packed = encodeChartPoint(values);
        expect(packed).toHaveLength(CHART_POINT_BYTES);
        expect(decodeChartPoints(packed)).toEqual([seriesPoint(...values)]);
      }),
    );
  });

  it('come out in time order whatever order they were concatenated in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(stats, { selector: (s) => s[0], maxLength: 50 }), (rows) => {
        const points = decodeChartPoints(Buffer.concat(rows.map(encodeChartPoint)));
        expect(points.map((p) => p.t)).toEqual(rows.map((r) => r[0]).sort((a, b) => a - b));
      }),
    );
  });

  it('reads a point from a blob that does not start on an 8-byte boundary', () => {
    const values: Stats = [3_600_000, 4, 1, 30.5, 5, 20.25, 7.5, 20.25];
    const shifted = Buffer.concat([Buffer.from([0, 0, 0]), encodeChartPoint(values)]).subarray(3);
    expect(decodeChartPoints(shifted)).toEqual([seriesPoint(...values)]);
  });

  it('rejects a blob that is not a whole number of points', () => {
    expect(() => decodeChartPoints(Buffer.alloc(CHART_POINT_BYTES + 3))).toThrow(/not a whole number/);
  });
});
