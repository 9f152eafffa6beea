import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AuditEvent } from '../../../shared/audit.ts';
import {
  CHECK_REASONS,
  type AuditPage,
  type AuditQuery,
  type CheckRunRecord,
  type CheckpointRow,
  type ExportQuery,
  type LevelTimelinePoint,
  type RecentResultsQuery,
  type SeriesPoint,
  type ServiceSeriesQuery,
  type StoreHealth,
  type StoredResult,
  type TimeRange,
} from '../../../shared/history.ts';
import { PROBE_OUTCOMES, type ProbeResult } from '../../../shared/probe.ts';
import type { ReportRecord } from '../../../shared/reports.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { writeExport, type ExportSink } from './export.ts';
import { LatestResults } from './latest-results.ts';
import { NoticeStore } from './notices.ts';
import { HistoryQueries } from './queries.ts';
import { applyRetention, type RetentionOutcome, type RetentionPolicy } from './retention.ts';
import { ResultInserter } from './result-insert.ts';
import { RollupAccumulator } from './rollups.ts';
import { ReplayReads, type BreakerAuditEvent, type LatencyVisitor } from './replay-reads.ts';
import { parseRetention, type RetentionInput } from './retention.ts';
import { auditService } from './rows.ts';
import { errorMessage, parseOrThrow } from '../../../shared/errors.ts';

const beginCheckSchema = z
  .object({
    reason: z.enum(CHECK_REASONS),
    checkpoint: z.string().min(1).max(64).optional(),
    dueAt: z.number().int().nonnegative().optional(),
    lagMs: z.number().finite().optional(),
    startedAt: z.number().int().nonnegative(),
  })
  .strict();
export type BeginCheck = z.infer<typeof beginCheckSchema>;

const missedCheckSchema = z
  .object({
    checkpoint: z.string().min(1).max(64),
    dueAt: z.number().int().nonnegative(),
    detectedAt: z.number().int().nonnegative(),
  })
  .strict();
export type MissedCheckRecord = z.infer<typeof missedCheckSchema>;

/** What a stored result must look like; a result failing this is left out and reported in health(). */
const storableResultSchema = z.object({
  service: z.string().min(1),
  kind: z.string(),
  outcome: z.enum(PROBE_OUTCOMES),
  latencyMs: z.number().finite().nonnegative(),
  reason: z.string(),
  at: z.number().int().nonnegative(),
});

export interface FinishCheck {
  finishedAt: number;
  results: ProbeResult[];
}

const RETENTION_FIRST_RUN_MS = 60_000;
const RETENTION_EVERY_MS = 86_400_000;

export interface StoreOptions {
  db: Database.Database;
  clock: Clock;
  retention: RetentionPolicy;
  /** the database file, null when the store lives in memory */
  file: string | null;
  /** why the store is not persistent from the start (in memory), shown in health() */
  notPersistentBecause?: string;
  /** run retention a minute after opening and then every 24 h (default true) */
  scheduleRetention?: boolean;
}

/**
 * The history store. Writes never throw into the engine: a write the disk refuses is dropped,
 * counted, and reported through health() and onHealthChange until a later write succeeds.
 */
export class Store {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private retention: RetentionPolicy;
  private readonly file: string | null;
  private readonly inMemory: boolean;
  private readonly queries: HistoryQueries;
  private readonly rollups: RollupAccumulator;
  private readonly latest: LatestResults;
  private readonly results: ResultInserter;
  private readonly replayReads: ReplayReads;
  /** The notification center's notices, outbox and snoozes. */
  readonly notices: NoticeStore;
  private readonly statements;
  /** Begun but not finished runs, so finishCheck can write the whole run if its begin was lost. */
  private readonly openRuns = new Map<number, BeginCheck>();
  private readonly healthListeners = new Set<(health: StoreHealth) => void>();
  /** Runs whose start could not be saved get negative ids until they can be (see finishCheck). */
  private unsavedRuns = 0;
  private depth = 0;
  private failing = false;
  private lastError: string | null;
  private droppedWrites = 0;
  private lastStateJson: string | null = null;
  /** The database file as opened; a file deleted or replaced under the engine no longer matches. */
  private identity: string | null = null;
  private retentionTimer: TimerHandle | null = null;
  private closed = false;
  /** Built once: better-sqlite3 takes longer to build a transaction function than to run a small one. */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(options: StoreOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.retention = options.retention;
    this.file = options.file;
    this.inMemory = options.notPersistentBecause !== undefined || options.file === null;
    this.lastError = options.notPersistentBecause ?? null;
    this.queries = new HistoryQueries(this.db);
    this.rollups = new RollupAccumulator(this.db);
    this.latest = new LatestResults(this.db);
    this.results = new ResultInserter(this.db);
    this.replayReads = new ReplayReads(this.db);
    this.notices = new NoticeStore(this.db, (what, fn, fallback) => this.write(what, fn, fallback));
    this.statements = {
      // SQLite picks the ids, so two processes writing the same file can never share one.
      beginRun: this.db.prepare(
        `INSERT INTO check_runs (reason, checkpoint, due_at, lag_ms, started_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      finishRun: this.db.prepare(
        `INSERT INTO check_runs (id, reason, checkpoint, due_at, lag_ms, started_at, finished_at, all_healthy,
           failed_services, first_result_id, last_result_id)
         VALUES (@id, @reason, @checkpoint, @dueAt, @lagMs, @startedAt, @finishedAt, @allHealthy, @failedServices,
           @firstResultId, @lastResultId)
         ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, all_healthy = excluded.all_healthy,
           failed_services = excluded.failed_services, first_result_id = excluded.first_result_id,
           last_result_id = excluded.last_result_id
         WHERE check_runs.finished_at IS NULL`,
      ),
      finishKnownRun: this.db.prepare(
        `UPDATE check_runs SET finished_at = @finishedAt, all_healthy = @allHealthy, failed_services = @failedServices,
           first_result_id = @firstResultId, last_result_id = @lastResultId WHERE id = @id AND finished_at IS NULL`,
      ),
      missedRun: this.db.prepare(
        `INSERT INTO check_runs (reason, checkpoint, due_at, lag_ms, started_at, finished_at)
         VALUES ('missed', ?, ?, ?, ?, ?)`,
      ),
      insertAudit: this.db.prepare('INSERT INTO audit_log (at, kind, service, event) VALUES (?, ?, ?, ?)'),
      insertReport: this.db.prepare(
        'INSERT INTO reports (received_at, at, type, report) VALUES (?, ?, ?, ?)',
      ),
      saveState: this.db.prepare(
        `INSERT INTO engine_state (id, saved_at, state) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state`,
      ),
      loadState: this.db.prepare<[], { state: string }>('SELECT state FROM engine_state WHERE id = 1'),
      lastLevelChange: this.db.prepare<[], { at: number }>(
        // The latest written, not the latest by time: a clock set back makes those differ.
        "SELECT at FROM audit_log WHERE kind = 'level' ORDER BY id DESC LIMIT 1",
      ),
    };
    this.identity = this.file === null || this.inMemory ? null : fileIdentity(this.file);
    this.inTransaction = this.db.transaction((fn: () => unknown) => {
      this.depth += 1;
      try {
        const value = fn();
        this.rollups.flush();
        this.latest.flush();
        return value;
      } finally {
        this.depth -= 1;
      }
    });
    if (options.scheduleRetention ?? true) this.scheduleRetention(RETENTION_FIRST_RUN_MS);
  }

  health(): StoreHealth {
    return {
      persistent: !this.inMemory && !this.failing && !this.closed,
      lastError: this.lastError,
      droppedWrites: this.droppedWrites,
      file: this.inMemory ? null : this.file,
    };
  }

  /** Notices a database file deleted or replaced while in use without waiting for the next write. */
  checkFile(): void {
    if (this.failing || this.closed) return;
    const gone = this.fileGone();
    if (!gone) return;
    this.lastError = gone.message;
    this.failing = true;
    this.emitHealth();
  }

  /** Called when writes start failing or recover. Returns an unsubscribe function. */
  onHealthChange(listener: (health: StoreHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Runs `fn` as one transaction: every write inside commits together or not at all. */
  batch(fn: () => void): void {
    this.write('batch', fn, undefined);
  }

  /** The run's id; negative when its start could not be saved (finishCheck still saves it whole). */
  beginCheck(run: BeginCheck): number {
    const parsed = parseOrThrow(beginCheckSchema, run, 'beginCheck');
    const id =
      this.write(`start of a ${parsed.reason} check`, () => this.insertRun(parsed), null) ??
      -++this.unsavedRuns;
    this.openRuns.set(id, parsed);
    return id;
  }

  private insertRun(run: BeginCheck): number {
    const { lastInsertRowid } = this.statements.beginRun.run(
      run.reason,
      run.checkpoint ?? null,
      run.dueAt ?? null,
      run.lagMs ?? null,
      run.startedAt,
    );
    return Number(lastInsertRowid);
  }

  /** Results, their rollups and the run's outcome in one transaction. */
  finishCheck(id: number, finish: FinishCheck): void {
    const storable: ProbeResult[] = [];
    const rejected: string[] = [];
    for (const result of finish.results) {
      const check = storableResultSchema.safeParse(result);
      if (check.success) storable.push(result);
      else
        rejected.push(
          `${String(result?.service)}: ${check.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`,
        );
    }
    if (rejected.length) this.noteProblem(`check run ${id}: results left out: ${rejected.join('; ')}`);
    const failed = [...new Set(storable.filter((r) => r.outcome !== 'ok').map((r) => r.service))].sort();
    const allHealthy = failed.length === 0 ? 1 : 0;
    const begun = this.openRuns.get(id);
    this.write(
      `check run ${id}`,
      () => {
        const runId = begun && id < 0 ? this.insertRun(begun) : id;
        const ids = this.results.insert(runId, storable);
        storable.forEach((result, i) => {
          this.latest.add(result.service, ids[i] ?? 0, result.at);
          this.rollups.add({
            service: result.service,
            at: result.at,
            ok: result.outcome === 'ok',
            latencyMs: result.latencyMs,
          });
        });
        const firstResultId = ids[0] ?? null;
        const lastResultId = ids.at(-1) ?? null;
        const outcome = {
          id: runId,
          finishedAt: finish.finishedAt,
          allHealthy,
          failedServices: JSON.stringify(failed),
          firstResultId,
          lastResultId,
        };
        if (begun) {
          const { changes } = this.statements.finishRun.run({
            ...outcome,
            reason: begun.reason,
            checkpoint: begun.checkpoint ?? null,
            dueAt: begun.dueAt ?? null,
            lagMs: begun.lagMs ?? null,
            startedAt: begun.startedAt,
          });
          if (changes === 0) throw new Error(`no unfinished check run with id ${id}`);
        } else if (this.statements.finishKnownRun.run(outcome).changes === 0) {
          throw new Error(`no unfinished check run with id ${id}`);
        }
      },
      undefined,
    );
    this.openRuns.delete(id);
  }

  /** A scheduled check that never ran, kept as a run with reason 'missed' for the checkpoint table. */
  recordMissedCheck(miss: MissedCheckRecord): number {
    const { checkpoint, dueAt, detectedAt } = parseOrThrow(missedCheckSchema, miss, 'recordMissedCheck');
    const saved = this.write(
      `missed ${checkpoint} check due ${new Date(dueAt).toISOString()}`,
      () =>
        Number(
          this.statements.missedRun.run(checkpoint, dueAt, detectedAt - dueAt, detectedAt, detectedAt)
            .lastInsertRowid,
        ),
      null,
    );
    return saved ?? -++this.unsavedRuns;
  }

  appendAudit(event: AuditEvent): void {
    this.write(
      `audit event (${event.kind} at ${event.at})`,
      () => {
        this.statements.insertAudit.run(event.at, event.kind, auditService(event), JSON.stringify(event));
      },
      undefined,
    );
  }

  /** True when the reports were saved (a refused write is counted and reported by health()). */
  insertReports(reports: ReportRecord[]): boolean {
    if (reports.length === 0) return true;
    return this.write(
      `${reports.length} bot reports`,
      () => {
        for (const { receivedAt, ...report } of reports) {
          this.statements.insertReport.run(
            receivedAt,
            report.at ?? null,
            report.type,
            JSON.stringify(report),
          );
        }
        return true;
      },
      false,
    );
  }

  saveEngineState(state: unknown): void {
    let json: string;
    try {
      json = JSON.stringify(state);
    } catch (error) {
      this.noteProblem(`engine state not saved: ${errorMessage(error)}`);
      return;
    }
    this.lastStateJson = json;
    this.write('engine state', () => void this.statements.saveState.run(this.clock.now(), json), undefined);
  }

  /** Tells "never saved" from "saved but unreadable": the engine must not start at NORMAL after the latter. */
  readEngineState():
    { kind: 'none' } | { kind: 'saved'; state: unknown } | { kind: 'unreadable'; reason: string } {
    try {
      const row = this.statements.loadState.get();
      if (row) return { kind: 'saved', state: JSON.parse(row.state) as unknown };
    } catch (error) {
      this.noteProblem(`engine state not read: ${errorMessage(error)}`);
      if (this.lastStateJson === null) return { kind: 'unreadable', reason: errorMessage(error) };
    }
    return this.lastStateJson === null
      ? { kind: 'none' }
      : { kind: 'saved', state: JSON.parse(this.lastStateJson) as unknown };
  }

  /** The time of the last level change the audit recorded; null when none (or unreadable). */
  lastLevelChangeAt(): number | null {
    try {
      return this.statements.lastLevelChange.get()?.at ?? null;
    } catch (error) {
      this.noteProblem(`audit not read: ${errorMessage(error)}`);
      return null;
    }
  }

  latestResults(): ProbeResult[] {
    return this.queries.latestResults();
  }
  levelTimeline(from: number, to: number): LevelTimelinePoint[] {
    return this.queries.levelTimeline({ from, to });
  }
  serviceSeries(query: ServiceSeriesQuery): SeriesPoint[] {
    return this.queries.serviceSeries(query);
  }
  checkpoints(range: TimeRange): CheckpointRow[] {
    return this.queries.checkpoints(range);
  }
  audit(query: AuditQuery): AuditPage {
    return this.queries.audit(query);
  }
  checkRun(id: number): CheckRunRecord | null {
    return this.queries.checkRun(id);
  }
  recentResults(query: RecentResultsQuery): StoredResult[] {
    return this.queries.recentResults(query);
  }

  /** For threshold replays: healthy latencies in time order, streamed; returns how many. */
  forEachOkLatency(range: TimeRange, visit: LatencyVisitor): number {
    return this.replayReads.forEachOkLatency(range, visit);
  }
  /** For threshold replays: the healthy latencies that move between `boundsMs` (see ReplayReads). */
  forEachLatencyBandChange(range: TimeRange, boundsMs: readonly number[], visit: LatencyVisitor): number {
    return this.replayReads.forEachLatencyBandChange(range, boundsMs, visit);
  }
  breakerChanges(range: TimeRange): BreakerAuditEvent[] {
    return this.replayReads.breakerChanges(range);
  }
  breakerChangesBefore(at: number): BreakerAuditEvent[] {
    return this.replayReads.breakerChangesBefore(at);
  }
  reports(range: TimeRange): ReportRecord[] {
    return this.replayReads.reports(range);
  }

  /** Streams the export to `sink`; returns the number of rows written. */
  exportTo(query: ExportQuery, sink: ExportSink): number {
    return writeExport(this.db, query, sink);
  }

  /** Applies from the next retention run on. */
  setRetention(input: RetentionInput): void {
    this.retention = parseRetention(input);
  }

  runRetention(now: number = this.clock.now()): RetentionOutcome | null {
    try {
      return applyRetention(this.db, this.retention, now);
    } catch (error) {
      this.noteProblem(`retention failed: ${errorMessage(error)}`);
      return null;
    }
  }

  /** Checkpoints the WAL into the main file and closes. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.retentionTimer?.cancel();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.noteProblem(`closing checkpoint failed: ${errorMessage(error)}`);
    }
    this.db.close();
    this.closed = true;
  }

  private scheduleRetention(delayMs: number): void {
    this.retentionTimer = this.clock.setTimer(() => {
      if (this.closed) return;
      this.runRetention();
      this.scheduleRetention(RETENTION_EVERY_MS);
    }, delayMs);
  }

  private write<T>(what: string, fn: () => T, fallback: T): T {
    if (this.closed) {
      this.markFailed(what, new Error('the store is closed'));
      return fallback;
    }
    if (this.depth > 0) return fn();
    try {
      const result = this.inTransaction(fn) as T;
      // SQLite writes on into a deleted file without a word: what it saves there is lost at close.
      const gone = this.fileGone();
      if (gone) {
        this.markFailed(what, gone);
        return result;
      }
      this.markSaved();
      return result;
    } catch (error) {
      this.rollups.discard();
      this.latest.discard();
      this.markFailed(what, error);
      return fallback;
    }
  }

  private fileGone(): FileGoneError | null {
    if (this.identity === null || fileIdentity(this.file ?? '') === this.identity) return null;
    return new FileGoneError(`${this.file} was deleted or replaced while in use`);
  }

  private markFailed(what: string, error: unknown): void {
    this.droppedWrites += 1;
    this.lastError = `${what} not saved: ${errorMessage(error)}`;
    // A bad write (unknown check id, a throwing batch) says nothing about the disk.
    if (!isStorageError(error) && !this.closed) return;
    const changed = !this.failing;
    this.failing = true;
    if (changed) this.emitHealth();
  }

  private markSaved(): void {
    if (!this.failing) return;
    this.failing = false;
    this.emitHealth();
  }

  private noteProblem(message: string): void {
    this.lastError = message;
  }

  private emitHealth(): void {
    const health = this.health();
    for (const listener of this.healthListeners) {
      try {
        listener(health);
      } catch {
        // A listener's failure must not break the write path; listeners report their own errors.
      }
    }
  }
}

class FileGoneError extends Error {
  readonly code = 'SQLITE_CANTOPEN_FILE_GONE';
}

/** Device and inode: one stat per write, far cheaper than the transaction it follows. */
function fileIdentity(file: string): string | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.dev}:${stat.ino}` : null;
}

/** SQLite result codes that mean the disk or file refused the write, not that the write was wrong. */
const STORAGE_ERRORS = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED|PERM|PROTOCOL)/;

function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_ERRORS.test(code);
}
