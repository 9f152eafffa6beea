import type Database from 'better-sqlite3';

/**
 * The newest result id per service, written once per transaction instead of indexing every result
 * by service.
 */
export class LatestResults {
  private readonly pending = new Map<string, { id: number; at: number }>();
  private readonly upsert: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO latest_results (service, result_id, at) VALUES (?, ?, ?)
       ON CONFLICT (service) DO UPDATE SET result_id = excluded.result_id, at = excluded.at
       WHERE excluded.at > latest_results.at
         OR (excluded.at = latest_results.at AND excluded.result_id > latest_results.result_id)`,
    );
  }

  add(service: string, id: number, at: number): void {
    const current = this.pending.get(service);
    if (!current || at > current.at || (at === current.at && id > current.id))
      this.pending.set(service, { id, at });
  }

  flush(): void {
    for (const [service, { id, at }] of this.pending) this.upsert.run(service, id, at);
    this.pending.clear();
  }

  discard(): void {
    this.pending.clear();
  }
}
