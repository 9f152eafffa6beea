import type Database from 'better-sqlite3';
import { z } from 'zod';
import { parseOrThrow } from './validate.ts';

const DAY_MS = 86_400_000;
const days = (fallback: number) => z.number().int().min(1).max(36_500).default(fallback);

/**
 * How long history is kept. Daily rollups and the audit log are kept forever unless `dayRollupDays`
 * is set; the audit log is append-only and never pruned. Market open/close check runs are kept
 * forever (their raw results follow `rawDays`); other check runs follow `rawDays`.
 */
export const retentionSchema = z
  .object({
    /** raw probe results and non-checkpoint check runs */
    rawDays: days(30),
    /** minute rollups feed the 24 h charts */
    minuteRollupDays: days(7),
    /** hourly rollups feed the 30 d charts */
    hourRollupDays: days(90),
    /** null: forever */
    dayRollupDays: z.number().int().min(1).max(36_500).nullable().default(null),
    /** the bot's reports */
    reportsDays: days(30),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof retentionSchema>;
export type RetentionInput = z.input<typeof retentionSchema>;

export function parseRetention(input: RetentionInput | undefined): RetentionPolicy {
  return parseOrThrow(retentionSchema, input ?? {}, 'retention');
}

export interface RetentionOutcome {
  deleted: Record<string, number>;
  /** pages handed back to the file system by incremental vacuum */
  pagesFreed: number;
}

/** Rows per delete transaction, so the writer lock is never held for long. */
const DELETE_CHUNK = 20_000;

function deleteInChunks(db: Database.Database, table: string, where: string, cutoff: number): number {
  const statement = db.prepare(
    `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ${DELETE_CHUNK})`,
  );
  let total = 0;
  for (;;) {
    const { changes } = db.transaction(() => statement.run(cutoff)).immediate();
    total += changes;
    if (changes < DELETE_CHUNK) return total;
  }
}

/** Rollup tables are WITHOUT ROWID, so they are pruned by their primary-key prefix per chunk of time. */
function deleteRollupsBefore(db: Database.Database, table: string, cutoff: number): number {
  return db.transaction(() => db.prepare(`DELETE FROM ${table} WHERE t < ?`).run(cutoff).changes).immediate();
}

export function applyRetention(
  db: Database.Database,
  policy: RetentionPolicy,
  now: number,
): RetentionOutcome {
  const before = (n: number) => now - n * DAY_MS;
  const deleted: Record<string, number> = {
    probe_results: deleteInChunks(db, 'probe_results', 'at < ?', before(policy.rawDays)),
    check_runs: deleteInChunks(
      db,
      'check_runs',
      'checkpoint IS NULL AND started_at < ?',
      before(policy.rawDays),
    ),
    reports: deleteInChunks(db, 'reports', 'received_at < ?', before(policy.reportsDays)),
    rollup_minute: deleteRollupsBefore(db, 'rollup_minute', before(policy.minuteRollupDays)),
    rollup_hour: deleteRollupsBefore(db, 'rollup_hour', before(policy.hourRollupDays)),
    rollup_day:
      policy.dayRollupDays === null ? 0 : deleteRollupsBefore(db, 'rollup_day', before(policy.dayRollupDays)),
  };
  const freeBefore = db.pragma('freelist_count', { simple: true }) as number;
  db.pragma('incremental_vacuum');
  const freeAfter = db.pragma('freelist_count', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { deleted, pagesFreed: freeBefore - freeAfter };
}
