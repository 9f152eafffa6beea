import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/audit.ts';
import { timeRangeSchema, type TimeRange } from '../../../shared/history.ts';
import type { Report } from '../../../shared/reports.ts';
import type { ReportRecord } from './store.ts';
import { parseOrThrow } from './validate.ts';

export type BreakerAuditEvent = Extract<AuditEvent, { kind: 'breaker' }>;

/** Called for every healthy probe result in time order; the row is reused, so copy what you keep. */
export type LatencyVisitor = (at: number, service: string, latencyMs: number) => void;

/**
 * Reads what a threshold replay needs: healthy latencies, breaker changes and the bot's reports.
 * A month of one-minute checks is about a million results, so latencies are streamed, never
 * collected.
 */
export class ReplayReads {
  private readonly okLatencies: Database.Statement<[number, number], unknown[]>;
  private readonly breakerEvents: Database.Statement<[number, number], { event: string }>;
  private readonly breakerEventsBefore: Database.Statement<[number], { event: string }>;
  private readonly reportRows: Database.Statement<[number, number], { received_at: number; report: string }>;

  constructor(db: Database.Database) {
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
