import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/audit.ts';
import {
  auditQuerySchema,
  recentResultsQuerySchema,
  serviceSeriesQuerySchema,
  timeRangeSchema,
  type AuditPage,
  type AuditQuery,
  type CheckRunRecord,
  type CheckpointRow,
  type LevelTimelinePoint,
  type RecentResultsQuery,
  type SeriesPoint,
  type ServiceSeriesQuery,
  type StoredResult,
  type TimeRange,
} from '../../../shared/history.ts';
import type { ProbeResult } from '../../../shared/probe.ts';
import { decodeChartPoints, seriesPoint } from './chart-points.ts';
import { decodeMinuteCells } from './minute-cells.ts';
import { cellStats } from './rollup-cell.ts';
import { BUCKET_MS, ROLLUP_TABLE, bucketStart } from './rollups.ts';
import {
  RESULT_COLUMNS,
  failedServicesOf,
  healthOf,
  reasonOf,
  toAuditRow,
  toProbeResult,
  toStoredResult,
  type AuditColumns,
  type CheckRunColumns,
  type ResultColumns,
} from './rows.ts';
import { parseOrThrow } from '../../../shared/errors.ts';

/** Read side of the history store. Every input is validated; ranges are [from, to). */
export class HistoryQueries {
  private readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.db = db;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** The latest result of every service whose latest result is still in the raw history. */
  latestResults(): ProbeResult[] {
    return this.db
      .prepare<[], ResultColumns>(
        `SELECT ${RESULT_COLUMNS.split(', ')
          .map((c) => `r.${c}`)
          .join(', ')}
         FROM latest_results l JOIN probe_results r ON r.id = l.result_id ORDER BY l.service`,
      )
      .all()
      .map(toProbeResult);
  }

  /** Level changes in the range, led by the level already in force at `from` when one is known. */
  levelTimeline(input: TimeRange): LevelTimelinePoint[] {
    const { from, to } = parseOrThrow(timeRangeSchema, input, 'levelTimeline');
    const before = this.db
      .prepare<[number], AuditColumns>(
        "SELECT id, event FROM audit_log WHERE kind = 'level' AND at < ? ORDER BY at DESC, id DESC LIMIT 1",
      )
      .get(from);
    const within = this.db
      .prepare<[number, number], AuditColumns>(
        "SELECT id, event FROM audit_log WHERE kind = 'level' AND at >= ? AND at < ? ORDER BY at, id",
      )
      .all(from, to);
    const points: LevelTimelinePoint[] = [];
    if (before) {
      const event = JSON.parse(before.event) as Extract<AuditEvent, { kind: 'level' }>;
      points.push({ at: from, level: event.to });
    }
    for (const row of within) {
      const event = JSON.parse(row.event) as Extract<AuditEvent, { kind: 'level' }>;
      const point: LevelTimelinePoint = { at: event.at, level: event.to, previous: event.from };
      if (event.reason !== undefined) point.reason = event.reason;
      if (event.actor !== undefined) point.actor = event.actor;
      if (event.cause !== undefined) point.cause = event.cause;
      points.push(point);
    }
    return points;
  }

  /** Buckets with data only (the chart fills gaps), read from the bucket's rollup table. */
  serviceSeries(input: ServiceSeriesQuery): SeriesPoint[] {
    const { service, from, to, bucket } = parseOrThrow(serviceSeriesQuerySchema, input, 'serviceSeries');
    if (bucket === 'minute') return this.minuteSeries(service, bucketStart(from, 'minute'), to);
    // One blob per query: SQLite concatenates the rows' packed points (see chart-points.ts).
    const [packed, rows] = this.statement(
      `SELECT CAST(group_concat(chart, '') AS BLOB), count(*) FROM ${ROLLUP_TABLE[bucket]}
       WHERE service = ? AND t >= ? AND t < ?`,
    )
      .raw(true)
      .get(service, bucketStart(from, bucket), to) as [Buffer | null, number];
    const points = packed === null ? [] : decodeChartPoints(packed);
    // group_concat skips a NULL: a row without its point must fail loudly, not vanish from the chart.
    if (points.length !== rows) {
      throw new Error(`${ROLLUP_TABLE[bucket]}: ${rows - points.length} of ${rows} rows have no chart point`);
    }
    return points;
  }

  private minuteSeries(service: string, from: number, to: number): SeriesPoint[] {
    const rows = this.db
      .prepare<[string, number, number], { t: number; cells: Buffer }>(
        'SELECT t, cells FROM rollup_minute WHERE service = ? AND t >= ? AND t < ? ORDER BY t',
      )
      .all(service, bucketStart(from, 'hour'), to);
    const points: SeriesPoint[] = [];
    for (const row of rows) {
      const cells = decodeMinuteCells(row.cells);
      for (const minute of [...cells.keys()].sort((a, b) => a - b)) {
        const cell = cells.get(minute);
        const t = row.t + minute * BUCKET_MS.minute;
        if (!cell || t < from || t >= to) continue;
        points.push(seriesPoint(t, ...cellStats(cell)));
      }
    }
    return points;
  }

  /** Every check tied to a market checkpoint (open, close, …) whose due time falls in the range. */
  checkpoints(input: TimeRange): CheckpointRow[] {
    const { from, to } = parseOrThrow(timeRangeSchema, input, 'checkpoints');
    return this.db
      .prepare<[number, number], CheckRunColumns & { at_: number }>(
        `SELECT *, coalesce(due_at, started_at) AS at_ FROM check_runs
         WHERE checkpoint IS NOT NULL AND coalesce(due_at, started_at) >= ? AND coalesce(due_at, started_at) < ?
         ORDER BY at_, id`,
      )
      .all(from, to)
      .map((row) => ({
        checkId: row.id,
        at: row.at_,
        checkpoint: row.checkpoint ?? '',
        reason: reasonOf(row),
        lagMs: row.lag_ms,
        allHealthy: healthOf(row),
        failedServices: failedServicesOf(row),
      }));
  }

  /** Newest first. */
  audit(input: AuditQuery): AuditPage {
    const query = parseOrThrow(auditQuerySchema, input, 'audit');
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    if (query.from !== undefined) {
      conditions.push('at >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      conditions.push('at < ?');
      params.push(query.to);
    }
    if (query.kinds !== undefined) {
      conditions.push(`kind IN (${query.kinds.map(() => '?').join(', ')})`);
      params.push(...query.kinds);
    }
    if (query.service !== undefined) {
      conditions.push('service = ?');
      params.push(query.service);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = this.db
      .prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${where}`)
      .get(...params);
    const rows = this.db
      .prepare<(string | number)[], AuditColumns>(
        `SELECT id, event FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.offset);
    return { total: total?.n ?? 0, rows: rows.map(toAuditRow) };
  }

  checkRun(id: number): CheckRunRecord | null {
    const run = this.db.prepare<[number], CheckRunColumns>('SELECT * FROM check_runs WHERE id = ?').get(id);
    if (!run) return null;
    const results =
      run.first_result_id === null || run.last_result_id === null
        ? []
        : this.db
            .prepare<[number, number, number], ResultColumns>(
              `SELECT ${RESULT_COLUMNS} FROM probe_results WHERE id BETWEEN ? AND ? AND check_id = ? ORDER BY id`,
            )
            .all(run.first_result_id, run.last_result_id, id)
            .map(toStoredResult);
    return {
      id: run.id,
      reason: reasonOf(run),
      checkpoint: run.checkpoint,
      dueAt: run.due_at,
      lagMs: run.lag_ms,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      durationMs: run.finished_at === null ? null : run.finished_at - run.started_at,
      allHealthy: healthOf(run),
      failedServices: failedServicesOf(run),
      results,
    };
  }

  /** Newest first. */
  recentResults(input: RecentResultsQuery): StoredResult[] {
    const { service, limit } = parseOrThrow(recentResultsQuerySchema, input, 'recentResults');
    if (service === undefined) {
      return this.db
        .prepare<[number], ResultColumns>(
          `SELECT ${RESULT_COLUMNS} FROM probe_results ORDER BY at DESC, id DESC LIMIT ?`,
        )
        .all(limit)
        .map(toStoredResult);
    }
    const latest = this.db
      .prepare<[string], { at: number }>('SELECT at FROM latest_results WHERE service = ?')
      .get(service);
    if (!latest) return [];
    const rows = this.db
      .prepare<[string, number, number], ResultColumns>(
        `SELECT ${RESULT_COLUMNS} FROM probe_results INDEXED BY probe_results_at
         WHERE service = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(service, latest.at, limit);
    return rows.map(toStoredResult);
  }
}
