import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointFailure } from '../../../shared/schedule.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { writeServicesFile } from '../../helpers/services-file.ts';

/** Monday 2026-11-23, 10:00 in New York (15:00 UTC): the session is open. */
const IN_SESSION = Date.UTC(2026, 10, 23, 15, 0);

let dataDir: string;
let broker: HttpFixture;
let clock: ManualClock;
const monitors: Haltwatch[] = [];

function open(settings?: unknown): Haltwatch {
  if (settings) fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(settings));
  const monitor = openTestHaltwatch({ dataDir, clock, log: () => {} });
  monitors.push(monitor);
  return monitor;
}

/**
 * Real time for the probes' sockets to answer, at most `settleMs` per step: a hanging service only
 * times out as fake time moves, so its tests need not wait at all.
 */
let settleMs = 3_000;
async function settle(monitor: Haltwatch): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const until = performance.now() + settleMs;
  while (monitor.status().checkRunning && performance.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Moves fake time in 1 s steps until `done` holds or `limitMs` passed; returns the fake ms it took. */
async function advanceUntil(monitor: Haltwatch, done: () => boolean, limitMs: number): Promise<number> {
  const start = clock.now();
  while (!done() && clock.now() - start < limitMs) {
    clock.advance(1_000);
    await settle(monitor);
  }
  return clock.now() - start;
}

const refusesOpens = (monitor: Haltwatch) => () => !monitor.engine.levels.answer({ action: 'open' }).allowed;

beforeEach(async () => {
  settleMs = 3_000;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-detection-'));
  broker = await startHttpFixture();
});

afterEach(async () => {
  for (const m of monitors.splice(0)) m.close();
  await broker.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('detection with the default settings (fake clock)', () => {
  beforeEach(() => {
    clock = new ManualClock(IN_SESSION);
    writeServicesFile(dataDir, [{ name: 'broker', kind: 'http', url: broker.url, criticality: 'critical' }]);
  });

  for (const [what, mode] of [
    ['answering 500', { status: 500 }],
    ['not answering at all', 'hang'],
  ] as const) {
    it(`refuses opens within 30 s of the first probe that finds a critical broker ${what}`, async () => {
      const monitor = open();
      monitor.start();
      const events: string[] = [];
      monitor.events.on('check.started', () => events.push(`${(clock.now() - IN_SESSION) / 1000}s`));
      await advanceUntil(monitor, () => events.length > 0, 15_000);
      expect(monitor.status().level).toBe('NORMAL');

      broker.setMode(mode);
      if (mode === 'hang') settleMs = 20;
      const probesBefore = events.length;
      // The next interval probe comes within 60 s (± 10 % jitter) during the session.
      const untilProbe = await advanceUntil(monitor, () => events.length > probesBefore, 70_000);
      expect(untilProbe).toBeLessThanOrEqual(66_000);
      const tookMs = await advanceUntil(monitor, refusesOpens(monitor), 60_000);
      expect(tookMs).toBeLessThanOrEqual(30_000);
      // Answering 500: two failed probes; silent: its first timeout is already 5 000 ms of latency.
      expect(monitor.status()).toMatchObject({
        level: 'HALT',
        cause:
          mode === 'hang'
            ? { signal: 'latency', service: 'broker', value: 5_000, threshold: 3_000 }
            : { signal: 'probe_failures', service: 'broker', value: 2, threshold: 2 },
      });
      expect(monitor.engine.levels.answer({ action: 'close' }).allowed).toBe(true);
      expect(monitor.engine.levels.recentIssues(5).map((i) => i.level)).toEqual(
        expect.arrayContaining(['ALERT', 'HALT']),
      );
    });
  }

  it('keeps a slow informational service at ALERT, even when it times out', async () => {
    writeServicesFile(dataDir, [
      { name: 'llm', kind: 'http', url: broker.url, criticality: 'informational', timeoutMs: 4_000 },
    ]);
    const monitor = open();
    monitor.start();
    broker.setMode('hang');
    settleMs = 20;
    const levels = new Set<string>();
    monitor.events.on('status', (s) => levels.add(s.level));
    await advanceUntil(monitor, () => false, 180_000);
    expect([...levels].sort()).toEqual(['ALERT', 'NORMAL']);
    expect(monitor.status()).toMatchObject({ level: 'ALERT' });
    const causes = monitor.status().causes.map((c) => `${c.signal} ${c.level}`);
    expect(causes).toEqual(expect.arrayContaining(['latency ALERT', 'probe_failures ALERT']));
    expect(causes.every((c) => c.endsWith(' ALERT'))).toBe(true);
    expect(monitor.status().services[0]).toMatchObject({ failures: expect.any(Number), confirmFailures: 2 });
  });

  it('names the dead heartbeat, not the broker the operator reset, as the cause of HALT', async () => {
    writeServicesFile(dataDir, [
      {
        name: 'broker',
        kind: 'http',
        url: broker.url,
        criticality: 'critical',
        breaker: { failureThreshold: 1 },
      },
      { name: 'bot', kind: 'heartbeat', graceSeconds: 30, criticality: 'critical' },
    ]);
    const monitor = open();
    monitor.engine.heartbeats.beat('bot', clock.now());
    broker.setMode({ status: 500 });
    await monitor.engine.runCheck({ reason: 'manual' });
    expect(monitor.status()).toMatchObject({
      level: 'HALT',
      cause: { signal: 'breaker', service: 'broker' },
    });
    monitor.start();
    // The bot stops beating; the broker comes back and its breaker is reset by the operator.
    broker.setMode('healthy');
    monitor.handlers['breaker.reset'](
      { service: 'broker', reason: 'broker fixed' },
      { actor: 'trader', commandsAndSecrets: true },
    );
    await monitor.engine.runCheck({ reason: 'manual', only: ['broker'] });
    await advanceUntil(monitor, () => monitor.status().causes.some((c) => c.level === 'HALT'), 120_000);
    const status = monitor.status();
    expect(status.level).toBe('HALT');
    expect(status.cause).toMatchObject({ signal: 'probe_failures', service: 'bot' });
    expect(status.causes.map((c) => c.service)).toEqual(['bot']);
    expect(status.services.find((s) => s.name === 'broker')).toMatchObject({
      failures: 0,
      breaker: { state: 'CLOSED' },
    });
  });
});

describe('the board hears of every change at once', () => {
  beforeEach(() => {
    // A Saturday: nothing scheduled, no interval probe started.
    clock = new ManualClock(Date.UTC(2026, 10, 21, 15, 0));
    writeServicesFile(dataDir, [{ name: 'broker', kind: 'http', url: broker.url, criticality: 'critical' }]);
  });

  it('sends a status the moment HALT becomes confirmable, with nothing else happening', async () => {
    const monitor = open();
    broker.setMode({ status: 500 });
    await monitor.engine.runCheck({ reason: 'manual' });
    await monitor.engine.runCheck({ reason: 'manual' });
    broker.setMode('healthy');
    await monitor.engine.runCheck({ reason: 'manual' });
    const healthyAt = clock.now();
    expect(monitor.status()).toMatchObject({ level: 'HALT', awaitingConfirmation: false, causes: [] });
    const seen: { at: number; awaiting: boolean }[] = [];
    monitor.events.on('status', (s) => seen.push({ at: clock.now(), awaiting: s.awaitingConfirmation }));
    clock.advanceTo(healthyAt + 900_000 - 1);
    expect(seen.filter((s) => s.awaiting)).toEqual([]);
    clock.advance(1);
    expect(seen.filter((s) => s.awaiting)).toEqual([{ at: healthyAt + 900_000, awaiting: true }]);
  });
});

describe('market checkpoints retry a failed service', () => {
  /** Monday 2026-11-23, a minute before the 09:30 New York open. */
  const BEFORE_OPEN = Date.UTC(2026, 10, 23, 14, 29);

  beforeEach(() => {
    clock = new ManualClock(BEFORE_OPEN);
    writeServicesFile(dataDir, [{ name: 'broker', kind: 'http', url: broker.url, criticality: 'critical' }]);
  });

  it('tries 3 more times, 60 s apart, before the checkpoint counts as failed', async () => {
    const monitor = open({ monitoring: { enabled: false } });
    const failures: CheckpointFailure[] = [];
    monitor.events.on('checkpoint.failed', (f) => failures.push(f));
    broker.setMode({ status: 503 });
    monitor.start();
    await advanceUntil(monitor, () => failures.length > 0, 300_000);
    expect(failures).toEqual([
      expect.objectContaining({
        checkpoint: 'market_open',
        priority: 100,
        attempts: 4,
        failedAt: Date.UTC(2026, 10, 23, 14, 33),
        services: [{ service: 'broker', reason: expect.stringContaining('503') }],
      }),
    ]);
    const rows = monitor.store.checkpoints({ from: BEFORE_OPEN, to: clock.now() + 1 });
    expect(rows.filter((r) => r.checkpoint === 'market_open')).toHaveLength(4);
  });

  it('does not count the checkpoint failed when a retry finds the service back', async () => {
    const monitor = open({ monitoring: { enabled: false, checkpointRetrySeconds: 30 } });
    const failures: CheckpointFailure[] = [];
    monitor.events.on('checkpoint.failed', (f) => failures.push(f));
    broker.setMode({ status: 503 });
    monitor.start();
    await advanceUntil(monitor, () => clock.now() >= Date.UTC(2026, 10, 23, 14, 30, 45), 120_000);
    broker.setMode('healthy');
    await advanceUntil(monitor, () => false, 180_000);
    expect(failures).toEqual([]);
    const rows = monitor.store.checkpoints({ from: BEFORE_OPEN, to: clock.now() + 1 });
    expect(rows.filter((r) => r.checkpoint === 'market_open')).toHaveLength(3);
  });

  it('tells nothing of a service failing in its maintenance window, though it is still checked', async () => {
    writeServicesFile(dataDir, [
      {
        name: 'broker',
        kind: 'http',
        url: broker.url,
        criticality: 'critical',
        maintenance: [{ day: 'mon', start: '09:00', end: '10:00', zone: 'America/New_York' }],
      },
    ]);
    const monitor = open({ monitoring: { enabled: false } });
    const failures: CheckpointFailure[] = [];
    monitor.events.on('checkpoint.failed', (f) => failures.push(f));
    broker.setMode({ status: 503 });
    monitor.start();
    await advanceUntil(monitor, () => clock.now() >= Date.UTC(2026, 10, 23, 14, 35), 300_000);
    expect(failures).toEqual([]);
    const rows = monitor.store.checkpoints({ from: BEFORE_OPEN, to: clock.now() + 1 });
    expect(rows.filter((r) => r.checkpoint === 'market_open')).toHaveLength(4);
    expect(monitor.status().level).toBe('NORMAL');
  });
});
