import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/audit.ts';
import type {
  AuditPage,
  AuditQuery,
  CheckRunRecord,
  CheckpointRow,
  ExportQuery,
  LevelTimelinePoint,
  RecentResultsQuery,
  SeriesPoint,
  ServiceSeriesQuery,
  StoreHealth,
  StoredResult,
  TimeRange,
} from '../../../shared/history.ts';
import type { ProbeResult } from '../../../shared/probe.ts';
import type { ReportRecord } from '../../../shared/reports.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { CheckRunWriter, type BeginCheck, type FinishCheck, type MissedCheckRecord } from './check-runs.ts';
import { EngineStateRecord, type SavedEngineState } from './engine-state.ts';
import { EventLog } from './event-log.ts';
import { writeExport, type ExportSink } from './export.ts';
import { LatestResults } from './latest-results.ts';
import { NoticeStore } from './notices.ts';
import { HistoryQueries } from './queries.ts';
import { applyRetention, type RetentionOutcome, type RetentionPolicy } from './retention.ts';
import { ResultInserter } from './result-insert.ts';
import { RollupAccumulator } from './rollups.ts';
import { ReplayReads, type BreakerAuditEvent, type LatencyVisitor } from './replay-reads.ts';
import { parseRetention, type RetentionInput } from './retention.ts';
import { WriteGuard } from './write-guard.ts';
import { errorMessage } from '../../../shared/errors.ts';

export type { BeginCheck, FinishCheck, MissedCheckRecord };

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
 * The history store: one object over the database, each job in its own file (check runs, the
 * event logs, engine state, reads, export, retention). Writes go through WriteGuard and never
 * throw into the engine.
 */
export class Store {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private retention: RetentionPolicy;
  private readonly guard: WriteGuard;
  private readonly queries: HistoryQueries;
  private readonly replayReads: ReplayReads;
  private readonly checkRuns: CheckRunWriter;
  private readonly events: EventLog;
  private readonly engineState: EngineStateRecord;
  /** The notification center's notices, outbox and snoozes. */
  readonly notices: NoticeStore;
  private retentionTimer: TimerHandle | null = null;

  constructor(options: StoreOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.retention = options.retention;
    const rollups = new RollupAccumulator(this.db);
    const latest = new LatestResults(this.db);
    this.guard = new WriteGuard({
      db: this.db,
      file: options.file,
      ...(options.notPersistentBecause === undefined
        ? {}
        : { notPersistentBecause: options.notPersistentBecause }),
      beforeCommit: () => {
        rollups.flush();
        latest.flush();
      },
      afterRollback: () => {
        rollups.discard();
        latest.discard();
      },
    });
    const { write } = this.guard;
    const noteProblem = (message: string) => this.guard.noteProblem(message);
    this.queries = new HistoryQueries(this.db);
    this.replayReads = new ReplayReads(this.db);
    this.checkRuns = new CheckRunWriter(this.db, {
      write,
      noteProblem,
      results: new ResultInserter(this.db),
      latest,
      rollups,
    });
    this.events = new EventLog(this.db, write, noteProblem);
    this.engineState = new EngineStateRecord(this.db, this.clock, write, noteProblem);
    this.notices = new NoticeStore(this.db, write);
    if (options.scheduleRetention ?? true) this.scheduleRetention(RETENTION_FIRST_RUN_MS);
  }

  health(): StoreHealth {
    return this.guard.health();
  }

  /** Notices a database file deleted or replaced while in use without waiting for the next write. */
  checkFile(): void {
    this.guard.checkFile();
  }

  /** Called when writes start failing or recover. Returns an unsubscribe function. */
  onHealthChange(listener: (health: StoreHealth) => void): () => void {
    return this.guard.onHealthChange(listener);
  }

  /** Runs `fn` as one transaction: every write inside commits together or not at all. */
  batch(fn: () => void): void {
    this.guard.write('batch', fn, undefined);
  }

  /** The run's id; negative when its start could not be saved (finishCheck still saves it whole). */
  beginCheck(run: BeginCheck): number {
    return this.checkRuns.begin(run);
  }

  /** Results, their rollups and the run's outcome in one transaction. */
  finishCheck(id: number, finish: FinishCheck): void {
    this.checkRuns.finish(id, finish);
  }

  /** A scheduled check that never ran, kept as a run with reason 'missed' for the checkpoint table. */
  recordMissedCheck(miss: MissedCheckRecord): number {
    return this.checkRuns.recordMissed(miss);
  }

  appendAudit(event: AuditEvent): void {
    this.events.appendAudit(event);
  }

  /** True when the reports were saved (a refused write is counted and reported by health()). */
  insertReports(reports: ReportRecord[]): boolean {
    return this.events.insertReports(reports);
  }

  saveEngineState(state: unknown): void {
    this.engineState.save(state);
  }

  /** Tells "never saved" from "saved but unreadable": the engine must not start at NORMAL after the latter. */
  readEngineState(): SavedEngineState {
    return this.engineState.read();
  }

  /** The time of the last level change the audit recorded; null when none (or unreadable). */
  lastLevelChangeAt(): number | null {
    return this.events.lastLevelChangeAt();
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
      this.guard.noteProblem(`retention failed: ${errorMessage(error)}`);
      return null;
    }
  }

  /** Checkpoints the WAL into the main file and closes. Safe to call twice. */
  close(): void {
    if (this.guard.closed) return;
    this.retentionTimer?.cancel();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.guard.noteProblem(`closing checkpoint failed: ${errorMessage(error)}`);
    }
    this.db.close();
    this.guard.markClosed();
  }

  private scheduleRetention(delayMs: number): void {
    this.retentionTimer = this.clock.setTimer(() => {
      if (this.guard.closed) return;
      this.runRetention();
      this.scheduleRetention(RETENTION_EVERY_MS);
    }, delayMs);
  }
}
