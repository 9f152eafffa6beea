import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { fragileBroker, writeServicesFile } from '../../helpers/services-file.ts';

// A Saturday: no scheduled check interferes.
const START = Date.UTC(2026, 10, 21, 15, 0);
const HOUR = 3_600_000;

let dataDir: string;
let fixture: HttpFixture;
let clock: ManualClock;
let monitor: Haltwatch;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-maintenance-'));
  fixture = await startHttpFixture({ mode: { status: 500 } });
  writeServicesFile(dataDir, [
    { ...fragileBroker(fixture.url), maintenance: [{ from: START - HOUR, to: START + HOUR }] },
  ]);
  clock = new ManualClock(START);
  monitor = openTestHaltwatch({ dataDir, clock, log: () => {} });
});

afterEach(async () => {
  monitor.close();
  await fixture.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const opens = () => monitor.engine.levels.answer({ action: 'open' }).allowed;

describe('a critical service failing inside its maintenance window', () => {
  it('is probed and recorded but keeps the level NORMAL and opens allowed; after the window it halts', async () => {
    const run = await monitor.engine.runCheck({ reason: 'manual' });
    expect(run.results.map((r) => r.ok)).toEqual([false]);
    expect(monitor.store.latestResults().map((r) => r.service)).toEqual(['broker']);
    const during = monitor.status();
    expect(during.services[0]).toMatchObject({
      breaker: { state: 'OPEN' },
      failures: 1,
      maintenanceUntil: START + HOUR,
    });
    expect(during.level).toBe('NORMAL');
    expect(during.causes).toEqual([]);
    expect(opens()).toBe(true);

    // The window ends: the open breaker counts at once, before any new probe.
    clock.advance(HOUR);
    const after = monitor.status();
    expect(after.services[0]?.maintenanceUntil).toBeNull();
    expect(after.level).toBe('HALT');
    expect(opens()).toBe(false);
    // Reduce and close stay allowed.
    expect(monitor.engine.levels.answer({ action: 'close' }).allowed).toBe(true);
  });

  it('notifies nothing and audits no level change while in the window', async () => {
    await monitor.engine.runCheck({ reason: 'manual' });
    const levels = monitor.store.audit({ limit: 10, offset: 0, kinds: ['level'] });
    expect(levels.rows).toEqual([]);
  });
});
