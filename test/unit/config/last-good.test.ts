import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

let dataDir: string;
let clock: ManualClock;
const monitors: Haltwatch[] = [];

function open(): Haltwatch {
  const monitor = openTestHaltwatch({ dataDir, clock, log: () => {} });
  monitors.push(monitor);
  return monitor;
}
function closeAll(): void {
  for (const m of monitors.splice(0)) m.close();
}

const settingsFile = () => path.join(dataDir, 'settings.json');
const servicesFile = () => path.join(dataDir, 'services.json');
const ISOLATED = { name: 'broker', kind: 'tcp', host: '127.0.0.1', port: 9, criticality: 'critical' };
/** The user's own rule: 0.3 % slippage already halts (the default would only THROTTLE). */
const STRICT = { thresholds: { slippage: { alertPct: 0.1, throttlePct: 0.2, haltPct: 0.3 } } };
const slippage3 = { type: 'slippage', expectedPrice: 100, actualPrice: 100.3 } as const;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-last-good-'));
  clock = new ManualClock(Date.UTC(2026, 10, 21, 15, 0));
});
afterEach(() => {
  closeAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a settings or services file that fails to load', () => {
  it('runs on the last good settings, with a banner, never on the defaults', () => {
    fs.writeFileSync(settingsFile(), JSON.stringify(STRICT));
    open();
    closeAll();
    expect(fs.existsSync(path.join(dataDir, 'settings.last-good.json'))).toBe(true);
    const text = fs.readFileSync(settingsFile(), 'utf8');
    fs.writeFileSync(settingsFile(), text.slice(0, text.length / 2)); // truncated

    const monitor = open();
    expect(monitor.engine.levels.getThresholds().slippage.haltPct).toBe(0.3);
    expect(monitor.status().problems).toEqual([
      expect.objectContaining({ file: settingsFile(), message: expect.stringContaining('last good copy') }),
    ]);
    monitor.engine.levels.observe(slippage3);
    expect(monitor.status()).toMatchObject({ level: 'HALT', cause: { signal: 'slippage' } });
  });

  it('runs on the last good services: an open critical breaker is not forgotten', () => {
    fs.writeFileSync(servicesFile(), JSON.stringify({ services: [ISOLATED] }));
    const first = open();
    first.engine.breakers.isolate('broker', 'maintenance', 'trader');
    expect(first.status().level).toBe('HALT');
    closeAll();
    fs.writeFileSync(servicesFile(), JSON.stringify({ services: [ISOLATED] }).replace(']', ',]')); // trailing comma

    const monitor = open();
    expect(monitor.engine.serviceConfigs.map((s) => s.name)).toEqual(['broker']);
    expect(monitor.status()).toMatchObject({
      level: 'HALT',
      services: [
        expect.objectContaining({ name: 'broker', breaker: expect.objectContaining({ state: 'OPEN' }) }),
      ],
    });
    expect(monitor.config.servicesFileProblem?.lastGood).toBe(path.join(dataDir, 'services.last-good.json'));
  });

  it('halts with cause config_invalid when there is no good copy, until a good file is saved', async () => {
    fs.writeFileSync(settingsFile(), '{"thresholds": {"slippage": {"haltPct": 0.3}');
    const monitor = open();
    expect(monitor.status()).toMatchObject({ level: 'HALT', cause: { signal: 'config_invalid' } });
    expect(monitor.engine.levels.answer({ action: 'open' }).allowed).toBe(false);
    expect(monitor.engine.levels.answer({ action: 'close' }).allowed).toBe(true);

    const dispatch = createDispatcher(monitor.handlers, () => {});
    const saved = await dispatch(
      'thresholds.set',
      { ...STRICT, reason: 'settings file rewritten' },
      { actor: 'trader', commandsAndSecrets: true },
    );
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    // Released: the level leaves HALT by its cooldown and the operator's confirmation, as always.
    expect(monitor.status()).toMatchObject({ level: 'HALT', desiredLevel: 'NORMAL', problems: [] });
    clock.advance(monitor.engine.levels.getThresholds().cooldownMs.halt);
    monitor.engine.levels.confirmLeaveHalt('settings fixed', 'trader');
    expect(monitor.status().level).toBe('THROTTLE');
    expect(fs.existsSync(path.join(dataDir, 'settings.last-good.json'))).toBe(true);
  });

  it('halts with cause config_invalid for a services file without a good copy', () => {
    fs.writeFileSync(servicesFile(), '{"services": [');
    expect(open().status()).toMatchObject({
      level: 'HALT',
      cause: { signal: 'config_invalid', value: expect.stringContaining('services.json') },
    });
  });
});
