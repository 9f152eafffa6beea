import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  P95_ABSOLUTE_ERROR_BELOW_1MS,
  P95_RELATIVE_ERROR,
  addSample,
  decodeHistogram,
  encodeHistogram,
  encodedHistogramQuantile,
  histogramP95,
  histogramQuantile,
  mergeInto,
  type Histogram,
} from '../../../electron/core/store/latency-histogram.ts';

function exactP95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1] ?? Number.NaN;
}

function histogramOf(values: number[]): Histogram {
  const hist: Histogram = new Map();
  for (const v of values) addSample(hist, v);
  return hist;
}

const latency = fc.double({ min: 0, max: 3_600_000, noNaN: true });

describe('latency histogram', () => {
  it('estimates the nearest-rank p95 within the documented bound', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 300 }), (values) => {
        const exact = exactP95(values);
        const estimate = histogramP95(histogramOf(values), Math.min(...values), Math.max(...values));
        expect(estimate).not.toBeNull();
        const error = Math.abs((estimate ?? 0) - exact);
        if (exact < 1) expect(error).toBeLessThanOrEqual(P95_ABSOLUTE_ERROR_BELOW_1MS);
        else expect(error / exact).toBeLessThanOrEqual(P95_RELATIVE_ERROR + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('documents a bound under 4.5 %', () => {
    expect(P95_RELATIVE_ERROR).toBeCloseTo(0.0443, 3);
  });

  it('gives the exact value when every sample is the same', () => {
    expect(histogramP95(histogramOf([123, 123, 123]), 123, 123)).toBe(123);
  });

  it('returns null for an empty histogram', () => {
    expect(histogramP95(new Map(), 0, 0)).toBeNull();
  });

  it('round-trips through its encoding, including large counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(latency, fc.integer({ min: 1, max: 2 ** 40 })), { maxLength: 50 }),
        (pairs) => {
          const hist: Histogram = new Map();
          for (const [value, times] of pairs) addSample(hist, value, times);
          expect(decodeHistogram(encodeHistogram(hist))).toEqual(
            new Map([...hist].filter(([, count]) => count > 0).sort(([a], [b]) => a - b)),
          );
        },
      ),
    );
  });

  it('reads any quantile straight from the encoding, the same as from the decoded histogram', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(latency, fc.integer({ min: 1, max: 2 ** 40 })), { maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pairs, q) => {
          const hist: Histogram = new Map();
          for (const [value, times] of pairs) addSample(hist, value, times);
          const values = pairs.map(([value]) => value);
          const [min, max] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 0];
          expect(encodedHistogramQuantile(encodeHistogram(hist), q, min, max)).toBe(
            histogramQuantile(hist, q, min, max),
          );
        },
      ),
    );
  });

  it('merging two histograms equals the histogram of all samples', () => {
    fc.assert(
      fc.property(fc.array(latency), fc.array(latency), (a, b) => {
        const merged = histogramOf(a);
        mergeInto(merged, histogramOf(b));
        expect(encodeHistogram(merged)).toEqual(encodeHistogram(histogramOf([...a, ...b])));
      }),
    );
  });

  it('rejects a truncated encoding instead of inventing counts', () => {
    expect(() => decodeHistogram(Uint8Array.from([40, 0x80]))).toThrow(/truncated/);
  });
});
