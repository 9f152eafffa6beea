import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { writeServicesFile } from '../../helpers/services-file.ts';

let dataDir: string;
let broker: HttpFixture;
let clock: ManualClock;
const monitors: Haltwatch[] = [];

function open(): Haltwatch {
  const monitor = openTestHaltwatch({ dataDir, clock, log: () => {} });
  monitors.push(monitor);
  return monitor;
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-monitor-'));
  broker = await startHttpFixture();
  // A Saturday: no scheduled check falls due while the tests move time.
  clock = new ManualClock(Date.UTC(2026, 10, 21, 15, 0));
  writeServicesFile(dataDir, [
    {
      name: 'broker',
      kind: 'http',
      url: broker.url,
      timeoutMs: 1000,
      criticality: 'critical',
      breaker: { failureThreshold: 2, openMs: 30_000 },
    },
  ]);
});

afterEach(async () => {
  for (const m of monitors.splice(0)) m.close();
  await broker.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the monitor', () => {
  it('runs a check, stores it and reports live events', async () => {
    const monitor = open();
    const events: string[] = [];
    monitor.events.subscribe((name) => events.push(name));
    const run = await monitor.engine.runCheck({ reason: 'manual' });
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({ service: 'broker', ok: true, outcome: 'ok' });
    expect(events).toContain('check.started');
    expect(events).toContain('check.result');
    expect(events).toContain('check.finished');
    const status = monitor.status();
    expect(status.level).toBe('NORMAL');
    expect(status.services[0]?.last?.ok).toBe(true);
    expect(monitor.store.checkRun(run.id)?.results).toHaveLength(1);
  });

  it('opens the breaker of a failing critical service, HALTs, and keeps HALT across a restart', async () => {
    const monitor = open();
    broker.setMode({ status: 500 });
    await monitor.engine.runCheck({ reason: 'manual' });
    expect(monitor.status().services[0]?.breaker.state).toBe('CLOSED');
    // A critical service's first failed probe is an ALERT at once, before its breaker opens.
    expect(monitor.status()).toMatchObject({
      level: 'ALERT',
      cause: { signal: 'probe_failures', service: 'broker', value: 1 },
    });
    await monitor.engine.runCheck({ reason: 'manual' });
    const status = monitor.status();
    expect(status.services[0]?.breaker.state).toBe('OPEN');
    expect(status.level).toBe('HALT');
    expect(status.cause?.service).toBe('broker');
    expect(monitor.engine.levels.answer({ action: 'open' }).allowed).toBe(false);
    expect(monitor.engine.levels.answer({ action: 'close' }).allowed).toBe(true);
    const audit = monitor.store.audit({ limit: 10, offset: 0 });
    expect(audit.rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['breaker', 'level']));
    monitor.close();
    monitors.length = 0;

    const reopened = open();
    expect(reopened.status().level).toBe('HALT');
    expect(reopened.status().services[0]?.breaker.state).toBe('OPEN');
  });

  it('starts at SHUTDOWN (the last level seen), not NORMAL, when the saved engine state is damaged', async () => {
    const monitor = open();
    monitor.engine.levels.kill('testing', 'trader');
    monitor.close();
    monitors.length = 0;
    const db = new Database(path.join(dataDir, 'haltwatch.db'));
    db.prepare('UPDATE engine_state SET state = \'{"version":1,\' WHERE id = 1').run();
    db.close();

    const reopened = open();
    expect(reopened.status()).toMatchObject({ level: 'SHUTDOWN', cause: { signal: 'state_lost' } });
    expect(reopened.engine.levels.answer({ action: 'open' }).allowed).toBe(false);
  });

  it('lets a service removed while the app was closed stop holding the level up', async () => {
    writeServicesFile(dataDir, [
      {
        name: 'broker',
        kind: 'http',
        url: broker.url,
        timeoutMs: 1000,
        criticality: 'critical',
        breaker: { failureThreshold: 1 },
      },
      { name: 'cache', kind: 'tcp', host: '127.0.0.1', port: broker.port, criticality: 'informational' },
    ]);
    const monitor = open();
    broker.setMode({ status: 500 });
    await monitor.engine.runCheck({ reason: 'manual' });
    expect(monitor.status().level).toBe('HALT');
    monitor.close();
    monitors.length = 0;

    writeServicesFile(dataDir, [{ name: 'cache', kind: 'tcp', host: '127.0.0.1', port: broker.port }]);
    const reopened = open();
    expect(reopened.status()).toMatchObject({ level: 'HALT', desiredLevel: 'NORMAL' });
    reopened.engine.levels.forceRecover('broker retired', 'trader');
    expect(reopened.status().level).toBe('NORMAL');
  });

  it('probes an open breaker again at its trial time and closes it when the service is back', async () => {
    const monitor = open();
    broker.setMode({ status: 503 });
    await monitor.engine.runCheck({ reason: 'manual' });
    await monitor.engine.runCheck({ reason: 'manual' });
    const opened = monitor.status().services[0]?.breaker;
    expect(opened?.state).toBe('OPEN');
    broker.setMode('healthy');
    const trial = new Promise<void>((resolve) =>
      monitor.events.on('check.finished', (run) => run.reason === 'trial' && resolve()),
    );
    clock.advanceTo(opened?.nextTrialAt ?? 0);
    await trial;
    expect(monitor.status().services[0]?.breaker.state).toBe('CLOSED');
  });

  it('shares a check already running instead of starting a second one', async () => {
    const monitor = open();
    broker.setMode({ slowMs: 100 });
    const [a, b] = await Promise.all([
      monitor.engine.runCheck({ reason: 'manual' }),
      monitor.engine.runCheck({ reason: 'manual' }),
    ]);
    expect(a.id).toBe(b.id);
    expect(broker.requests).toHaveLength(1);
  });

  it('starts with no services and shows the problem when the services file is bad', () => {
    fs.writeFileSync(path.join(dataDir, 'services.json'), '{"services":[{"name":"x","kind":"smtp"}]}');
    const status = open().status();
    expect(status.services).toEqual([]);
    expect(status.problems[0]?.message).toContain('services[0].kind');
  });
});
