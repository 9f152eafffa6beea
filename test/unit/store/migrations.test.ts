import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/core/store/connection.ts';
import { openStore, parseRetention, Store } from '../../../electron/core/store/index.ts';
import {
  CURRENT_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  schemaVersion,
} from '../../../electron/core/store/migrations.ts';
import {
  V1_AUDIT,
  V1_CHECK_RUNS,
  V1_ENGINE_STATE,
  V1_FIXTURE_T0,
  V1_REPORTS,
  V1_RESULTS,
} from '../../fixtures/store/v1-fixture-data.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, failedResult, okResult, tempDir } from './sample-data.ts';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/store/v1.db');

afterEach(cleanupTempDirs);

function copyOfFixture(): string {
  const dir = tempDir();
  fs.copyFileSync(FIXTURE, path.join(dir, 'haltwatch.db'));
  return dir;
}

describe('migrations', () => {
  it('are numbered 1, 2, … with the current schema past the first', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('the committed fixture was made by schema v1', () => {
    const db = new Database(FIXTURE, { readonly: true });
    expect(schemaVersion(db)).toBe(1);
    db.close();
  });

  it('upgrade a v1 database without losing a row, and backfill the rollups', () => {
    const dir = copyOfFixture();
    const { store, notice } = openStore({
      dir,
      clock: new ManualClock(V1_FIXTURE_T0),
      scheduleRetention: false,
    });
    expect(notice).toBeNull();

    for (const run of V1_CHECK_RUNS) {
      const stored = store.checkRun(run.id);
      expect(stored).toMatchObject({
        reason: run.reason,
        checkpoint: run.checkpoint,
        startedAt: run.started_at,
        finishedAt: run.finished_at,
      });
      expect(stored?.results.map((r) => r.id)).toEqual(
        V1_RESULTS.filter((r) => r.check_id === run.id).map((r) => r.id),
      );
    }
    expect(
      store
        .recentResults({ limit: 100 })
        .map((r) => r.id)
        .sort(),
    ).toEqual(V1_RESULTS.map((r) => r.id));
    const audit = store.audit({ limit: 100 });
    expect(audit.total).toBe(V1_AUDIT.length);
    expect(audit.rows.map(({ id, ...event }) => ({ id, event })).reverse()).toEqual(
      V1_AUDIT.map(({ id, event }) => ({ id, event })),
    );
    expect(
      store.checkpoints({ from: 0, to: Date.UTC(2030, 0, 1) }).map((c) => [c.checkId, c.allHealthy]),
    ).toEqual([
      [1, false],
      [3, null],
    ]);
    expect(store.readEngineState()).toEqual({ kind: 'saved', state: V1_ENGINE_STATE });

    const hour = store.serviceSeries({
      service: 'redis',
      from: V1_FIXTURE_T0,
      to: V1_FIXTURE_T0 + 3_600_000,
      bucket: 'hour',
    });
    expect(hour).toEqual([
      {
        t: Date.UTC(2025, 5, 2, 13),
        count: 2,
        failures: 1,
        uptimePct: 50,
        minMs: 3,
        avgMs: 3,
        p50Ms: 3,
        p95Ms: 3,
        maxMs: 3,
      },
    ]);
    store.close();

    const db = new Database(path.join(dir, 'haltwatch.db'), { readonly: true });
    expect(schemaVersion(db)).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: V1_REPORTS.length });
    db.close();
  });

  it('upgrade a v2 database with the p50 and chart point of every hourly and daily rollup filled', () => {
    const dir = tempDir();
    const file = path.join(dir, 'haltwatch.db');
    const T0 = Date.UTC(2025, 5, 10);
    const clock = new ManualClock(T0);
    const v2 = new Store({
      db: openConnection(file, 2),
      clock,
      retention: parseRetention({}),
      file,
      scheduleRetention: false,
    });
    const reference = openStore({ dir: null, clock, scheduleRetention: false }).store;
    const HOUR = 3_600_000;
    // Two days of checks 7 minutes apart, one check per transaction so rows merge into stored rollups;
    // redis fails for the whole of the third hour, which must keep a null p50.
    for (let i = 0; i < (48 * 60) / 7; i++) {
      const at = T0 + i * 7 * 60_000;
      const thirdHour = at >= T0 + 2 * HOUR && at < T0 + 3 * HOUR;
      const results = [
        okResult('broker', at, 5 + ((i * 37) % 300)),
        thirdHour ? failedResult('redis', at) : okResult('redis', at, 1 + ((i * 11) % 20)),
      ];
      for (const store of [v2, reference]) {
        const id = store.beginCheck({ reason: 'interval', startedAt: at });
        store.finishCheck(id, { finishedAt: at, results });
      }
    }
    v2.close();
    const before = new Database(file, { readonly: true });
    expect(schemaVersion(before)).toBe(2);
    expect(
      before.prepare("SELECT count(*) AS n FROM pragma_table_info('rollup_hour') WHERE name = 'p50'").get(),
    ).toEqual({ n: 0 });
    before.close();

    const { store: upgraded } = openStore({ dir, clock, scheduleRetention: false });
    for (const service of ['broker', 'redis']) {
      for (const bucket of ['hour', 'day'] as const) {
        const query = { service, from: T0, to: T0 + 3 * 86_400_000, bucket };
        const series = upgraded.serviceSeries(query);
        expect(series.length).toBeGreaterThan(0);
        expect(series).toEqual(reference.serviceSeries(query));
      }
    }
    const redisHours = upgraded.serviceSeries({
      service: 'redis',
      from: T0,
      to: T0 + 4 * HOUR,
      bucket: 'hour',
    });
    expect(redisHours.map((h) => h.p50Ms === null)).toEqual([false, false, true, false]);
    upgraded.close();
    reference.close();

    const after = new Database(file, { readonly: true });
    expect(schemaVersion(after)).toBe(CURRENT_SCHEMA_VERSION);
    for (const table of ['rollup_hour', 'rollup_day']) {
      const unfilled = `(p50 IS NULL AND latency_min IS NOT NULL) OR chart IS NULL`;
      expect(after.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${unfilled}`).get()).toEqual({ n: 0 });
    }
    after.close();
  });

  it('apply all pending migrations in one transaction: a failing step leaves the old schema', () => {
    const dir = copyOfFixture();
    const db = openConnection(path.join(dir, 'haltwatch.db'), 1);
    const failing = [
      ...MIGRATIONS,
      {
        version: CURRENT_SCHEMA_VERSION + 1,
        name: 'broken',
        up: () => {
          throw new Error('broken step');
        },
      },
    ];
    expect(() => migrate(db, CURRENT_SCHEMA_VERSION + 1, failing)).toThrow('broken step');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'rollup_hour'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('a database from a newer Haltwatch is left untouched and history is kept in memory', () => {
    const dir = tempDir();
    const file = path.join(dir, 'haltwatch.db');
    const db = openConnection(file);
    db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(file);
    const { store, notice } = openStore({ dir, clock: new ManualClock(), scheduleRetention: false });
    expect(notice?.kind).toBe('in_memory');
    expect(notice?.message).toMatch(/newer than this Haltwatch understands/);
    expect(store.health().persistent).toBe(false);
    store.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
