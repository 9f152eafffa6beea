import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_BYTES } from '../../../shared/contract/history.ts';
import { useHarness } from './harness.ts';

/** Monday 2026-11-23, 09:00 New York (EST): the market opens at 14:30 UTC. */
const MONDAY_0900_ET = Date.UTC(2026, 10, 23, 14, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('history methods', () => {
  const h = useHarness();

  async function failTwiceThenRecover() {
    h.broker.setMode({ status: 500 });
    await h.monitor.engine.runCheck({ reason: 'manual' });
    h.clock.advance(MINUTE);
    await h.monitor.engine.runCheck({ reason: 'manual' });
    h.broker.setMode('healthy');
  }

  it('history.levelTimeline gives the level changes with their causes', async () => {
    const start = h.clock.now();
    await failTwiceThenRecover();
    const points = await h.call('history.levelTimeline', { from: start, to: h.clock.now() + 1 });
    // The critical broker's first failed probe is an ALERT; its breaker opening, HALT.
    expect(points).toEqual([
      expect.objectContaining({
        level: 'ALERT',
        previous: 'NORMAL',
        cause: expect.objectContaining({ signal: 'probe_failures', service: 'broker' }),
      }),
      expect.objectContaining({
        level: 'HALT',
        previous: 'ALERT',
        cause: expect.objectContaining({ signal: 'breaker', service: 'broker' }),
      }),
    ]);
    // A range after the change is led by the level in force.
    const later = await h.call('history.levelTimeline', {
      from: h.clock.now() + 1,
      to: h.clock.now() + HOUR,
    });
    expect(later).toEqual([{ at: h.clock.now() + 1, level: 'HALT' }]);
  });

  it('history.series gives per-bucket uptime and latency; too many points are refused', async () => {
    const start = h.clock.now();
    await h.monitor.engine.runCheck({ reason: 'manual' });
    await failTwiceThenRecover();
    const points = await h.call('history.series', {
      service: 'broker',
      from: start - HOUR,
      to: start + HOUR,
      bucket: 'hour',
    });
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ count: 3, failures: 2 });
    expect(points[0]?.uptimePct).toBeCloseTo(100 / 3);

    const tooMany = await h.outcome('history.series', {
      service: 'broker',
      from: start - 30 * 24 * HOUR,
      to: start,
      bucket: 'minute',
    });
    expect(tooMany).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'bucket', message: expect.stringContaining('14 days') }],
      },
    });
    const backwards = await h.outcome('history.series', { service: 'broker', from: 2, to: 1, bucket: 'day' });
    expect(backwards).toMatchObject({ ok: false, error: { issues: [{ path: 'to' }] } });
  });

  it('history.audit filters by kind and service and pages', async () => {
    await failTwiceThenRecover();
    await h.call('level.override', { enabled: true, reason: 'lunch break' });
    const all = await h.call('history.audit', {});
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.kind)).toEqual(['manual', 'level', 'breaker', 'level']);
    const breakers = await h.call('history.audit', { kinds: ['breaker'], service: 'broker' });
    expect(breakers.rows).toEqual([expect.objectContaining({ kind: 'breaker', from: 'CLOSED', to: 'OPEN' })]);
    const page = await h.call('history.audit', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 4, rows: [{ kind: 'level' }] });
    const badKind = await h.outcome('history.audit', { kinds: ['nope'] });
    expect(badKind).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('history.recentResults gives stored results newest first', async () => {
    await failTwiceThenRecover();
    const results = await h.call('history.recentResults', {});
    expect(results.map((r) => r.outcome)).toEqual(['fail', 'fail']);
    expect(results[0]!.at).toBeGreaterThan(results[1]!.at);
    expect(await h.call('history.recentResults', { service: 'nobody' })).toEqual([]);
  });

  it('history.export gives CSV or JSON with a file name, and refuses more than the limit', async () => {
    const start = h.clock.now();
    await failTwiceThenRecover();
    const csv = await h.call('history.export', {
      what: 'results',
      format: 'csv',
      from: start,
      to: h.clock.now() + 1,
    });
    expect(csv).toMatchObject({
      fileName: 'haltwatch-results-2026-11-21-to-2026-11-21.csv',
      mime: 'text/csv',
      rows: 2,
    });
    expect(csv.content.split('\r\n')[0]).toBe(
      'at,service,kind,outcome,ok,latency_ms,slow,reason,check_id,details',
    );
    const json = await h.call('history.export', {
      what: 'audit',
      format: 'json',
      from: start,
      to: h.clock.now() + 1,
    });
    expect(json.mime).toBe('application/json');
    expect((JSON.parse(json.content) as unknown[]).map((e) => (e as { kind: string }).kind)).toEqual([
      'level',
      'breaker',
      'level',
    ]);

    // Audit reasons are not length-limited: a few huge ones push the export past the limit.
    const reason = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < MAX_EXPORT_BYTES / reason.length + 1; i++)
      h.monitor.store.appendAudit({
        at: h.clock.now(),
        kind: 'manual',
        action: 'note',
        reason,
        actor: 'tester',
      });
    const tooBig = await h.outcome('history.export', {
      what: 'audit',
      format: 'csv',
      from: start,
      to: h.clock.now() + 1,
    });
    expect(tooBig).toMatchObject({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringContaining('larger than 20 MB; export a shorter range'),
      },
    });
  });
});

describe('missed scheduled checks', () => {
  const h = useHarness({ start: MONDAY_0900_ET });

  it('appear in the checkpoint table as missed', async () => {
    h.monitor.start();
    // The laptop sleeps through the open: wall time jumps, no timer fires, then it wakes.
    h.clock.jump(2 * HOUR);
    h.monitor.resync('resume');
    const rows = await h.call('history.checkpoints', {
      from: MONDAY_0900_ET,
      to: MONDAY_0900_ET + 12 * HOUR,
    });
    expect(rows).toEqual([
      {
        checkId: expect.any(Number),
        at: Date.UTC(2026, 10, 23, 14, 30),
        checkpoint: 'market_open',
        reason: 'missed',
        lagMs: 90 * MINUTE,
        allHealthy: null,
        failedServices: [],
      },
    ]);
    expect(h.monitor.status().lastMissed?.checkpoint).toBe('market_open');
  });

  it('sit beside the checks that ran', async () => {
    h.monitor.start();
    h.clock.advanceTo(Date.UTC(2026, 10, 23, 14, 30));
    await untilScheduledCheckFinished(h);
    const rows = await h.call('history.checkpoints', {
      from: MONDAY_0900_ET,
      to: MONDAY_0900_ET + 12 * HOUR,
    });
    expect(rows).toEqual([
      expect.objectContaining({ checkpoint: 'market_open', reason: 'scheduled', allHealthy: true }),
    ]);
  });
});

/** Waits until the check the schedule started has finished. */
async function untilScheduledCheckFinished(h: ReturnType<typeof useHarness>): Promise<void> {
  for (let i = 0; i < 200 && (h.monitor.status().checkRunning || !h.monitor.status().lastCheck); i++)
    await new Promise((resolve) => setImmediate(resolve));
}
