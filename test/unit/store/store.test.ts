import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit.ts';
import type { LevelName } from '../../../shared/levels.ts';
import { decodeChartPoints, seriesPoint } from '../../../electron/core/store/chart-points.ts';
import { openStore, type Store } from '../../../electron/core/store/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, failedResult, okResult, tempDir } from './sample-data.ts';

const T0 = Date.UTC(2026, 0, 5, 14, 0);
const MIN = 60_000;
const HOUR = 3_600_000;

let open: Store[] = [];
function fresh(dir: string | null = tempDir()): Store {
  const { store } = openStore({ dir, clock: new ManualClock(T0), scheduleRetention: false });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open) store.close();
  open = [];
  cleanupTempDirs();
});

const cause = { signal: 'latency', service: 'broker', value: 900, threshold: 500 };
function levelEvent(at: number, from: LevelName, to: LevelName): AuditEvent {
  return { at, kind: 'level', from, to, cause };
}

describe('check runs and results', () => {
  it('keeps a run, its results and its outcome together', () => {
    const store = fresh();
    const id = store.beginCheck({
      reason: 'scheduled',
      checkpoint: 'open',
      dueAt: T0,
      lagMs: 120,
      startedAt: T0 + 120,
    });
    store.finishCheck(id, {
      finishedAt: T0 + 900,
      results: [
        okResult('broker', T0 + 130, 80, { details: { status: 200 } }),
        failedResult('redis', T0 + 131),
      ],
    });
    const run = store.checkRun(id);
    expect(run).toMatchObject({
      id,
      reason: 'scheduled',
      checkpoint: 'open',
      dueAt: T0,
      lagMs: 120,
      startedAt: T0 + 120,
      finishedAt: T0 + 900,
      durationMs: 780,
      allHealthy: false,
      failedServices: ['redis'],
    });
    expect(run?.results.map((r) => [r.service, r.outcome, r.latencyMs, r.details])).toEqual([
      ['broker', 'ok', 80, { status: 200 }],
      ['redis', 'fail', 40, undefined],
    ]);
    expect(store.checkRun(id + 1)).toBeNull();
  });

  it('keeps every result of a large check in order, with the ids the latest results point at', () => {
    const store = fresh();
    const before = store.beginCheck({ reason: 'manual', startedAt: T0 });
    store.finishCheck(before, { finishedAt: T0, results: [okResult('broker', T0, 5)] });
    // 70 results: more than one multi-row INSERT holds, so the last one is a partial chunk
    const results = Array.from({ length: 70 }, (_, i) =>
      i % 7 === 3 ? failedResult(`svc-${i % 3}`, T0 + i) : okResult(`svc-${i % 3}`, T0 + i, i + 1),
    );
    const id = store.beginCheck({ reason: 'manual', startedAt: T0 });
    store.finishCheck(id, { finishedAt: T0 + 100, results });
    const stored = store.checkRun(id)?.results ?? [];
    expect(stored.map((r) => [r.service, r.at, r.outcome, r.latencyMs])).toEqual(
      results.map((r) => [r.service, r.at, r.outcome, r.latencyMs]),
    );
    const firstId = stored[0]?.id ?? 0;
    expect(stored.map((r) => r.id)).toEqual(results.map((_, i) => firstId + i));
    expect(store.latestResults().map((r) => [r.service, r.at])).toEqual([
      ['broker', T0],
      ['svc-0', T0 + 69],
      ['svc-1', T0 + 67],
      ['svc-2', T0 + 68],
    ]);
    expect(store.recentResults({ service: 'svc-1', limit: 1 }).map((r) => r.id)).toEqual([firstId + 67]);
  });

  it('gives ids that keep growing across restarts', () => {
    const dir = tempDir();
    const first = fresh(dir);
    const a = first.beginCheck({ reason: 'manual', startedAt: T0 });
    first.close();
    const b = fresh(dir).beginCheck({ reason: 'manual', startedAt: T0 + 1 });
    expect(b).toBeGreaterThan(a);
  });

  it('shows a run that never finished as unknown health, not healthy', () => {
    const store = fresh();
    const id = store.beginCheck({ reason: 'scheduled', checkpoint: 'close', dueAt: T0, startedAt: T0 });
    expect(store.checkpoints({ from: T0 - 1, to: T0 + 1 })).toEqual([
      {
        checkId: id,
        at: T0,
        checkpoint: 'close',
        reason: 'scheduled',
        lagMs: null,
        allHealthy: null,
        failedServices: [],
      },
    ]);
  });

  it('leaves out a malformed result, stores the rest and says why', () => {
    const store = fresh();
    const id = store.beginCheck({ reason: 'manual', startedAt: T0 });
    store.finishCheck(id, {
      finishedAt: T0 + 5,
      results: [okResult('a', T0, Number.NaN), okResult('b', T0, 5)],
    });
    expect(store.checkRun(id)?.results.map((r) => r.service)).toEqual(['b']);
    expect(store.health().lastError).toMatch(/a: latencyMs/);
  });

  it('rejects a bad check start with the field and value', () => {
    const store = fresh();
    expect(() => store.beginCheck({ reason: 'whenever' as 'manual', startedAt: T0 })).toThrow(
      /beginCheck: reason: .*\(got "whenever"\)/,
    );
  });

  it('keeps the newest result per service even when an older one is written later', () => {
    const store = fresh();
    const late = store.beginCheck({ reason: 'interval', startedAt: T0 + MIN });
    store.finishCheck(late, { finishedAt: T0 + MIN, results: [okResult('broker', T0 + MIN, 9)] });
    const early = store.beginCheck({ reason: 'interval', startedAt: T0 });
    store.finishCheck(early, { finishedAt: T0 + 2 * MIN, results: [okResult('broker', T0, 1)] });
    expect(store.latestResults().map((r) => r.latencyMs)).toEqual([9]);
    expect(store.recentResults({ service: 'broker', limit: 5 }).map((r) => r.latencyMs)).toEqual([9, 1]);
    expect(store.recentResults({ service: 'nobody', limit: 5 })).toEqual([]);
  });

  it('answers latest, recent and issue queries newest first', () => {
    const store = fresh();
    for (let i = 0; i < 3; i++) {
      const at = T0 + i * MIN;
      const id = store.beginCheck({ reason: 'interval', startedAt: at });
      store.finishCheck(id, {
        finishedAt: at + 10,
        results: [okResult('broker', at, 10 + i), i === 1 ? failedResult('db', at) : okResult('db', at, 3)],
      });
    }
    expect(store.latestResults().map((r) => [r.service, r.at])).toEqual([
      ['broker', T0 + 2 * MIN],
      ['db', T0 + 2 * MIN],
    ]);
    expect(store.recentResults({ service: 'broker', limit: 2 }).map((r) => r.latencyMs)).toEqual([12, 11]);
    expect(store.recentResults({ limit: 10 })).toHaveLength(6);
  });
});

describe('rollups', () => {
  it('keep count, failures, min/avg/p95/max per minute, hour and day as results arrive', () => {
    const store = fresh();
    const latencies = [10, 20, 30, 40];
    latencies.forEach((ms, i) => {
      const at = T0 + i * 20 * MIN;
      const id = store.beginCheck({ reason: 'interval', startedAt: at });
      store.finishCheck(id, { finishedAt: at + 1, results: [okResult('broker', at, ms)] });
    });
    const id = store.beginCheck({ reason: 'interval', startedAt: T0 + 30 * MIN });
    store.finishCheck(id, {
      finishedAt: T0 + 30 * MIN,
      results: [failedResult('broker', T0 + 30 * MIN, 'timeout', 5000)],
    });

    const hours = store.serviceSeries({ service: 'broker', from: T0, to: T0 + 2 * HOUR, bucket: 'hour' });
    expect(hours).toEqual([
      {
        t: T0,
        count: 4,
        failures: 1,
        uptimePct: 75,
        minMs: 10,
        avgMs: 20,
        p50Ms: expect.closeTo(20, 0),
        p95Ms: 30,
        maxMs: 30,
      },
      {
        t: T0 + HOUR,
        count: 1,
        failures: 0,
        uptimePct: 100,
        minMs: 40,
        avgMs: 40,
        p50Ms: 40,
        p95Ms: 40,
        maxMs: 40,
      },
    ]);
    const days = store.serviceSeries({ service: 'broker', from: T0, to: T0 + 1, bucket: 'day' });
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({
      t: Date.UTC(2026, 0, 5),
      count: 5,
      failures: 1,
      minMs: 10,
      avgMs: 25,
      maxMs: 40,
    });
    const minutes = store.serviceSeries({ service: 'broker', from: T0, to: T0 + HOUR, bucket: 'minute' });
    expect(minutes.map((p) => [p.t, p.count, p.failures])).toEqual([
      [T0, 1, 0],
      [T0 + 20 * MIN, 1, 0],
      [T0 + 30 * MIN, 1, 1],
      [T0 + 40 * MIN, 1, 0],
    ]);
    expect(minutes[2]).toMatchObject({
      uptimePct: 0,
      minMs: null,
      avgMs: null,
      p50Ms: null,
      p95Ms: null,
      maxMs: null,
    });
    expect(minutes[3]).toMatchObject({ minMs: 30, p50Ms: 30, p95Ms: 30 });
  });

  it('merge a batch into existing buckets the same as one by one', () => {
    const oneByOne = fresh();
    const batched = fresh();
    const values = Array.from({ length: 200 }, (_, i) => ((i * 37) % 500) + 1);
    const write = (store: Store, ms: number, i: number) => {
      const at = T0 + i * 1000;
      const id = store.beginCheck({ reason: 'interval', startedAt: at });
      store.finishCheck(id, { finishedAt: at, results: [okResult('x', at, ms)] });
    };
    values.forEach((ms, i) => write(oneByOne, ms, i));
    batched.batch(() => values.slice(0, 120).forEach((ms, i) => write(batched, ms, i)));
    batched.batch(() => values.slice(120).forEach((ms, i) => write(batched, ms, i + 120)));
    const query = { service: 'x', from: T0, to: T0 + HOUR, bucket: 'hour' } as const;
    expect(batched.serviceSeries(query)).toEqual(oneByOne.serviceSeries(query));
    const [point] = oneByOne.serviceSeries(query);
    const sorted = [...values].sort((a, b) => a - b);
    const exactP95 = sorted[Math.ceil(values.length * 0.95) - 1] ?? 0;
    expect(Math.abs((point?.p95Ms ?? 0) - exactP95) / exactP95).toBeLessThan(0.045);
    const exactP50 = sorted[Math.ceil(values.length * 0.5) - 1] ?? 0;
    expect(Math.abs((point?.p50Ms ?? 0) - exactP50) / exactP50).toBeLessThan(0.045);
  });

  it("keep each hourly and daily row's chart point equal to its columns through merges", () => {
    const dir = tempDir();
    const store = fresh(dir);
    // 3 services over 2 days, a check every 13 minutes, in batches that split hours and days
    for (let first = 0; first < 220; first += 17) {
      store.batch(() => {
        for (let i = first; i < Math.min(220, first + 17); i++) {
          const at = T0 + i * 13 * MIN;
          const id = store.beginCheck({ reason: 'interval', startedAt: at });
          store.finishCheck(id, {
            finishedAt: at,
            results: ['a', 'b', 'c'].map((service, s) =>
              (i + s) % 5 === 0
                ? failedResult(service, at)
                : okResult(service, at, ((i * 29 + s * 7) % 300) + 0.5),
            ),
          });
        }
      });
    }
    const db = new Database(path.join(dir, 'haltwatch.db'), { readonly: true });
    for (const table of ['rollup_hour', 'rollup_day']) {
      const rows = db
        .prepare<[], unknown[]>(
          `SELECT chart, t, count, failures, latency_sum, latency_min, latency_max, p50, p95 FROM ${table}`,
        )
        .raw(true)
        .all();
      expect(rows.length).toBeGreaterThan(3);
      for (const [chart, ...columns] of rows) {
        expect(decodeChartPoints(chart as Buffer)).toEqual([
          seriesPoint(...(columns as Parameters<typeof seriesPoint>)),
        ]);
      }
    }
    db.close();
  });

  it('rejects a bad series query with the field and value', () => {
    expect(() => fresh().serviceSeries({ service: 'x', from: 10, to: 5, bucket: 'week' as 'day' })).toThrow(
      /serviceSeries: bucket: .*\(got "week"\)/,
    );
  });
});

describe('audit log', () => {
  it('pages and filters newest first', () => {
    const store = fresh();
    store.appendAudit(levelEvent(T0, 'NORMAL', 'ALERT'));
    store.appendAudit({ at: T0 + 1, kind: 'breaker', service: 'redis', from: 'CLOSED', to: 'OPEN' });
    store.appendAudit({ at: T0 + 2, kind: 'manual', action: 'override_on', reason: 'news', actor: 'me' });
    store.appendAudit({ at: T0 + 3, kind: 'breaker', service: 'broker', from: 'CLOSED', to: 'OPEN' });

    const all = store.audit({ limit: 2, offset: 0 });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.at)).toEqual([T0 + 3, T0 + 2]);
    expect(store.audit({ limit: 2, offset: 2 }).rows.map((r) => r.at)).toEqual([T0 + 1, T0]);
    expect(
      store.audit({ kinds: ['breaker'], limit: 10 }).rows.map((r) => r.kind === 'breaker' && r.service),
    ).toEqual(['broker', 'redis']);
    expect(store.audit({ service: 'broker', limit: 10 }).rows.map((r) => r.kind)).toEqual([
      'breaker',
      'level',
    ]);
    expect(store.audit({ from: T0 + 1, to: T0 + 3, limit: 10 }).total).toBe(2);
    expect(store.audit({ limit: 10 }).rows[3]).toEqual({ ...levelEvent(T0, 'NORMAL', 'ALERT'), id: 1 });
  });

  it('cannot be edited or deleted, even by hand', () => {
    const dir = tempDir();
    const store = fresh(dir);
    store.appendAudit(levelEvent(T0, 'NORMAL', 'HALT'));
    const db = new Database(path.join(dir, 'haltwatch.db'));
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_log SET kind = 'x'").run()).toThrow(/append-only/);
    db.close();
  });

  it('gives the level timeline led by the level in force at the start', () => {
    const store = fresh();
    store.appendAudit(levelEvent(T0, 'NORMAL', 'ALERT'));
    store.appendAudit(levelEvent(T0 + HOUR, 'ALERT', 'HALT'));
    store.appendAudit({
      ...levelEvent(T0 + 2 * HOUR, 'HALT', 'NORMAL'),
      reason: 'recovered',
      actor: 'trader',
    });
    expect(store.levelTimeline(T0 + 1, T0 + 3 * HOUR)).toEqual([
      { at: T0 + 1, level: 'ALERT' },
      { at: T0 + HOUR, level: 'HALT', previous: 'ALERT', cause },
      {
        at: T0 + 2 * HOUR,
        level: 'NORMAL',
        previous: 'HALT',
        reason: 'recovered',
        actor: 'trader',
        cause,
      },
    ]);
    expect(store.levelTimeline(T0 - HOUR, T0)).toEqual([]);
  });
});

describe('reports and engine state', () => {
  it('stores a batch of bot reports in one go', () => {
    const dir = tempDir();
    const store = fresh(dir);
    store.insertReports([
      { type: 'order_success', at: T0, symbol: 'SPY', receivedAt: T0 + 1 },
      { type: 'latency', ms: 120, receivedAt: T0 + 2 },
    ]);
    const db = new Database(path.join(dir, 'haltwatch.db'), { readonly: true });
    expect(db.prepare('SELECT received_at, at, type, report FROM reports ORDER BY id').all()).toEqual([
      {
        received_at: T0 + 1,
        at: T0,
        type: 'order_success',
        report: '{"type":"order_success","at":1767621600000,"symbol":"SPY"}',
      },
      { received_at: T0 + 2, at: null, type: 'latency', report: '{"type":"latency","ms":120}' },
    ]);
    db.close();
  });

  it('restores the last engine state after a restart', () => {
    const dir = tempDir();
    const first = fresh(dir);
    expect(first.readEngineState()).toEqual({ kind: 'none' });
    first.saveEngineState({ level: 'ALERT', breakers: { redis: 'OPEN' } });
    first.saveEngineState({ level: 'HALT', breakers: { redis: 'OPEN' } });
    first.close();
    expect(fresh(dir).readEngineState()).toEqual({
      kind: 'saved',
      state: { level: 'HALT', breakers: { redis: 'OPEN' } },
    });
  });

  it('keeps a batch all-or-nothing', () => {
    const store = fresh();
    store.batch(() => {
      store.appendAudit(levelEvent(T0, 'NORMAL', 'ALERT'));
      throw new Error('boom');
    });
    expect(store.audit({ limit: 10 }).total).toBe(0);
    // A failing batch is reported, but it is not a disk problem: history is still being saved.
    expect(store.health()).toMatchObject({
      persistent: true,
      lastError: 'batch not saved: boom',
      droppedWrites: 1,
    });
  });

  it('reports finishing an unknown check run without marking the disk as failing', () => {
    const store = fresh();
    store.finishCheck(999, { finishedAt: T0, results: [okResult('a', T0, 1)] });
    expect(store.health()).toMatchObject({
      persistent: true,
      droppedWrites: 1,
      lastError: expect.stringMatching(/no unfinished check run with id 999/),
    });
    expect(store.recentResults({ limit: 5 })).toEqual([]);
  });

  it('refuses to finish a run twice, so results are never counted twice', () => {
    const store = fresh();
    const id = store.beginCheck({ reason: 'manual', startedAt: T0 });
    store.finishCheck(id, { finishedAt: T0 + 1, results: [okResult('a', T0, 1)] });
    store.finishCheck(id, { finishedAt: T0 + 2, results: [okResult('a', T0, 1)] });
    expect(store.checkRun(id)).toMatchObject({
      finishedAt: T0 + 1,
      results: [expect.objectContaining({ service: 'a' })],
    });
    expect(store.checkRun(id)?.results).toHaveLength(1);
    expect(store.serviceSeries({ service: 'a', from: T0, to: T0 + 1, bucket: 'day' })[0]?.count).toBe(1);
    expect(store.health().lastError).toMatch(/no unfinished check run with id/);
  });

  it('finishes a run begun before a restart', () => {
    const dir = tempDir();
    const before = fresh(dir);
    const id = before.beginCheck({ reason: 'scheduled', checkpoint: 'open', dueAt: T0, startedAt: T0 });
    before.close();
    const after = fresh(dir);
    after.finishCheck(id, { finishedAt: T0 + 5, results: [okResult('a', T0, 1)] });
    expect(after.checkRun(id)).toMatchObject({ checkpoint: 'open', finishedAt: T0 + 5, allHealthy: true });
  });

  it('runs retention a minute after opening and then daily, and stops on close', () => {
    const clock = new ManualClock(T0);
    const { store } = openStore({ dir: tempDir(), clock, retention: { rawDays: 1 } });
    const id = store.beginCheck({ reason: 'manual', startedAt: T0 });
    store.finishCheck(id, { finishedAt: T0, results: [okResult('a', T0, 1)] });
    clock.advance(60_000);
    expect(store.recentResults({ limit: 5 })).toHaveLength(1);
    clock.advance(86_400_000);
    expect(store.recentResults({ limit: 5 })).toEqual([]);
    expect(clock.pendingTimers()).toBe(1);
    store.close();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('in memory', () => {
  it('works without a data folder and says history is not saved', () => {
    const store = fresh(null);
    const id = store.beginCheck({ reason: 'manual', startedAt: T0 });
    store.finishCheck(id, { finishedAt: T0 + 1, results: [okResult('a', T0, 1)] });
    expect(store.checkRun(id)?.results).toHaveLength(1);
    expect(store.health()).toMatchObject({
      persistent: false,
      file: null,
      lastError: expect.stringMatching(/memory/),
    });
  });
});
