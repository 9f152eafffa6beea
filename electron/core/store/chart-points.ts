import type { SeriesPoint } from '../../../shared/history.ts';

/**
 * Hourly and daily rollup rows also keep their chart point packed in a `chart` blob: t, count,
 * failures, latency sum, min, max, p50 and p95 as little-endian float64 (NaN for null). A month's
 * hourly chart is then read as one blob per service (the rows' blobs concatenated by SQLite) instead
 * of 720 rows of 8 values, which cost better-sqlite3 more to hand over than SQLite takes to read them.
 * group_concat treats the blobs as text; in a UTF-8 database (SQLite's default, and every history
 * database is created so) that keeps their bytes as they are, zero bytes included.
 */
export const CHART_POINT_BYTES = 64;

export function seriesPoint(
  t: number,
  count: number,
  failures: number,
  latencySum: number,
  minMs: number | null,
  maxMs: number | null,
  p50Ms: number | null,
  p95Ms: number | null,
): SeriesPoint {
  const okCount = count - failures;
  return {
    t,
    count,
    failures,
    uptimePct: count === 0 ? 0 : (okCount / count) * 100,
    minMs,
    avgMs: okCount === 0 ? null : latencySum / okCount,
    p50Ms,
    p95Ms,
    maxMs,
  };
}

function orNaN(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** Arguments in column order: t, count, failures, latency_sum, latency_min, latency_max, p50, p95. */
export function encodeChartPoint(values: readonly unknown[]): Buffer {
  const out = Buffer.allocUnsafe(CHART_POINT_BYTES);
  for (let i = 0; i < 8; i++) out.writeDoubleLE(orNaN(values[i]), i * 8);
  return out;
}

/** Points of concatenated chart blobs, in time order whatever order they were concatenated in. */
export function decodeChartPoints(blob: Uint8Array): SeriesPoint[] {
  if (blob.length % CHART_POINT_BYTES !== 0) {
    throw new RangeError(`chart points: ${blob.length} bytes is not a whole number of points`);
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const value = (at: number) => view.getFloat64(at, true);
  const points: SeriesPoint[] = [];
  let ordered = true;
  let previousT = -Infinity;
  for (let at = 0; at < blob.length; at += CHART_POINT_BYTES) {
    const t = value(at);
    if (t <= previousT) ordered = false;
    previousT = t;
    points.push(
      seriesPoint(
        t,
        value(at + 8),
        value(at + 16),
        value(at + 24),
        orNull(value(at + 32)),
        orNull(value(at + 40)),
        orNull(value(at + 48)),
        orNull(value(at + 56)),
      ),
    );
  }
  return ordered ? points : points.sort((a, b) => a.t - b.t);
}
