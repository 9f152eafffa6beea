import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { writeServicesFile } from '../../helpers/services-file.ts';

let dataDir: string;
let fixture: HttpFixture;
let monitor: Haltwatch;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-reset-all-'));
  fixture = await startHttpFixture({ mode: { status: 500 } });
  writeServicesFile(dataDir, [
    {
      name: 'broker',
      kind: 'http',
      url: fixture.url,
      criticality: 'critical',
      breaker: { failureThreshold: 1 },
    },
    {
      name: 'quotes',
      kind: 'http',
      url: fixture.url,
      criticality: 'important',
      breaker: { failureThreshold: 1 },
    },
  ]);
  // A Saturday: no scheduled check interferes.
  monitor = openTestHaltwatch({
    dataDir,
    clock: new ManualClock(Date.UTC(2026, 10, 21, 15, 0)),
    log: () => {},
  });
});

afterEach(async () => {
  monitor.close();
  await fixture.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('resetting every breaker', () => {
  it('closes them all, audits each and the action, and the counters show it', async () => {
    await monitor.engine.runCheck({ reason: 'manual' });
    expect(monitor.status().services.map((s) => s.breaker.state)).toEqual(['OPEN', 'OPEN']);
    const status = await monitor.handlers['breaker.resetAll'](
      { reason: 'network back' },
      { actor: 'trader', commandsAndSecrets: true },
    );
    expect(status.services.map((s) => s.breaker.state)).toEqual(['CLOSED', 'CLOSED']);
    const audit = monitor.store.audit({ limit: 10, offset: 0, kinds: ['manual', 'breaker'] });
    expect(audit.rows.slice(0, 3)).toEqual([
      expect.objectContaining({
        kind: 'manual',
        action: 'reset_all_breakers',
        actor: 'trader',
        reason: 'network back',
      }),
      expect.objectContaining({ kind: 'breaker', to: 'CLOSED', actor: 'trader' }),
      expect.objectContaining({ kind: 'breaker', to: 'CLOSED', actor: 'trader' }),
    ]);
    expect(monitor.engine.breakerCounts.failureCounts()).toEqual([
      { service: 'broker', count: 1 },
      { service: 'quotes', count: 1 },
    ]);
    expect(monitor.engine.breakerCounts.transitionCounts()).toEqual(
      expect.arrayContaining([
        { service: 'broker', to: 'OPEN', count: 1 },
        { service: 'broker', to: 'CLOSED', count: 1 },
      ]),
    );
  });

  it('refuses a reason that is too short, changing nothing', async () => {
    await monitor.engine.runCheck({ reason: 'manual' });
    const dispatch = createDispatcher(monitor.handlers, () => {});
    const outcome = await dispatch(
      'breaker.resetAll',
      { reason: 'x' },
      { actor: 'trader', commandsAndSecrets: true },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(monitor.status().services.map((s) => s.breaker.state)).toEqual(['OPEN', 'OPEN']);
  });
});
