import { describe, expect, it } from 'vitest';
import type { LevelStatus } from '../../../shared/gate.ts';
import type { EngineStatus, ServiceStatus } from '../../../shared/status.ts';
import {
  breakerText,
  checkText,
  levelActionText,
  overrideText,
  resetAllText,
  savedText,
} from '../../../renderer/src/toasts/change-text.ts';
import { settingsChanges } from '../../../renderer/src/settings/settings-changes.ts';
import { thresholdChanges } from '../../../renderer/src/thresholds/threshold-changes.ts';
import { scheduleChanges } from '../../../renderer/src/schedule/schedule-changes.ts';
import { THRESHOLD_PRESETS } from '../../../shared/thresholds.ts';

const DEFAULT_THRESHOLDS = THRESHOLD_PRESETS.default;
import { statusAt } from '../../helpers/status-fixture.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';

function levelStatus(status: EngineStatus): LevelStatus {
  return {
    level: status.level,
    since: 0,
    cause: status.cause,
    causes: [],
    confirm: status.confirm,
    override: status.override,
    awaitingConfirmation: false,
    nextStepDownAt: null,
    desired: status.desiredLevel,
    thresholdsPreset: 'default',
  };
}

function service(name: string, state: ServiceStatus['breaker']['state']): ServiceStatus {
  return {
    name,
    kind: 'http',
    criticality: 'critical',
    breaker: { state, consecutiveFailures: 0, openedAt: null, nextTrialAt: null },
    last: null,
    failures: 0,
    confirmFailures: 5,
    maintenanceUntil: null,
  };
}

const halt = { level: 'HALT', overrideOn: false } as const;

describe('toasts after level actions', () => {
  it('force recovery that holds says HALT → NORMAL', () => {
    expect(levelActionText('recover', halt, levelStatus(statusAt('NORMAL')))).toEqual({
      tone: 'done',
      title: 'Recovery forced: HALT → NORMAL',
    });
  });

  it('force recovery raised again at once names the signal that did it', () => {
    const after = levelStatus(
      statusAt('HALT', { cause: { signal: 'slippage', value: 0.6, threshold: 0.5 } }),
    );
    expect(levelActionText('recover', halt, after)).toEqual({
      tone: 'warn',
      title: 'Recovery forced: HALT → NORMAL → HALT',
      detail: 'Raised again at once by slippage 0.6 % (threshold 0.5 %).',
    });
  });

  it('confirming HALT and the kill switch show their step', () => {
    expect(levelActionText('confirm', halt, levelStatus(statusAt('THROTTLE'))).title).toBe(
      'Leaving HALT confirmed: HALT → THROTTLE',
    );
    expect(
      levelActionText('kill', { level: 'NORMAL', overrideOn: false }, levelStatus(statusAt('SHUTDOWN')))
        .title,
    ).toBe('Trading shut down: NORMAL → SHUTDOWN');
  });

  it('the override says what it did to trading and where the level stands', () => {
    const normal = { level: 'NORMAL', overrideOn: false } as const;
    const on = overrideText(true, normal, levelStatus(statusAt('NORMAL')));
    expect(on).toEqual({
      tone: 'done',
      title: 'Override on: trading follows the level → disabled',
      detail: 'Level stays NORMAL.',
    });
    const off = overrideText(false, { level: 'NORMAL', overrideOn: true }, levelStatus(statusAt('NORMAL')));
    expect(off.title).toBe('Override off: trading disabled → follows the level');
  });
});

describe('toasts after breaker actions and checks', () => {
  it('taking a service offline: breaker and level before → after', () => {
    const before = statusAt('NORMAL', { services: [service('broker', 'CLOSED')] });
    const after = statusAt('HALT', { services: [service('broker', 'OPEN')] });
    expect(breakerText('isolate', 'broker', before, after)).toEqual({
      tone: 'done',
      title: 'broker taken offline: breaker Closed → Open',
      detail: 'Level NORMAL → HALT.',
    });
  });

  it('a reset says the level waits for its cooldown instead of looking unchanged', () => {
    const before = statusAt('HALT', { services: [service('broker', 'OPEN')] });
    const after = statusAt('HALT', { services: [service('broker', 'CLOSED')], desiredLevel: 'NORMAL' });
    expect(breakerText('reset', 'broker', before, after).detail).toBe(
      'Level stays HALT; steps down to NORMAL after its cooldown.',
    );
    expect(resetAllText(before, after).title).toBe('All breakers reset: 1 closed again');
    expect(resetAllText(after, after).title).toBe('All breakers reset: none was open');
  });

  it('a check names the services that failed', () => {
    const results = [
      { service: 'broker', ok: false },
      { service: 'redis', ok: true },
    ];
    expect(checkText(results, 'NORMAL', { level: 'HALT' })).toEqual({
      tone: 'warn',
      title: 'Check done: 1 of 2 failed (broker)',
      detail: 'Level NORMAL → HALT.',
    });
    expect(checkText([{ service: 'redis', ok: true }], 'NORMAL', { level: 'NORMAL' }).title).toBe(
      'Check done: 1 of 1 healthy',
    );
    expect(checkText([], undefined, { level: 'NORMAL' }).title).toBe('Check done: no service is watched');
  });
});

describe('toasts after saving', () => {
  it('never says saved when nothing changed', () => {
    expect(savedText('Settings', [])).toEqual({ tone: 'done', title: 'Settings: nothing changed' });
  });

  it('settings: each change by its label, before → after', () => {
    const before = {
      ...DEFAULT_SETTINGS,
      theme: 'system' as const,
      retention: { ...DEFAULT_SETTINGS.retention, rawDays: 30 },
    };
    const after = { ...before, theme: 'dark' as const, retention: { ...before.retention, rawDays: 28 } };
    expect(savedText('Settings', settingsChanges(before, after))).toEqual({
      tone: 'done',
      title: 'Settings saved',
      detail: 'theme system → dark; Raw results (days) 30 → 28.',
    });
  });

  it('thresholds in the units the form shows, at most four listed', () => {
    const after = {
      ...DEFAULT_THRESHOLDS,
      latency: { alertMs: 300, throttleMs: 900, haltMs: 2000 },
      cooldownMs: { ...DEFAULT_THRESHOLDS.cooldownMs, alert: 120_000 },
      flattenOnHalt: !DEFAULT_THRESHOLDS.flattenOnHalt,
    };
    const text = savedText('Thresholds', thresholdChanges(DEFAULT_THRESHOLDS, after));
    expect(text.detail).toBe(
      `Latency ALERT at ${DEFAULT_THRESHOLDS.latency.alertMs} ms → 300 ms; Latency THROTTLE at ${DEFAULT_THRESHOLDS.latency.throttleMs} ms → 900 ms; Latency HALT at ${DEFAULT_THRESHOLDS.latency.haltMs} ms → 2000 ms; Cooldowns Leave ALERT after 1m → 2m; and 1 more.`,
    );
  });

  it('schedule: checks added or removed by name, closures counted', () => {
    const entry = { name: 'open', checkpoint: 'market_open', anchor: 'open', offsetMinutes: 0 } as const;
    const before = { exchange: 'XNYS', catchUp: true, entries: [entry], adhoc: [] };
    const after = {
      ...before,
      catchUp: false,
      entries: [entry, { ...entry, name: 'midday' }],
      adhoc: [{ date: '2026-12-24', name: 'mourning', type: 'closed' as const }],
    };
    expect(scheduleChanges(before as never, after as never)).toEqual([
      { label: 'catch-up', before: 'on', after: 'off' },
      { label: 'checks', before: 'open', after: 'open, midday' },
      { label: 'closures', before: '0', after: '1' },
    ]);
  });
});
