import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/audit.ts';
import { timeRangeSchema, type TimeRange } from '../../../shared/history.ts';
import { BUCKET_MS, bucketStart } from './rollups.ts';
import type { Report, ReportRecord } from '../../../shared/reports.ts';
import { parseOrThrow } from '../../../shared/errors.ts';

export type BreakerAuditEvent = Extract<AuditEvent, { kind: 'breaker' }>;

export type LatencyVisitor = (at: number, service: string, latencyMs: number) => void;

/** How many of the sorted `bounds` a latency reaches. */
function bandOf(ms: number, bounds: readonly number[]): number {
  let reached = 0;
  for (const bound of bounds) if (ms >= bound) reached++;
  return reached;
}

/**
 * Reads what a threshold replay needs: healthy latencies, breaker changes and the bot's reports.
 * A month of one-minute checks is about a million results: reading them all takes seconds, so the
 * latencies come from the hourly rollups wherever those prove nothing changed.
 */
export class ReplayReads {
  private readonly okLatencies: Database.Statement<[number, number], unknown[]>;
  private readonly breakerEvents: Database.Statement<[number, number], { event: string }>;
  private readonly breakerEventsBefore: Database.Statement<[number], { event: string }>;
  private readonly reportRows: Database.Statement<[number, number], { received_at: number; report: string }>;

  private readonly hourRanges: Database.Statement<
    [number, number],
    { service: string; t: number; latency_min: number | null; latency_max: number | null }
  >;
  private readonly serviceHour: Database.Statement<[number, number, string], unknown[]>;
  private readonly lastOk: Database.Statement<
    [number, number],
    { id: number; at: number; service: string; latency_ms: number }
  >;
  private readonly okCount: Database.Statement<[number, number], number>;
  private readonly okCountFromHours: Database.Statement<[number, number], number | null>;

  constructor(db: Database.Database) {
    this.hourRanges = db.prepare(
      'SELECT service, t, latency_min, latency_max FROM rollup_hour WHERE t >= ? AND t < ? ORDER BY t, service',
    );
    this.serviceHour = db
      .prepare<[number, number, string], unknown[]>(
        `SELECT id, at, latency_ms FROM probe_results INDEXED BY probe_results_at
         WHERE at >= ? AND at < ? AND service = ? AND outcome = 'ok' ORDER BY at, id`,
      )
      .raw(true);
    this.lastOk = db.prepare(
      `SELECT id, at, service, latency_ms FROM probe_results INDEXED BY probe_results_at
       WHERE at >= ? AND at < ? AND outcome = 'ok' ORDER BY at DESC, id DESC LIMIT 1`,
    );
    this.okCount = db
      .prepare<[number, number], number>(
        "SELECT count(*) FROM probe_results WHERE at >= ? AND at < ? AND outcome = 'ok'",
      )
      .pluck();
    this.okCountFromHours = db
      .prepare<[number, number], number | null>(
        'SELECT sum(count - failures) FROM rollup_hour WHERE t >= ? AND t < ?',
      )
      .pluck();
    this.okLatencies = db
      .prepare<[number, number], unknown[]>(
        `SELECT at, service, latency_ms FROM probe_results INDEXED BY probe_results_at
         WHERE at >= ? AND at < ? AND outcome = 'ok' ORDER BY at, id`,
      )
      .raw(true);
    this.breakerEvents = db.prepare(
      "SELECT event FROM audit_log WHERE kind = 'breaker' AND at >= ? AND at < ? ORDER BY at, id",
    );
    // The newest change of each service before the range: the state its breaker was in at `from`.
    this.breakerEventsBefore = db.prepare(
      `SELECT event FROM audit_log a WHERE a.id IN (
         SELECT (SELECT b.id FROM audit_log b WHERE b.kind = 'breaker' AND b.service = s.service AND b.at < ?
                 ORDER BY b.at DESC, b.id DESC LIMIT 1)
         FROM (SELECT DISTINCT service FROM audit_log WHERE kind = 'breaker' AND service IS NOT NULL) s)
       ORDER BY a.at, a.id`,
    );
    this.reportRows = db.prepare(
      'SELECT received_at, report FROM reports WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id',
    );
  }

  forEachOkLatency(range: TimeRange, visit: LatencyVisitor): number {
    const { from, to } = parseOrThrow(timeRangeSchema, range, 'forEachOkLatency');
    let count = 0;
    for (const row of this.okLatencies.iterate(from, to)) {
      const [at, service, latencyMs] = row as [number, string, number];
      visit(at, service, latencyMs);
      count++;
    }
    return count;
  }

  /**
   * The healthy latencies whose band among `boundsMs` (how many bounds they reach) differs from the
   * previous healthy latency of their service, plus the range's last healthy latency, in the order
   * they were recorded. A service-hour whose rollup minimum and maximum sit in the band the service
   * is already in holds no such latency and is not read. Returns how many healthy latencies the range
   * holds in all.
   */
  forEachLatencyBandChange(range: TimeRange, boundsMs: readonly number[], visit: LatencyVisitor): number {
    const { from, to } = parseOrThrow(timeRangeSchema, range, 'forEachLatencyBandChange');
    const bounds = [...new Set(boundsMs)].sort((a, b) => a - b);
    const lastBand = new Map<string, number>();
    const changes: [id: number, at: number, service: string, ms: number][] = [];
    for (const hour of this.hourRanges.all(bucketStart(from, 'hour'), to)) {
      if (hour.latency_min === null || hour.latency_max === null) continue;
      const before = lastBand.get(hour.service);
      const low = bandOf(hour.latency_min, bounds);
      if (before === low && bandOf(hour.latency_max, bounds) === low) continue;
      const start = Math.max(from, hour.t);
      const end = Math.min(to, hour.t + BUCKET_MS.hour);
      for (const row of this.serviceHour.iterate(start, end, hour.service)) {
        const [id, at, ms] = row as [number, number, number];
        const band = bandOf(ms, bounds);
        if (lastBand.get(hour.service) === band) continue;
        lastBand.set(hour.service, band);
        changes.push([id, at, hour.service, ms]);
      }
    }
    const last = this.lastOk.get(from, to);
    if (last && !changes.some(([id]) => id === last.id))
      changes.push([last.id, last.at, last.service, last.latency_ms]);
    // Results of one check share their time: the order they were recorded in decides what rose first.
    changes.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    for (const [, at, service, ms] of changes) visit(at, service, ms);
    return this.countOk(from, to);
  }

  /** Whole hours from the rollups, the partial hours at either end from the raw rows. */
  private countOk(from: number, to: number): number {
    const firstWhole = Math.min(to, bucketStart(from + BUCKET_MS.hour - 1, 'hour'));
    const lastWhole = Math.max(firstWhole, bucketStart(to, 'hour'));
    return (
      this.okCount.get(from, firstWhole)! +
      (this.okCountFromHours.get(firstWhole, lastWhole) ?? 0) +
      this.okCount.get(lastWhole, to)!
    );
  }

  /** Breaker changes in the range, oldest first. */
  breakerChanges(range: TimeRange): BreakerAuditEvent[] {
    const { from, to } = parseOrThrow(timeRangeSchema, range, 'breakerChanges');
    return this.breakerEvents.all(from, to).map((row) => JSON.parse(row.event) as BreakerAuditEvent);
  }

  /** The last breaker change of every service before `at`. */
  breakerChangesBefore(at: number): BreakerAuditEvent[] {
    return this.breakerEventsBefore.all(at).map((row) => JSON.parse(row.event) as BreakerAuditEvent);
  }

  /** The bot's reports received in the range, oldest first. */
  reports(range: TimeRange): ReportRecord[] {
    const { from, to } = parseOrThrow(timeRangeSchema, range, 'reports');
    return this.reportRows
      .all(from, to)
      .map((row) => ({ ...(JSON.parse(row.report) as Report), receivedAt: row.received_at }));
  }
}
