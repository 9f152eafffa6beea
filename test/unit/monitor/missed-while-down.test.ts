import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MissedCheck } from '../../../shared/schedule.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

let dataDir: string;
let clock: ManualClock;
const monitors: Haltwatch[] = [];

/** Starts an engine and returns the checks it reported missed on start. */
function startEngine(): { monitor: Haltwatch; missed: MissedCheck[] } {
  const monitor = openTestHaltwatch({ dataDir, clock, log: () => {} });
  monitors.push(monitor);
  const missed: MissedCheck[] = [];
  monitor.events.on('schedule.missed', (miss) => missed.push(miss));
  monitor.start();
  return { monitor, missed };
}
function stopAll(): void {
  for (const m of monitors.splice(0)) m.close();
}

// Monday 2026-11-23: NYSE opens 09:30 New York = 14:30 UTC, closes 21:00 UTC.
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00Z`);

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-missed-'));
  clock = new ManualClock(at('13:00'));
});
afterEach(() => {
  stopAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('checks missed while the engine was not running', () => {
  it('records and tells the market open that passed while the laptop was off, once', () => {
    startEngine();
    stopAll();
    clock.jump(at('16:00') - clock.now());

    const { monitor, missed } = startEngine();
    expect(missed).toEqual([
      expect.objectContaining({ checkpoint: 'market_open', dueAt: at('14:30'), alert: true }),
    ]);
    expect(monitor.status().lastMissed).toMatchObject({ checkpoint: 'market_open' });
    expect(monitor.store.checkpoints({ from: at('00:00'), to: at('23:59') })).toEqual([
      expect.objectContaining({ checkpoint: 'market_open', reason: 'missed' }),
    ]);
    stopAll();

    clock.jump(600_000);
    expect(startEngine().missed).toEqual([]);
  });

  it('reports nothing on a first start, nor for checks older than a day', () => {
    clock.jump(at('16:00') - clock.now());
    expect(startEngine().missed).toEqual([]);
    stopAll();
    clock.jump(3 * 86_400_000);
    // Thursday 26 16:00 UTC (Thanksgiving, no session): of the checks since Monday only Wednesday's
    // close lies within the last day.
    expect(startEngine().missed.map((m) => [m.checkpoint, m.dueAt])).toEqual([
      ['market_close', Date.parse('2026-11-25T21:00:00Z')],
    ]);
  });
});
