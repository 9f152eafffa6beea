import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/core/store/connection.ts';
import { openStore, parseRetention, Store } from '../../../electron/core/store/index.ts';
import { CURRENT_SCHEMA_VERSION, migrate, schemaVersion } from '../../../electron/core/store/migrations.ts';
import {
  V2_FIXTURE_MINUTES,
  V2_FIXTURE_SERVICES,
  V2_FIXTURE_T0,
  v2FixtureChecks,
} from '../../fixtures/store/v2-fixture-data.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, okResult, tempDir } from './sample-data.ts';

afterEach(cleanupTempDirs);

const T0 = Date.UTC(2025, 5, 10);
const HOUR = 3_600_000;

/** A database at schema v2 holding three hours of broker checks, as the previous release left it. */
function v2Database(): { dir: string; file: string; clock: ManualClock } {
  const dir = tempDir();
  const file = path.join(dir, 'haltwatch.db');
  const clock = new ManualClock(T0);
  const store = new Store({
    db: openConnection(file, 2),
    clock,
    retention: parseRetention({}),
    file,
    scheduleRetention: false,
  });
  for (let at = T0; at < T0 + 3 * HOUR; at += 10 * 60_000) {
    const id = store.beginCheck({ reason: 'interval', startedAt: at });
    store.finishCheck(id, { finishedAt: at, results: [okResult('broker', at, 20)] });
  }
  store.close();
  return { dir, file, clock };
}

describe('upgrading the history database', () => {
  it('reads a database written by the previous release (v2) exactly as one written now', () => {
    const dir = tempDir();
    fs.copyFileSync(
      path.join(import.meta.dirname, '../../fixtures/store/v2.db'),
      path.join(dir, 'haltwatch.db'),
    );
    const clock = new ManualClock(V2_FIXTURE_T0);
    const { store: upgraded, notice } = openStore({ dir, clock, scheduleRetention: false });
    expect(notice).toBeNull();
    const reference = openStore({ dir: null, clock, scheduleRetention: false }).store;
    for (let m = 0; m < V2_FIXTURE_MINUTES; m++) {
      const { at, results } = v2FixtureChecks(m);
      const id = reference.beginCheck({ reason: 'interval', startedAt: at });
      reference.finishCheck(id, { finishedAt: at, results });
    }
    const range = { from: V2_FIXTURE_T0 - 86_400_000, to: V2_FIXTURE_T0 + 2 * 86_400_000 };
    for (const service of V2_FIXTURE_SERVICES) {
      for (const bucket of ['minute', 'hour', 'day'] as const) {
        const series = upgraded.serviceSeries({ service, bucket, ...range });
        expect(series.length).toBeGreaterThan(0);
        expect(series).toEqual(reference.serviceSeries({ service, bucket, ...range }));
      }
    }
    expect(upgraded.latestResults()).toEqual(reference.latestResults());
    upgraded.close();
    reference.close();
  });

  it('a damaged histogram leaves its row without a p50 instead of failing the upgrade', () => {
    const { dir, file, clock } = v2Database();
    const raw = new Database(file);
    raw.prepare("UPDATE rollup_hour SET hist = x'0a' WHERE t = ?").run(T0);
    raw.close();

    const { store, notice } = openStore({ dir, clock, scheduleRetention: false });
    expect(notice).toBeNull();
    expect(store.health().persistent).toBe(true);
    const hours = store.serviceSeries({ service: 'broker', from: T0, to: T0 + 3 * HOUR, bucket: 'hour' });
    expect(hours.map((h) => [h.count, h.p50Ms === null])).toEqual([
      [6, true],
      [6, false],
      [6, false],
    ]);
    store.close();
  });

  it('refuses rollups written without their chart point, as a Haltwatch from before v4 would', () => {
    const { dir, file, clock } = v2Database();
    openStore({ dir, clock, scheduleRetention: false }).store.close();
    const older = new Database(file);
    expect(() =>
      older
        .prepare(
          `INSERT INTO rollup_hour (service, t, count, failures, latency_sum, latency_min, latency_max, p95, hist)
           VALUES ('redis', ?, 1, 0, 5, 5, 5, 5, x'00')`,
        )
        .run(T0),
    ).toThrow(/older Haltwatch is writing/);
    expect(() => older.prepare('UPDATE rollup_hour SET count = count + 1 WHERE t = ?').run(T0)).toThrow(
      /older Haltwatch is writing/,
    );
    older.close();

    const { store } = openStore({ dir, clock, scheduleRetention: false });
    const id = store.beginCheck({ reason: 'interval', startedAt: T0 + 5 * 60_000 });
    store.finishCheck(id, {
      finishedAt: T0 + 5 * 60_000,
      results: [okResult('broker', T0 + 5 * 60_000, 20)],
    });
    expect(store.health()).toMatchObject({ persistent: true, lastError: null });
    expect(
      store.serviceSeries({ service: 'broker', from: T0, to: T0 + HOUR, bucket: 'hour' })[0]?.count,
    ).toBe(7);
    store.close();
  });

  it('is applied once when another process upgrades the file between the check and the lock', () => {
    const { file } = v2Database();
    const other = openConnection(file, 2);
    const self = openConnection(file, 2);
    let upgradedBehindOurBack = false;
    // The first version read (outside the lock) sees v2; the other process then upgrades the file.
    const racing = new Proxy(self, {
      get(target, key) {
        if (key !== 'pragma') return Reflect.get(target, key) as unknown;
        return (source: string, options?: { simple: boolean }) => {
          const answer = target.pragma(source, options);
          if (source === 'user_version' && !upgradedBehindOurBack) {
            upgradedBehindOurBack = true;
            migrate(other);
          }
          return answer;
        };
      },
    });
    expect(migrate(racing)).toEqual([]);
    expect(schemaVersion(self)).toBe(CURRENT_SCHEMA_VERSION);
    other.close();
    self.close();
  });
});
