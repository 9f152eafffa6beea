import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { writeServicesFile } from '../../helpers/services-file.ts';

let dataDir: string;
let broker: HttpFixture;
let monitor: Haltwatch;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-status-once-'));
  broker = await startHttpFixture();
  writeServicesFile(dataDir, [
    { name: 'broker', kind: 'http', url: broker.url, timeoutMs: 1000, criticality: 'critical' },
  ]);
  // A Saturday: no scheduled check falls due.
  const clock = new ManualClock(Date.UTC(2026, 10, 21, 15, 0));
  monitor = openTestHaltwatch({ dataDir, clock, log: () => {} });
});

afterEach(async () => {
  monitor.close();
  await broker.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a check that moves the level once', () => {
  it('sends one level.changed, then one status showing the new level', async () => {
    const seen: string[] = [];
    monitor.events.subscribe((name, payload) => {
      if (name === 'level.changed') seen.push(`level.changed ${(payload as { to: string }).to}`);
      if (name === 'status') seen.push(`status ${(payload as { level: string }).level}`);
    });
    broker.setMode({ status: 500 });
    await monitor.engine.runCheck({ reason: 'manual' });
    // The first status is the check starting (checkRunning); the last one the check settled.
    expect(seen).toEqual(['status NORMAL', 'level.changed ALERT', 'status ALERT']);
  });
});
