import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, failedResult, okResult, tempDir } from './sample-data.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
const SERVICES = Array.from({ length: 20 }, (_, i) => `service-${String(i).padStart(2, '0')}`);

afterEach(cleanupTempDirs);

function fileBytes(dir: string): number {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('haltwatch.db'))
    .reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

function writeCheck(store: Store, at: number, checkpoint?: string): number {
  const id = store.beginCheck({
    reason: checkpoint ? 'scheduled' : 'interval',
    startedAt: at,
    ...(checkpoint ? { checkpoint, dueAt: at } : {}),
  });
  store.finishCheck(id, {
    finishedAt: at + 500,
    results: SERVICES.map((service, i) =>
      (at / HOUR + i) % 97 === 0
        ? failedResult(service, at)
        : okResult(service, at, 5 + (((at / HOUR) * 7 + i * 13) % 300)),
    ),
  });
  return id;
}

describe('retention', () => {
  it('deletes by policy and keeps checkpoints, the audit log and daily rollups', () => {
    const dir = tempDir();
    const clock = new ManualClock(T0);
    const { store } = openStore({
      dir,
      clock,
      scheduleRetention: false,
      retention: { rawDays: 2, minuteRollupDays: 1, hourRollupDays: 3, reportsDays: 1 },
    });
    const checkpointId = writeCheck(store, T0, 'open');
    const plainId = writeCheck(store, T0 + HOUR);
    store.appendAudit({ at: T0, kind: 'manual', action: 'kill', reason: 'r', actor: 'a' });
    store.insertReports([{ type: 'latency', ms: 1, receivedAt: T0 }]);
    const notice = {
      kind: 'level',
      priority: 'CRITICAL',
      service: null,
      title: 't',
      body: 'b',
      target: '#/board',
      snoozed: false,
    } as const;
    const oldNotice = store.notices.add({ ...notice, at: T0 }, [{ channel: 'relay', key: 'old' }]);
    const newNotice = store.notices.add({ ...notice, at: T0 + 4 * DAY }, [{ channel: 'relay', key: 'new' }]);
    writeCheck(store, T0 + 4 * DAY);

    const outcome = store.runRetention(T0 + 4 * DAY + HOUR);
    expect(outcome?.deleted).toEqual({
      probe_results: 40,
      check_runs: 1,
      reports: 1,
      notices: 1,
      rollup_minute: 40,
      rollup_hour: 40,
      rollup_day: 0,
    });
    expect(store.checkRun(plainId)).toBeNull();
    expect(store.notices.get(oldNotice ?? 0)).toBeNull();
    expect(store.notices.deliveries(oldNotice ?? 0)).toEqual([]);
    expect(store.notices.deliveries(newNotice ?? 0)).toHaveLength(1);
    expect(store.checkRun(checkpointId)).toMatchObject({ checkpoint: 'open', results: [] });
    expect(store.checkpoints({ from: T0, to: T0 + 1 })).toHaveLength(1);
    expect(store.audit({ limit: 5 }).total).toBe(1);
    expect(
      store
        .serviceSeries({ service: 'service-00', from: T0, to: T0 + 5 * DAY, bucket: 'day' })
        .map((p) => p.count),
    ).toEqual([2, 1]);
    store.close();
  });

  it('prunes hourly rollups of a service whose daily rollups are already gone', () => {
    const clock = new ManualClock(T0);
    const { store } = openStore({
      dir: tempDir(),
      clock,
      scheduleRetention: false,
      retention: { dayRollupDays: 2, hourRollupDays: 5 },
    });
    writeCheck(store, T0);
    store.runRetention(T0 + 3 * DAY);
    expect(store.serviceSeries({ service: 'service-00', from: T0, to: T0 + DAY, bucket: 'day' })).toEqual([]);
    expect(
      store.serviceSeries({ service: 'service-00', from: T0, to: T0 + DAY, bucket: 'hour' }),
    ).toHaveLength(1);
    store.runRetention(T0 + 6 * DAY);
    expect(store.serviceSeries({ service: 'service-00', from: T0, to: T0 + DAY, bucket: 'hour' })).toEqual(
      [],
    );
    store.close();
  });

  it('a year of checks for 20 services, retention running daily: the file stops growing', () => {
    const dir = tempDir();
    const clock = new ManualClock(T0);
    const { store } = openStore({ dir, clock });
    const sizes = new Map<number, number>();
    // One check an hour keeps the unit suite fast; bench/store.ts runs the one-minute version.
    for (let day = 0; day < 365; day++) {
      store.batch(() => {
        for (let hour = 0; hour < 24; hour++) writeCheck(store, clock.now() + hour * HOUR);
      });
      clock.advance(DAY);
      if (day === 150 || day === 364) sizes.set(day, fileBytes(dir));
    }
    const now = clock.now();
    store.close();

    const db = new Database(path.join(dir, 'haltwatch.db'), { readonly: true });
    const range = (table: string, column: string) =>
      db.prepare(`SELECT min(${column}) AS oldest, count(*) AS n FROM ${table}`).get() as {
        oldest: number;
        n: number;
      };
    const raw = range('probe_results', 'at');
    expect(raw.oldest).toBeGreaterThanOrEqual(now - 31 * DAY);
    expect(raw.n).toBeLessThanOrEqual(31 * 24 * SERVICES.length);
    expect(range('rollup_minute', 't').oldest).toBeGreaterThanOrEqual(now - 8 * DAY);
    expect(range('rollup_hour', 't').oldest).toBeGreaterThanOrEqual(now - 91 * DAY);
    expect(range('rollup_day', 't')).toEqual({ oldest: T0, n: 365 * SERVICES.length });
    expect(db.pragma('freelist_count', { simple: true })).toBeLessThan(200);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const [mid, end] = [sizes.get(150) ?? 0, sizes.get(364) ?? 0];
    // After the first 90 days only the daily rollups grow (20 rows a day).
    expect(end).toBeLessThan(mid * 1.1);
    // 90 days of hourly rollups carry a 64-byte chart point each (see chart-points.ts)
    expect(end).toBeLessThan(16 * 1024 * 1024);

    const reopened = openStore({ dir, clock, scheduleRetention: false }).store;
    expect(reopened.serviceSeries({ service: 'service-03', from: T0, to: now, bucket: 'day' })).toHaveLength(
      365,
    );
    expect(
      reopened.serviceSeries({ service: 'service-03', from: now - 30 * DAY, to: now, bucket: 'hour' }),
    ).toHaveLength(30 * 24);
    reopened.close();
  });
});
