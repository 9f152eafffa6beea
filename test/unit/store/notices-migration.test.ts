import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/core/store/connection.ts';
import { openStore } from '../../../electron/core/store/index.ts';
import { schemaVersion } from '../../../electron/core/store/migrations.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, tempDir } from './sample-data.ts';

afterEach(cleanupTempDirs);

const notice = {
  at: Date.UTC(2026, 0, 5, 15),
  kind: 'level',
  priority: 'CRITICAL' as const,
  service: 'broker',
  title: 'HALT',
  body: 'b',
  target: '#/board',
  snoozed: false,
};

describe('migration 5: notices, outbox, snoozes', () => {
  it('upgrades a v4 database, keeping its rows, and the notice store works on it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'haltwatch.db');
    const v4 = openConnection(file, 4);
    v4.prepare(`INSERT INTO audit_log (at, kind, service, event) VALUES (1, 'manual', NULL, '{}')`).run();
    expect(schemaVersion(v4)).toBe(4);
    v4.close();

    const { store, notice: problem } = openStore({ dir, clock: new ManualClock(), scheduleRetention: false });
    expect(problem).toBeNull();
    const id = store.notices.add(notice, [{ channel: 'relay', key: 'k-1' }]);
    expect(id).toBe(1);
    expect(store.notices.deliveries(1)).toEqual([
      {
        channel: 'relay',
        state: 'pending',
        attempts: 0,
        answer: null,
        sentAt: null,
        nextAttemptAt: notice.at,
      },
    ]);
    store.close();

    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    db.close();
  });

  it('the outbox holds one key once and refuses a state it does not know', () => {
    const { store } = openStore({ dir: null, clock: new ManualClock(), scheduleRetention: false });
    const id = store.notices.add(notice, [
      { channel: 'a', key: 'same' },
      { channel: 'b', key: 'same' },
    ]);
    expect(store.notices.deliveries(id ?? 0).map((d) => d.channel)).toEqual(['a']);
    const db = openConnection(':memory:');
    db.prepare(
      `INSERT INTO notices (at, kind, priority, title, body, target) VALUES (1, 'k', 'INFO', 't', 'b', '#/')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox (notice_id, channel, idempotency_key, state, created_at, next_at) VALUES (1, 'a', 'k', 'lost', 1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox (notice_id, channel, idempotency_key, state, created_at, next_at) VALUES (9, 'a', 'k2', 'pending', 1, 1)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    db.close();
    store.close();
  });

  it('a closed store refuses notices without throwing into the engine', () => {
    const { store } = openStore({ dir: null, clock: new ManualClock(), scheduleRetention: false });
    store.close();
    expect(store.notices.add(notice, [])).toBeNull();
    expect(store.notices.beginAttempt(1)).toBe(false);
    expect(store.health().lastError).toContain('not saved: the store is closed');
  });
});
