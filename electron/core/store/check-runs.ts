import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CHECK_REASONS } from '../../../shared/history.ts';
import { PROBE_OUTCOMES, type ProbeResult } from '../../../shared/probe.ts';
import { parseOrThrow } from '../../../shared/errors.ts';
import type { LatestResults } from './latest-results.ts';
import type { ResultInserter } from './result-insert.ts';
import type { RollupAccumulator } from './rollups.ts';
import type { StoreWrite } from './write-guard.ts';

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

export interface CheckRunDeps {
  write: StoreWrite;
  noteProblem: (message: string) => void;
  results: ResultInserter;
  latest: LatestResults;
  rollups: RollupAccumulator;
}

/** Check runs and their results: begun, finished with results and rollups, or recorded as missed. */
export class CheckRunWriter {
  private readonly deps: CheckRunDeps;
  private readonly statements;
  /** Begun but not finished runs, so finish can write the whole run if its begin was lost. */
  private readonly openRuns = new Map<number, BeginCheck>();
  /** Runs whose start could not be saved get negative ids until they can be (see finish). */
  private unsavedRuns = 0;

  constructor(db: Database.Database, deps: CheckRunDeps) {
    this.deps = deps;
    this.statements = {
      // SQLite picks the ids, so two processes writing the same file can never share one.
      beginRun: db.prepare(
        `INSERT INTO check_runs (reason, checkpoint, due_at, lag_ms, started_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      finishRun: db.prepare(
        `INSERT INTO check_runs (id, reason, checkpoint, due_at, lag_ms, started_at, finished_at, all_healthy,
           failed_services, first_result_id, last_result_id)
         VALUES (@id, @reason, @checkpoint, @dueAt, @lagMs, @startedAt, @finishedAt, @allHealthy, @failedServices,
           @firstResultId, @lastResultId)
         ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, all_healthy = excluded.all_healthy,
           failed_services = excluded.failed_services, first_result_id = excluded.first_result_id,
           last_result_id = excluded.last_result_id
         WHERE check_runs.finished_at IS NULL`,
      ),
      finishKnownRun: db.prepare(
        `UPDATE check_runs SET finished_at = @finishedAt, all_healthy = @allHealthy, failed_services = @failedServices,
           first_result_id = @firstResultId, last_result_id = @lastResultId WHERE id = @id AND finished_at IS NULL`,
      ),
      missedRun: db.prepare(
        `INSERT INTO check_runs (reason, checkpoint, due_at, lag_ms, started_at, finished_at)
         VALUES ('missed', ?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** The run's id; negative when its start could not be saved (finish still saves it whole). */
  begin(run: BeginCheck): number {
    const parsed = parseOrThrow(beginCheckSchema, run, 'beginCheck');
    const id =
      this.deps.write(`start of a ${parsed.reason} check`, () => this.insertRun(parsed), null) ??
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
  finish(id: number, finish: FinishCheck): void {
    const { write, noteProblem, results, latest, rollups } = this.deps;
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
    if (rejected.length) noteProblem(`check run ${id}: results left out: ${rejected.join('; ')}`);
    const failed = [...new Set(storable.filter((r) => r.outcome !== 'ok').map((r) => r.service))].sort();
    const allHealthy = failed.length === 0 ? 1 : 0;
    const begun = this.openRuns.get(id);
    write(
      `check run ${id}`,
      () => {
        const runId = begun && id < 0 ? this.insertRun(begun) : id;
        const ids = results.insert(runId, storable);
        storable.forEach((result, i) => {
          latest.add(result.service, ids[i] ?? 0, result.at);
          rollups.add({
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
  recordMissed(miss: MissedCheckRecord): number {
    const { checkpoint, dueAt, detectedAt } = parseOrThrow(missedCheckSchema, miss, 'recordMissedCheck');
    const saved = this.deps.write(
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
}
