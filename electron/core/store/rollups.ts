import type Database from 'better-sqlite3';
import type { SeriesBucket } from '../../../shared/history.ts';
import { decodeHistogram, encodeHistogram, histogramP95, mergeInto } from './latency-histogram.ts';
import { encodeMinuteCells, mergeMinuteCells, type MinuteCells } from './minute-cells.ts';
import { addToCell, cellP95, emptyCell, type RollupCell } from './rollup-cell.ts';

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

/** SQL functions the rollup upserts use to merge inside SQLite, so no read comes before a write. */
function registerMergeFunctions(db: Database.Database): void {
  db.function('hw_merge_hist', { deterministic: true }, (stored: unknown, delta: unknown) => {
    const hist = decodeHistogram(stored as Uint8Array);
    mergeInto(hist, decodeHistogram(delta as Uint8Array));
    return encodeHistogram(hist);
  });
  db.function(
    'hw_merged_p95',
    { deterministic: true },
    (stored: unknown, delta: unknown, min: unknown, max: unknown) => {
      if (min === null || max === null) return null;
      const hist = decodeHistogram(stored as Uint8Array);
      mergeInto(hist, decodeHistogram(delta as Uint8Array));
      return histogramP95(hist, min as number, max as number);
    },
  );
  db.function('hw_merge_minutes', { deterministic: true }, (stored: unknown, delta: unknown) =>
    mergeMinuteCells(stored as Uint8Array, delta as Uint8Array),
  );
}

const mergedMin = 'coalesce(min(latency_min, excluded.latency_min), latency_min, excluded.latency_min)';
const mergedMax = 'coalesce(max(latency_max, excluded.latency_max), latency_max, excluded.latency_max)';

function cellUpsert(db: Database.Database, table: string): Database.Statement {
  return db.prepare(
    `INSERT INTO ${table} (service, t, count, failures, latency_sum, latency_min, latency_max, p95, hist)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (service, t) DO UPDATE SET
       count = count + excluded.count,
       failures = failures + excluded.failures,
       latency_sum = latency_sum + excluded.latency_sum,
       latency_min = ${mergedMin},
       latency_max = ${mergedMax},
       p95 = hw_merged_p95(hist, excluded.hist, ${mergedMin}, ${mergedMax}),
       hist = hw_merge_hist(hist, excluded.hist)`,
  );
}

type CellsByTime = Map<number, RollupCell>;

function cellAt(byService: Map<string, CellsByTime>, service: string, t: number): RollupCell {
  let byTime = byService.get(service);
  if (!byTime) byService.set(service, (byTime = new Map()));
  let cell = byTime.get(t);
  if (!cell) byTime.set(t, (cell = emptyCell()));
  return cell;
}

/**
 * Collects rollup deltas in memory during a write transaction and merges them into the rollup tables
 * when the transaction ends, so a batch of N results touches each bucket row once. Minute cells are
 * grouped by hour: one stored row per service per hour (see minute-cells.ts).
 */
export class RollupAccumulator {
  /** service → hour start → minute of the hour → delta */
  private readonly minutes = new Map<string, Map<number, MinuteCells>>();
  private readonly hours = new Map<string, CellsByTime>();
  private readonly days = new Map<string, CellsByTime>();
  private readonly upsertMinutes: Database.Statement;
  private readonly upsertHour: Database.Statement;
  private readonly upsertDay: Database.Statement;

  constructor(db: Database.Database) {
    registerMergeFunctions(db);
    this.upsertMinutes = db.prepare(
      `INSERT INTO rollup_minute (service, t, cells) VALUES (?, ?, ?)
       ON CONFLICT (service, t) DO UPDATE SET cells = hw_merge_minutes(cells, excluded.cells)`,
    );
    this.upsertHour = cellUpsert(db, 'rollup_hour');
    this.upsertDay = cellUpsert(db, 'rollup_day');
  }

  add(sample: RollupSample): void {
    const hour = bucketStart(sample.at, 'hour');
    let byHour = this.minutes.get(sample.service);
    if (!byHour) this.minutes.set(sample.service, (byHour = new Map()));
    let cells = byHour.get(hour);
    if (!cells) byHour.set(hour, (cells = new Map()));
    const minute = Math.floor((sample.at - hour) / BUCKET_MS.minute);
    let minuteCell = cells.get(minute);
    if (!minuteCell) cells.set(minute, (minuteCell = emptyCell()));
    addToCell(minuteCell, sample.ok, sample.latencyMs);
    addToCell(cellAt(this.hours, sample.service, hour), sample.ok, sample.latencyMs);
    addToCell(cellAt(this.days, sample.service, bucketStart(sample.at, 'day')), sample.ok, sample.latencyMs);
  }

  /** Call inside the same transaction as the rows the deltas came from. */
  flush(): void {
    for (const [service, byHour] of this.minutes) {
      for (const [t, cells] of byHour) this.upsertMinutes.run(service, t, encodeMinuteCells(cells));
    }
    for (const [cells, upsert] of [
      [this.hours, this.upsertHour],
      [this.days, this.upsertDay],
    ] as const) {
      for (const [service, byTime] of cells) {
        for (const [t, cell] of byTime) {
          upsert.run(
            service,
            t,
            cell.count,
            cell.failures,
            cell.latencySum,
            cell.latencyMin,
            cell.latencyMax,
            cellP95(cell),
            encodeHistogram(cell.hist),
          );
        }
      }
    }
    this.discard();
  }

  /** Drops deltas of a transaction that rolled back. */
  discard(): void {
    this.minutes.clear();
    this.hours.clear();
    this.days.clear();
  }
}
