import type Database from 'better-sqlite3';
import type { ProbeResult } from '../../../shared/probe.ts';

const INSERT =
  'INSERT INTO probe_results (check_id, service, kind, outcome, latency_ms, reason, at, slow, details)';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** The most rows one INSERT takes; a statement per row count up to this is prepared on first use. */
const ROWS_PER_STATEMENT = 32;

/**
 * Inserts a check's results with multi-row INSERTs: one call into SQLite per 32 results instead of one
 * per result, which is most of what a result costs beyond the row itself.
 *
 * The ids: SQLite writes the rows of one INSERT in VALUES order and gives each new row the largest
 * rowid in the table plus one (it only picks at random once rowid 2^63 − 1 is taken, which a million
 * results a second would reach in 292 000 years), so a chunk's ids are the ones ending at its
 * lastInsertRowid. A check run's results being one id range relies on the same rule.
 */
export class ResultInserter {
  private readonly db: Database.Database;
  private readonly statements = new Map<number, Database.Statement<unknown[]>>();

  constructor(db: Database.Database) {
    this.db = db;
  }

  /** The ids of the rows written, in the order of `results`. Call inside a transaction. */
  insert(checkId: number, results: readonly ProbeResult[]): number[] {
    const ids: number[] = [];
    for (let start = 0; start < results.length; start += ROWS_PER_STATEMENT) {
      const chunk = results.slice(start, start + ROWS_PER_STATEMENT);
      const values: unknown[] = [];
      for (const result of chunk) {
        values.push(
          checkId,
          result.service,
          result.kind,
          result.outcome,
          result.latencyMs,
          result.reason,
          result.at,
          result.slow === undefined ? null : result.slow ? 1 : 0,
          result.details === undefined ? null : JSON.stringify(result.details),
        );
      }
      const last = Number(this.statement(chunk.length).run(values).lastInsertRowid);
      for (let id = last - chunk.length + 1; id <= last; id++) ids.push(id);
    }
    return ids;
  }

  private statement(rows: number): Database.Statement<unknown[]> {
    let statement = this.statements.get(rows);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(`${INSERT} VALUES ${Array(rows).fill(ROW).join(', ')}`);
      this.statements.set(rows, statement);
    }
    return statement;
  }
}
