import type Database from 'better-sqlite3';
import { retentionSchema, type RetentionInput, type RetentionPolicy } from '../../../shared/history.ts';
import { parseOrThrow } from '../../../shared/errors.ts';

const DAY_MS = 86_400_000;

/** The policy's schema lives in shared/ so the settings screen validates it the same way. */
export { retentionSchema, type RetentionInput, type RetentionPolicy };

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

/**
 * Rollup tables are keyed (service, t): pruning per service walks the key instead of the whole
 * table. The services are found by hopping from one to the next along the key (a skip scan).
 */
function deleteRollupsBefore(db: Database.Database, table: string, cutoff: number): number {
  const services = db
    .prepare<[], { service: string }>(
      `WITH RECURSIVE s(service) AS (
         SELECT min(service) FROM ${table}
         UNION ALL
         SELECT (SELECT min(service) FROM ${table} WHERE service > s.service) FROM s WHERE s.service IS NOT NULL
       )
       SELECT service FROM s WHERE service IS NOT NULL`,
    )
    .all();
  const statement = db.prepare(`DELETE FROM ${table} WHERE service = ? AND t < ?`);
  return db
    .transaction(() => services.reduce((sum, { service }) => sum + statement.run(service, cutoff).changes, 0))
    .immediate();
}

/**
 * Free pages up to this share of the file are left for tomorrow's rows to reuse; only the excess
 * (after a big deletion, e.g. a shorter retention) is handed back to the file system.
 */
const FREE_PAGE_SLACK = 0.1;

function reclaimExcessPages(db: Database.Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const excess = free - Math.floor(pages * FREE_PAGE_SLACK);
  if (excess <= 0) return 0;
  db.pragma(`incremental_vacuum(${excess})`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return free - (db.pragma('freelist_count', { simple: true }) as number);
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
    // Their outbox rows go with them (ON DELETE CASCADE); none is still being retried after 24 h.
    notices: deleteInChunks(db, 'notices', 'at < ?', before(policy.rawDays)),
    rollup_minute: deleteRollupsBefore(db, 'rollup_minute', before(policy.minuteRollupDays)),
    rollup_hour: deleteRollupsBefore(db, 'rollup_hour', before(policy.hourRollupDays)),
    rollup_day:
      policy.dayRollupDays === null ? 0 : deleteRollupsBefore(db, 'rollup_day', before(policy.dayRollupDays)),
  };
  const pagesFreed = reclaimExcessPages(db);
  return { deleted, pagesFreed };
}
