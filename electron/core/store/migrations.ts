// Long on purpose: the schema history as shipped, one migration after another (never edited, only appended).
import type Database from 'better-sqlite3';
import { RollupAccumulator, registerRollupFunctions } from './rollups.ts';

/**
 * Numbered schema migrations. `PRAGMA user_version` holds the version applied; every pending one runs
 * in a single transaction at start, so a failed upgrade leaves the old schema untouched.
 * Never edit a shipped migration: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** "HWch" — marks a file as a Haltwatch history database, to tell it from another SQLite file. */
export const APPLICATION_ID = 0x48576368;

const v1Initial: Migration = {
  version: 1,
  name: 'check runs, probe results, append-only audit log, bot reports, engine state',
  up(db) {
    db.exec(`
      CREATE TABLE check_runs (
        id INTEGER PRIMARY KEY,
        reason TEXT NOT NULL,
        checkpoint TEXT,
        due_at INTEGER,
        lag_ms INTEGER,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        all_healthy INTEGER,
        failed_services TEXT,
        -- a run's results are inserted together, so their ids are one range: no index on check_id needed
        first_result_id INTEGER,
        last_result_id INTEGER
      );
      CREATE INDEX check_runs_started ON check_runs (started_at);

      CREATE TABLE probe_results (
        id INTEGER PRIMARY KEY,
        -- no foreign key or index: each costs write throughput; check_runs holds the id range instead
        check_id INTEGER,
        service TEXT NOT NULL,
        kind TEXT NOT NULL,
        outcome TEXT NOT NULL,
        latency_ms REAL NOT NULL,
        reason TEXT NOT NULL,
        at INTEGER NOT NULL,
        slow INTEGER,
        details TEXT
      );
      CREATE INDEX probe_results_at ON probe_results (at);
      CREATE INDEX probe_results_service_at ON probe_results (service, at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        service TEXT,
        event TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        at INTEGER,
        type TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE INDEX reports_received ON reports (received_at);

      CREATE TABLE engine_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        saved_at INTEGER NOT NULL,
        state TEXT NOT NULL
      );
    `);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  },
};

function rollupTable(name: string): string {
  return `
    CREATE TABLE ${name} (
      service TEXT NOT NULL,
      t INTEGER NOT NULL,
      count INTEGER NOT NULL,
      failures INTEGER NOT NULL,
      latency_sum REAL NOT NULL,
      latency_min REAL,
      latency_max REAL,
      p95 REAL,
      hist BLOB NOT NULL,
      PRIMARY KEY (service, t)
    ) WITHOUT ROWID;`;
}

const BACKFILL_PAGE = 20_000;

const v2Rollups: Migration = {
  version: 2,
  name: 'per-service minute/hour/day rollups (backfilled), latest result per service, issue and audit indexes',
  up(db) {
    db.exec(`
      CREATE TABLE rollup_minute (
        service TEXT NOT NULL,
        -- the hour; cells holds its minutes (see minute-cells.ts)
        t INTEGER NOT NULL,
        cells BLOB NOT NULL,
        PRIMARY KEY (service, t)
      ) WITHOUT ROWID;
      ${rollupTable('rollup_hour')}
      ${rollupTable('rollup_day')}
      CREATE INDEX probe_results_issues ON probe_results (at) WHERE outcome <> 'ok';

      -- Replaces the (service, at) index, the costliest of the write path: per-service reads start
      -- from the service's latest result and walk the time index back.
      CREATE TABLE latest_results (
        service TEXT PRIMARY KEY,
        result_id INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO latest_results (service, result_id, at)
        SELECT s.service,
          (SELECT q.id FROM probe_results q WHERE q.service = s.service ORDER BY q.at DESC, q.id DESC LIMIT 1),
          s.latest
        FROM (SELECT service, max(at) AS latest FROM probe_results GROUP BY service) s;
      DROP INDEX probe_results_service_at;
      CREATE INDEX audit_log_kind_at ON audit_log (kind, at);
      CREATE INDEX audit_log_service_at ON audit_log (service, at) WHERE service IS NOT NULL;
      CREATE INDEX check_runs_checkpoints ON check_runs (coalesce(due_at, started_at))
        WHERE checkpoint IS NOT NULL;
    `);
    const page = db.prepare<
      [number, number],
      { id: number; service: string; at: number; outcome: string; latency_ms: number }
    >('SELECT id, service, at, outcome, latency_ms FROM probe_results WHERE id > ? ORDER BY id LIMIT ?');
    const rollups = new RollupAccumulator(db);
    let after = 0;
    for (;;) {
      const rows = page.all(after, BACKFILL_PAGE);
      for (const row of rows) {
        rollups.add({
          service: row.service,
          at: row.at,
          ok: row.outcome === 'ok',
          latencyMs: row.latency_ms,
        });
      }
      rollups.flush();
      const last = rows.at(-1);
      if (!last || rows.length < BACKFILL_PAGE) break;
      after = last.id;
    }
  },
};

const v3P50Column: Migration = {
  version: 3,
  name: 'p50 of hourly and daily rollups as a column (backfilled from their histograms)',
  up(db) {
    registerRollupFunctions(db);
    for (const table of ['rollup_hour', 'rollup_day']) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN p50 REAL;
        UPDATE ${table} SET p50 = hw_hist_quantile(hist, 0.5, latency_min, latency_max)
          WHERE latency_min IS NOT NULL AND latency_max IS NOT NULL;
      `);
    }
  },
};

/**
 * An older Haltwatch (a `haltwatch serve` left running across an upgrade) writes rollups without
 * their chart point: its write fails loudly (its history says it is not being saved) instead of
 * leaving a chart that is silently stale or cannot be read.
 */
const OLDER_WRITER =
  'rollup written without its chart point: an older Haltwatch is writing this history database; stop it';

const v4ChartPoints: Migration = {
  version: 4,
  name: 'hourly and daily rollups keep their chart point packed (see chart-points.ts)',
  up(db) {
    registerRollupFunctions(db);
    for (const table of ['rollup_hour', 'rollup_day']) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN chart BLOB;
        UPDATE ${table}
          SET chart = hw_chart_point(t, count, failures, latency_sum, latency_min, latency_max, p50, p95);
        CREATE TRIGGER ${table}_insert_keeps_chart BEFORE INSERT ON ${table} WHEN NEW.chart IS NULL
        BEGIN SELECT RAISE(ABORT, '${OLDER_WRITER}'); END;
        CREATE TRIGGER ${table}_update_keeps_chart BEFORE UPDATE ON ${table}
          WHEN NEW.chart IS OLD.chart AND (NEW.count IS NOT OLD.count
            OR NEW.failures IS NOT OLD.failures OR NEW.latency_sum IS NOT OLD.latency_sum)
        BEGIN SELECT RAISE(ABORT, '${OLDER_WRITER}'); END;
      `);
    }
  },
};

const v5Notifications: Migration = {
  version: 5,
  name: 'notification center: notices, their outbox (one row per notice and channel), snoozes',
  up(db) {
    db.exec(`
      CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        priority TEXT NOT NULL,
        service TEXT,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        target TEXT NOT NULL,
        snoozed INTEGER NOT NULL DEFAULT 0,
        repeats INTEGER NOT NULL DEFAULT 0,
        read_at INTEGER,
        acked_at INTEGER,
        acked_by TEXT,
        ack_reason TEXT
      );
      CREATE INDEX notices_at ON notices (at);
      CREATE INDEX notices_unread ON notices (id) WHERE read_at IS NULL;

      -- Written in the notice's transaction, before anything is sent: a crash loses no delivery.
      -- 'sending' marks an attempt begun and not yet answered; after a crash it is tried again
      -- (at least once), while a 'sent' row is never sent again.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        next_at INTEGER NOT NULL,
        sent_at INTEGER,
        answer TEXT
      );
      CREATE INDEX outbox_due ON outbox (next_at) WHERE state IN ('pending', 'sending');
      CREATE INDEX outbox_notice ON outbox (notice_id);

      CREATE TABLE snoozes (
        id INTEGER PRIMARY KEY,
        service TEXT NOT NULL,
        at INTEGER NOT NULL,
        until_at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        actor TEXT NOT NULL,
        cleared_at INTEGER
      );
      CREATE INDEX snoozes_until ON snoozes (until_at);
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [
  v1Initial,
  v2Rollups,
  v3P50Column,
  v4ChartPoints,
  v5Notifications,
];
export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the file's version, up to `target`, in one transaction. */
export function migrate(
  db: Database.Database,
  target = CURRENT_SCHEMA_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const newest = migrations.at(-1)?.version ?? 0;
  const pendingAt = (current: number) => {
    if (current > newest) {
      throw new Error(
        `the history database has schema version ${current}, newer than this Haltwatch understands (${newest})`,
      );
    }
    return migrations.filter((m) => m.version > current && m.version <= target);
  };
  if (pendingAt(schemaVersion(db)).length === 0) return [];
  // Read again under the write lock: another process (the app and `haltwatch serve`) may have
  // upgraded the file in between, and must not have its migrations applied twice.
  const pending = db
    .transaction(() => {
      const now = pendingAt(schemaVersion(db));
      for (const migration of now) {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
      return now;
    })
    .immediate();
  return pending.map((m) => m.version);
}
