import type Database from 'better-sqlite3';
import type { SeriesBucket } from '../../../shared/history.ts';
import {
  addSample,
  decodeHistogram,
  encodeHistogram,
  histogramP95,
  mergeInto,
  type Histogram,
} from './latency-histogram.ts';

/** Rollups per service per UTC minute, hour and day. Latency statistics count successful probes only. */
export const BUCKET_MS: Record<SeriesBucket, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};
export const ROLLUP_TABLE: Record<SeriesBucket, string> = {
  minute: 'rollup_minute',
  hour: 'rollup_hour',
  day: 'rollup_day',
};
const BUCKETS = Object.keys(BUCKET_MS) as SeriesBucket[];

export function bucketStart(at: number, bucket: SeriesBucket): number {
  const size = BUCKET_MS[bucket];
  return Math.floor(at / size) * size;
}

export interface RollupSample {
  service: string;
  at: number;
  ok: boolean;
  latencyMs: number;
}

interface RollupCell {
  count: number;
  failures: number;
  latencySum: number;
  latencyMin: number | null;
  latencyMax: number | null;
  hist: Histogram;
}

function mergedHistogram(stored: Uint8Array, delta: Uint8Array): Histogram {
  const hist = decodeHistogram(stored);
  mergeInto(hist, decodeHistogram(delta));
  return hist;
}

/** SQL functions the rollup upsert uses to merge latency histograms inside SQLite. */
function registerHistogramFunctions(db: Database.Database): void {
  db.function('hw_merge_hist', { deterministic: true }, (stored: unknown, delta: unknown) =>
    encodeHistogram(mergedHistogram(stored as Uint8Array, delta as Uint8Array)),
  );
  db.function(
    'hw_merged_p95',
    { deterministic: true },
    (stored: unknown, delta: unknown, min: unknown, max: unknown) =>
      min === null || max === null
        ? null
        : histogramP95(
            mergedHistogram(stored as Uint8Array, delta as Uint8Array),
            min as number,
            max as number,
          ),
  );
}

function emptyCell(): RollupCell {
  return { count: 0, failures: 0, latencySum: 0, latencyMin: null, latencyMax: null, hist: new Map() };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}
function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/**
 * Collects rollup deltas in memory during a write transaction and merges them into the rollup tables
 * when the transaction ends, so a batch of N results touches each bucket row once.
 */
export class RollupAccumulator {
  /** bucket → service → bucket start → delta */
  private readonly pending = new Map<SeriesBucket, Map<string, Map<number, RollupCell>>>(
    BUCKETS.map((bucket) => [bucket, new Map()]),
  );
  private readonly upsert: Record<SeriesBucket, Database.Statement>;

  constructor(db: Database.Database) {
    registerHistogramFunctions(db);
    const upsert = {} as Record<SeriesBucket, Database.Statement>;
    for (const bucket of BUCKETS) {
      const table = ROLLUP_TABLE[bucket];
      // New buckets are a plain insert; an existing one is merged in SQL, so no read comes first.
      upsert[bucket] = db.prepare(
        `INSERT INTO ${table} (service, t, count, failures, latency_sum, latency_min, latency_max, p95, hist)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (service, t) DO UPDATE SET
           count = count + excluded.count,
           failures = failures + excluded.failures,
           latency_sum = latency_sum + excluded.latency_sum,
           latency_min = coalesce(min(latency_min, excluded.latency_min), latency_min, excluded.latency_min),
           latency_max = coalesce(max(latency_max, excluded.latency_max), latency_max, excluded.latency_max),
           p95 = hw_merged_p95(hist, excluded.hist,
             coalesce(min(latency_min, excluded.latency_min), latency_min, excluded.latency_min),
             coalesce(max(latency_max, excluded.latency_max), latency_max, excluded.latency_max)),
           hist = hw_merge_hist(hist, excluded.hist)`,
      );
    }
    this.upsert = upsert;
  }

  add(sample: RollupSample): void {
    for (const [bucket, byService] of this.pending) {
      const t = bucketStart(sample.at, bucket);
      let byTime = byService.get(sample.service);
      if (!byTime) byService.set(sample.service, (byTime = new Map()));
      let cell = byTime.get(t);
      if (!cell) byTime.set(t, (cell = emptyCell()));
      cell.count += 1;
      if (!sample.ok) {
        cell.failures += 1;
        continue;
      }
      cell.latencySum += sample.latencyMs;
      cell.latencyMin = minOf(cell.latencyMin, sample.latencyMs);
      cell.latencyMax = maxOf(cell.latencyMax, sample.latencyMs);
      addSample(cell.hist, sample.latencyMs);
    }
  }

  /** Call inside the same transaction as the rows the deltas came from. */
  flush(): void {
    for (const [bucket, byService] of this.pending) {
      const upsert = this.upsert[bucket];
      for (const [service, byTime] of byService) {
        for (const [t, cell] of byTime) {
          const p95 =
            cell.latencyMin === null || cell.latencyMax === null
              ? null
              : histogramP95(cell.hist, cell.latencyMin, cell.latencyMax);
          upsert.run(
            service,
            t,
            cell.count,
            cell.failures,
            cell.latencySum,
            cell.latencyMin,
            cell.latencyMax,
            p95,
            encodeHistogram(cell.hist),
          );
        }
      }
      byService.clear();
    }
  }

  /** Drops deltas of a transaction that rolled back. */
  discard(): void {
    for (const byService of this.pending.values()) byService.clear();
  }
}
