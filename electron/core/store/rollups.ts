import type Database from 'better-sqlite3';
import type { SeriesBucket } from '../../../shared/history.ts';
import {
  binOf,
  decodeHistogram,
  encodeHistogram,
  encodedHistogramQuantile,
  histogramQuantile,
  mergeInto,
  type Histogram,
} from './latency-histogram.ts';
import { encodeChartPoint } from './chart-points.ts';
import { encodeMinuteCells, mergeMinuteCells, type MinuteCells } from './minute-cells.ts';
import { addToCell, cellStats, emptyCell, type RollupCell } from './rollup-cell.ts';

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

/**
 * The upsert of one rollup row calls three merge functions with the same two histograms (p50, p95 and
 * the merged histogram): the last merge is kept so the pair is decoded and merged once, not three times.
 */
class LastMerge {
  private stored: Uint8Array | null = null;
  private delta: Uint8Array | null = null;
  private merged: Histogram = new Map();

  of(stored: Uint8Array, delta: Uint8Array): Histogram {
    if (this.stored && this.delta && sameBytes(stored, this.stored) && sameBytes(delta, this.delta)) {
      return this.merged;
    }
    const merged = decodeHistogram(stored);
    mergeInto(merged, decodeHistogram(delta));
    this.stored = stored;
    this.delta = delta;
    this.merged = merged;
    return merged;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** SQL functions the rollup upserts use to merge inside SQLite, so no read comes before a write. */
export function registerRollupFunctions(db: Database.Database): void {
  const last = new LastMerge();
  db.function('hw_merge_hist', { deterministic: true }, (stored: unknown, delta: unknown) =>
    encodeHistogram(last.of(stored as Uint8Array, delta as Uint8Array)),
  );
  const mergedQuantile = (q: number) => (stored: unknown, delta: unknown, min: unknown, max: unknown) => {
    if (min === null || max === null) return null;
    return histogramQuantile(
      last.of(stored as Uint8Array, delta as Uint8Array),
      q,
      min as number,
      max as number,
    );
  };
  db.function('hw_merged_p50', { deterministic: true }, mergedQuantile(0.5));
  db.function('hw_merged_p95', { deterministic: true }, mergedQuantile(0.95));
  db.function(
    'hw_hist_quantile',
    { deterministic: true },
    (hist: unknown, q: unknown, min: unknown, max: unknown) => {
      if (min === null || max === null) return null;
      try {
        return encodedHistogramQuantile(hist as Uint8Array, q as number, min as number, max as number);
      } catch {
        // A damaged histogram leaves that row's quantile unknown; it must not fail a whole upgrade.
        return null;
      }
    },
  );
  db.function('hw_chart_point', { deterministic: true, varargs: true }, (...values: unknown[]) =>
    encodeChartPoint(values),
  );
  db.function('hw_merge_minutes', { deterministic: true }, (stored: unknown, delta: unknown) =>
    mergeMinuteCells(stored as Uint8Array, delta as Uint8Array),
  );
}

const mergedMin = 'coalesce(min(latency_min, excluded.latency_min), latency_min, excluded.latency_min)';
const mergedMax = 'coalesce(max(latency_max, excluded.latency_max), latency_max, excluded.latency_max)';

/** The statistics columns of the hourly and daily rollups; the first seven in chart-point order. */
const CELL_COLUMNS = [
  'count',
  'failures',
  'latency_sum',
  'latency_min',
  'latency_max',
  'p50',
  'p95',
  'hist',
  'chart',
] as const;
type CellColumn = (typeof CELL_COLUMNS)[number];

/** Each column's value once a delta merges into a stored row (SET reads the stored row's old values). */
const MERGED_STATS = {
  count: 'count + excluded.count',
  failures: 'failures + excluded.failures',
  latency_sum: 'latency_sum + excluded.latency_sum',
  latency_min: mergedMin,
  latency_max: mergedMax,
  p50: `hw_merged_p50(hist, excluded.hist, ${mergedMin}, ${mergedMax})`,
  p95: `hw_merged_p95(hist, excluded.hist, ${mergedMin}, ${mergedMax})`,
};
const MERGED: Record<CellColumn, string> = {
  ...MERGED_STATS,
  hist: 'hw_merge_hist(hist, excluded.hist)',
  chart: `hw_chart_point(t, ${Object.values(MERGED_STATS).join(', ')})`,
};

interface CellUpsert {
  statement: Database.Statement;
  columns: CellColumn[];
}

/**
 * Writes the columns the table has: the v2 migration backfills its rollups before schema v3 adds p50
 * and v4 adds chart.
 */
function cellUpsert(db: Database.Database, table: string): CellUpsert {
  const present = new Set(
    db.prepare<[], string>(`SELECT name FROM pragma_table_info('${table}')`).pluck().all(),
  );
  const columns = CELL_COLUMNS.filter((column) => present.has(column));
  const statement = db.prepare(
    `INSERT INTO ${table} (service, t, ${columns.join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})
     ON CONFLICT (service, t) DO UPDATE SET ${columns.map((column) => `${column} = ${MERGED[column]}`).join(', ')}`,
  );
  return { statement, columns };
}

/** One hour of one service: its minute cells and the hour's own cell. */
interface HourDeltas {
  t: number;
  minutes: MinuteCells;
  cell: RollupCell;
}

interface DayDeltas {
  t: number;
  cell: RollupCell;
}

/** A service's deltas; `hour` and `day` are the last ones touched, since results mostly come in time order. */
interface ServiceDeltas {
  hours: Map<number, HourDeltas>;
  days: Map<number, DayDeltas>;
  hour: HourDeltas | null;
  day: DayDeltas | null;
}

/**
 * Collects rollup deltas in memory during a write transaction and merges them into the rollup tables
 * when the transaction ends, so a batch of N results touches each bucket row once. Minute cells are
 * grouped by hour: one stored row per service per hour (see minute-cells.ts).
 */
export class RollupAccumulator {
  private readonly services = new Map<string, ServiceDeltas>();
  private readonly upsertMinutes: Database.Statement;
  private readonly upsertHour: CellUpsert;
  private readonly upsertDay: CellUpsert;

  constructor(db: Database.Database) {
    registerRollupFunctions(db);
    this.upsertMinutes = db.prepare(
      `INSERT INTO rollup_minute (service, t, cells) VALUES (?, ?, ?)
       ON CONFLICT (service, t) DO UPDATE SET cells = hw_merge_minutes(cells, excluded.cells)`,
    );
    this.upsertHour = cellUpsert(db, 'rollup_hour');
    this.upsertDay = cellUpsert(db, 'rollup_day');
  }

  add(sample: RollupSample): void {
    let deltas = this.services.get(sample.service);
    if (!deltas) {
      deltas = { hours: new Map(), days: new Map(), hour: null, day: null };
      this.services.set(sample.service, deltas);
    }
    const hour = hourDeltas(deltas, bucketStart(sample.at, 'hour'));
    const minute = Math.floor((sample.at - hour.t) / BUCKET_MS.minute);
    let minuteCell = hour.minutes.get(minute);
    if (!minuteCell) hour.minutes.set(minute, (minuteCell = emptyCell()));
    const bin = binOf(sample.latencyMs);
    addToCell(minuteCell, sample.ok, sample.latencyMs, bin);
    addToCell(hour.cell, sample.ok, sample.latencyMs, bin);
    addToCell(dayDeltas(deltas, bucketStart(sample.at, 'day')).cell, sample.ok, sample.latencyMs, bin);
  }

  /** Call inside the same transaction as the rows the deltas came from. */
  flush(): void {
    for (const [service, deltas] of this.services) {
      for (const hour of deltas.hours.values()) {
        this.upsertMinutes.run(service, hour.t, encodeMinuteCells(hour.minutes));
        upsertCell(this.upsertHour, service, hour.t, hour.cell);
      }
      for (const day of deltas.days.values()) upsertCell(this.upsertDay, service, day.t, day.cell);
    }
    this.discard();
  }

  /** Drops deltas of a transaction that rolled back. */
  discard(): void {
    this.services.clear();
  }
}

function hourDeltas(deltas: ServiceDeltas, t: number): HourDeltas {
  if (deltas.hour?.t === t) return deltas.hour;
  let hour = deltas.hours.get(t);
  if (!hour) deltas.hours.set(t, (hour = { t, minutes: new Map(), cell: emptyCell() }));
  deltas.hour = hour;
  return hour;
}

function dayDeltas(deltas: ServiceDeltas, t: number): DayDeltas {
  if (deltas.day?.t === t) return deltas.day;
  let day = deltas.days.get(t);
  if (!day) deltas.days.set(t, (day = { t, cell: emptyCell() }));
  deltas.day = day;
  return day;
}

function upsertCell(upsert: CellUpsert, service: string, t: number, cell: RollupCell): void {
  const stats = cellStats(cell);
  const values: Record<CellColumn, unknown> = {
    count: stats[0],
    failures: stats[1],
    latency_sum: stats[2],
    latency_min: stats[3],
    latency_max: stats[4],
    p50: stats[5],
    p95: stats[6],
    hist: encodeHistogram(cell.hist),
    chart: encodeChartPoint([t, ...stats]),
  };
  upsert.statement.run(service, t, ...upsert.columns.map((column) => values[column]));
}
