import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit.ts';
import type { ThresholdsInput } from '../../../shared/thresholds.ts';
import { LevelActionError, LevelEngine } from '../../../electron/core/levels/level-engine.ts';
import type { LevelEngineSerialized } from '../../../electron/core/levels/level-engine-serialized.ts';
import type { Signal } from '../../../electron/core/levels/signals.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { contract } from '../../../shared/contract.ts';

function setup(thresholds: ThresholdsInput = {}, restore?: LevelEngineSerialized) {
  const clock = new ManualClock(0);
  const audit: AuditEvent[] = [];
  const engine = new LevelEngine(thresholds, clock, { restore, onAudit: (e) => audit.push(e) });
  const levelMoves = () =>
    audit.flatMap((e) => (e.kind === 'level' ? [`${e.at / 1000}s ${e.from}>${e.to}`] : []));
  return { clock, engine, audit, levelMoves };
}

const latency = (ms: number, service = 'broker'): Signal => ({ type: 'latency', service, ms });
const failure: Signal = { type: 'order_failure' };
const success: Signal = { type: 'order_success' };

describe('LevelEngine: escalation and stepping down', () => {
  it('escalates at once and steps down one level per cooldown with no further signal', () => {
    const { clock, engine, audit, levelMoves } = setup({ requireConfirmationToLeaveHalt: false });
    engine.observe(latency(3_500));
    expect(engine.status().level).toBe('HALT');
    expect(audit[0]).toEqual({
      at: 0,
      kind: 'level',
      from: 'NORMAL',
      to: 'HALT',
      cause: { signal: 'latency', service: 'broker', value: 3_500, threshold: 3_000 },
    });
    clock.advance(10_000);
    engine.observe(latency(100));
    expect(engine.status()).toMatchObject({ level: 'HALT', desired: 'NORMAL', nextStepDownAt: 910_000 });
    clock.advance(3_600_000);
    expect(levelMoves()).toEqual([
      '0s NORMAL>HALT',
      '910s HALT>THROTTLE',
      '1210s THROTTLE>ALERT',
      '1270s ALERT>NORMAL',
    ]);
    expect(audit[1]).toMatchObject({ cause: { signal: 'cooldown', value: 900_000, threshold: 900_000 } });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('restarts the cooldown when the signal comes back', () => {
    const { clock, engine, levelMoves } = setup();
    engine.observe(latency(600));
    clock.advance(1_000);
    engine.observe(latency(100));
    clock.advance(59_000);
    engine.observe(latency(700));
    clock.advance(1_000);
    engine.observe(latency(100));
    clock.advance(59_999);
    expect(engine.status().level).toBe('ALERT');
    clock.advance(1);
    expect(levelMoves()).toEqual(['0s NORMAL>ALERT', '121s ALERT>NORMAL']);
  });

  it('stops at the level the signals still call for', () => {
    const { clock, engine } = setup({ requireConfirmationToLeaveHalt: false });
    engine.observe(latency(5_000));
    engine.observe(latency(1_200));
    clock.advance(3_600_000);
    expect(engine.status()).toMatchObject({ level: 'THROTTLE', desired: 'THROTTLE', nextStepDownAt: null });
  });

  it('takes the strongest of all current signals, per service', () => {
    const { engine } = setup();
    engine.observe(latency(1_500, 'market'));
    engine.observe(latency(600, 'broker'));
    expect(engine.status()).toMatchObject({
      level: 'THROTTLE',
      cause: { signal: 'latency', service: 'market', value: 1_500, threshold: 1_000 },
    });
  });

  it('leaving HALT waits for an operator after the cooldown', () => {
    const { clock, engine, audit, levelMoves } = setup();
    engine.observe({ type: 'breaker', service: 'broker', state: 'OPEN', criticality: 'critical' });
    expect(engine.status().level).toBe('HALT');
    engine.observe({ type: 'breaker', service: 'broker', state: 'CLOSED', criticality: 'critical' });
    expect(() => engine.confirmLeaveHalt('looks fine', 'trader')).toThrow(
      new LevelActionError("confirm: HALT's cooldown ends at 1970-01-01T00:15:00.000Z"),
    );
    clock.advance(900_000);
    expect(engine.status()).toMatchObject({
      level: 'HALT',
      awaitingConfirmation: true,
      nextStepDownAt: 900_000,
    });
    clock.advance(3_600_000);
    expect(engine.status().level).toBe('HALT');
    engine.confirmLeaveHalt('broker back, checked fills', 'trader');
    expect(engine.status()).toMatchObject({ level: 'THROTTLE', awaitingConfirmation: false });
    expect(audit.slice(-2)).toEqual([
      {
        at: 4_500_000,
        kind: 'manual',
        action: 'confirm',
        reason: 'broker back, checked fills',
        actor: 'trader',
      },
      {
        at: 4_500_000,
        kind: 'level',
        from: 'HALT',
        to: 'THROTTLE',
        cause: { signal: 'manual_confirm', value: 'broker back, checked fills' },
        reason: 'broker back, checked fills',
        actor: 'trader',
      },
    ]);
    clock.advance(360_000);
    expect(levelMoves().slice(-2)).toEqual(['4800s THROTTLE>ALERT', '4860s ALERT>NORMAL']);
  });

  it('refuses confirmation while the signals still call for HALT, or outside HALT', () => {
    const { clock, engine } = setup();
    expect(() => engine.confirmLeaveHalt('x', 'trader')).toThrow('confirm: the level is NORMAL, not HALT');
    engine.observe(latency(4_000));
    clock.advance(2_000_000);
    expect(() => engine.confirmLeaveHalt('x', 'trader')).toThrow('confirm: the signals still call for HALT');
  });
});

describe('LevelEngine: signals', () => {
  it('counts consecutive order failures up to SHUTDOWN, which only an operator leaves', () => {
    const { clock, engine, levelMoves } = setup();
    for (let i = 0; i < 10; i++) engine.observe(failure);
    expect(levelMoves()).toEqual([
      '0s NORMAL>ALERT',
      '0s ALERT>THROTTLE',
      '0s THROTTLE>HALT',
      '0s HALT>SHUTDOWN',
    ]);
    engine.observe(success);
    clock.advance(30 * 86_400_000);
    expect(engine.status()).toMatchObject({ level: 'SHUTDOWN', desired: 'NORMAL', nextStepDownAt: null });
    expect(clock.pendingTimers()).toBe(0);
    engine.forceRecover('broker fixed, positions checked', 'trader');
    expect(engine.status()).toMatchObject({ level: 'NORMAL', desired: 'NORMAL' });
  });

  it('does not count orders the exchange refused during a market-wide halt', () => {
    const { engine } = setup();
    for (let i = 0; i < 12; i++)
      engine.observe({ type: 'order_failure', exchangeHalt: true, reason: 'LULD halt' });
    expect(engine.status().level).toBe('NORMAL');
  });

  it('throttles on a 5-minute failure rate ≥ 30 % once enough orders, and forgets it after the window', () => {
    const { clock, engine, levelMoves } = setup();
    // 3 failures in 10 orders, never two in a row.
    for (let i = 0; i < 10; i++) {
      engine.observe(i % 3 === 0 && i > 0 ? failure : success);
      clock.advance(1_000);
    }
    expect(engine.status()).toMatchObject({
      level: 'THROTTLE',
      cause: { signal: 'failure_rate', value: 30, threshold: 30 },
    });
    // No more signals. At 300 s the first order leaves the window: 9 orders are below the minimum
    // of 10, so from then on the signals are healthy and THROTTLE's and ALERT's cooldowns run.
    clock.advance(3_600_000);
    expect(levelMoves()).toEqual(['9s NORMAL>THROTTLE', '600s THROTTLE>ALERT', '660s ALERT>NORMAL']);
  });

  it('holds the level while a breaker is open, by criticality, and lets go when it closes', () => {
    const { clock, engine, levelMoves } = setup();
    const breaker = (state: 'OPEN' | 'HALF_OPEN' | 'CLOSED', criticality: 'important' | 'informational') =>
      engine.observe({ type: 'breaker', service: 'redis', state, criticality });
    breaker('OPEN', 'informational');
    expect(engine.status().level).toBe('ALERT');
    breaker('OPEN', 'important');
    breaker('HALF_OPEN', 'important');
    clock.advance(3_600_000);
    expect(engine.status().level).toBe('THROTTLE');
    breaker('CLOSED', 'important');
    clock.advance(3_600_000);
    expect(levelMoves()).toEqual([
      '0s NORMAL>ALERT',
      '0s ALERT>THROTTLE',
      '3900s THROTTLE>ALERT',
      '3960s ALERT>NORMAL',
    ]);
  });

  it('measures slippage from expected and actual price', () => {
    const { engine } = setup();
    engine.observe({ type: 'slippage', symbol: 'AAPL', expectedPrice: 200, actualPrice: 200.6 });
    expect(engine.status()).toMatchObject({
      level: 'THROTTLE',
      cause: { signal: 'slippage', threshold: 0.3 },
    });
    expect(engine.status().cause?.value).toBe(0.3);
  });

  it('halts on realised loss ≥ 5 % of equity over the loss window', () => {
    const { engine } = setup();
    engine.observe({ type: 'pnl', realized: -2_000, equity: 100_000 });
    engine.observe({ type: 'pnl', realized: 500, equity: 98_500 });
    expect(engine.status().level).toBe('NORMAL');
    engine.observe({ type: 'pnl', realized: -3_500, equity: 95_000 });
    // 5 000 lost against the latest equity of 95 000.
    expect(engine.status()).toMatchObject({ level: 'HALT', cause: { signal: 'loss', threshold: 5 } });
    expect(engine.status().cause?.value).toBeCloseTo(5.263, 3);
  });

  it('keeps a realised loss when the loss window gets another length', () => {
    const { clock, engine } = setup({ loss: { windowMs: 86_400_000 } });
    engine.observe({ type: 'pnl', realized: -3_000, equity: 100_000 });
    clock.advance(3_600_000);
    // Still inside a 12 h window: the 3 000 lost an hour ago must count with the next loss.
    engine.setThresholds({ loss: { windowMs: 43_200_000 } });
    engine.observe({ type: 'pnl', realized: -2_500, equity: 97_000 });
    expect(engine.status()).toMatchObject({ level: 'HALT', cause: { signal: 'loss', threshold: 5 } });
  });

  it('halts by time alone when a gain leaves the loss window and the losses remain', () => {
    const { clock, engine, levelMoves } = setup({ loss: { windowMs: 3_600_000 } });
    engine.observe({ type: 'pnl', realized: 4_000, equity: 104_000 });
    clock.advance(1_800_000);
    engine.observe({ type: 'pnl', realized: -6_000, equity: 98_000 });
    expect(engine.status().level).toBe('NORMAL');
    // Nobody asks anything: the engine's own timer sees the gain leave after its hour.
    clock.advance(1_900_000);
    expect(levelMoves()).toEqual(['3600s NORMAL>HALT']);
  });

  it('keeps a realised loss saved under another loss window length across a restart', () => {
    const first = setup({ loss: { windowMs: 86_400_000 } });
    first.engine.observe({ type: 'pnl', realized: -3_000, equity: 100_000 });
    const saved = first.engine.serialize();
    const { engine } = setup({ loss: { windowMs: 43_200_000 } }, saved);
    engine.observe({ type: 'pnl', realized: -2_500, equity: 97_000 });
    expect(engine.status()).toMatchObject({ level: 'HALT', cause: { signal: 'loss', threshold: 5 } });
  });

  it('forgets a loss that falls outside a shortened window, and not sooner', () => {
    const { clock, engine } = setup({ loss: { windowMs: 86_400_000 } });
    engine.observe({ type: 'pnl', realized: -3_000, equity: 100_000 });
    clock.advance(7_200_000);
    engine.setThresholds({ loss: { windowMs: 3_600_000 } });
    engine.observe({ type: 'pnl', realized: -2_500, equity: 97_000 });
    expect(engine.status().level).toBe('NORMAL');
  });

  it('counts a failure rate across a change of its window length', () => {
    const { engine } = setup({ failureRate: { throttlePct: 30, windowMs: 300_000, minOrders: 10 } });
    for (const signal of [success, success, success, failure, success, failure, success, failure, success])
      engine.observe(signal);
    expect(engine.status().level).toBe('NORMAL');
    engine.setThresholds({ failureRate: { throttlePct: 30, windowMs: 600_000, minOrders: 10 } });
    engine.observe(success);
    // 3 failures in 10 orders, all still in the window: 30 %.
    expect(engine.status()).toMatchObject({ level: 'THROTTLE', cause: { signal: 'failure_rate' } });
  });

  it('shuts down on a critical error', () => {
    const { engine } = setup();
    engine.observe({
      type: 'critical_error',
      category: 'database',
      message: 'database disk image is malformed',
    });
    expect(engine.status()).toMatchObject({
      level: 'SHUTDOWN',
      cause: { signal: 'critical_error', value: 'database: database disk image is malformed' },
    });
  });

  it('ignores malformed signals, recording an issue, and never throws', () => {
    const { engine } = setup();
    const bad: unknown[] = [
      { type: 'latency', service: 'x', ms: Number.NaN },
      { type: 'latency', service: 'x', ms: -5 },
      { type: 'slippage', expectedPrice: 0, actualPrice: 1 },
      { type: 'breaker', service: 'db', state: 'BROKEN', criticality: 'critical' },
      { type: 'nope' },
      null,
      'latency',
    ];
    for (const signal of bad) expect(() => engine.observe(signal as Signal)).not.toThrow();
    expect(engine.status().level).toBe('NORMAL');
    const issues = engine.recentIssues(5);
    expect(issues).toHaveLength(bad.length);
    expect(issues.every((i) => i.signal === 'invalid_signal' && i.level === 'NORMAL')).toBe(true);
  });

  it('lists the signals that crossed a threshold in the last N minutes', () => {
    const { clock, engine } = setup();
    engine.observe(latency(700));
    clock.advance(10 * 60_000);
    engine.observe(latency(100));
    engine.observe(latency(1_100, 'market'));
    expect(engine.recentIssues(5)).toEqual([
      {
        at: 600_000,
        signal: 'latency',
        service: 'market',
        value: 1_100,
        threshold: 1_000,
        level: 'THROTTLE',
      },
    ]);
    expect(engine.recentIssues(15)).toHaveLength(2);
    expect(() => engine.recentIssues(-1)).toThrow('minutes: must be a number ≥ 0 (got -1)');
  });
});

describe('LevelEngine: operator actions and persistence', () => {
  it('override disables trading until cleared, with reason and actor', () => {
    const { engine, audit } = setup();
    engine.setOverride(true, 'FOMC at 14:00', 'trader');
    expect(engine.status().override).toEqual({
      enabled: true,
      reason: 'FOMC at 14:00',
      actor: 'trader',
      since: 0,
    });
    expect(engine.answer({ action: 'open', confidence: 1 })).toMatchObject({
      allowed: false,
      reasons: ['OVERRIDE_ACTIVE'],
    });
    expect(engine.answer({ action: 'close' }).allowed).toBe(true);
    engine.setOverride(false, 'FOMC done', 'trader');
    expect(engine.answer({ action: 'open' }).allowed).toBe(true);
    expect(audit.map((e) => (e.kind === 'manual' ? e.action : e.kind))).toEqual([
      'override_on',
      'override_off',
    ]);
    // A blank reason is refused where it comes in, by the contract, before the engine sees it.
    expect(contract['level.override'].input.safeParse({ enabled: true, reason: '  ' }).error?.issues).toEqual(
      [expect.objectContaining({ path: ['reason'], message: 'say why (at least 3 characters)' })],
    );
  });

  it('kill shuts down; force recovery resets counters but an open critical breaker escalates again', () => {
    const { engine, levelMoves } = setup();
    engine.observe(failure);
    engine.kill('runaway bot', 'trader');
    expect(engine.status().level).toBe('SHUTDOWN');
    engine.forceRecover('bot restarted', 'trader');
    engine.observe(failure);
    expect(engine.status().level).toBe('NORMAL');
    engine.observe({ type: 'breaker', service: 'broker', state: 'OPEN', criticality: 'critical' });
    engine.forceRecover('try anyway', 'trader');
    expect(levelMoves()).toEqual([
      '0s NORMAL>SHUTDOWN',
      '0s SHUTDOWN>NORMAL',
      '0s NORMAL>HALT',
      '0s HALT>NORMAL',
      '0s NORMAL>HALT',
    ]);
  });

  it('a HALT, its cooldown clock and an override survive a restart', () => {
    const first = setup();
    first.engine.observe(latency(4_000));
    first.engine.setOverride(true, 'checking', 'trader');
    first.clock.advance(60_000);
    first.engine.observe(latency(50));
    first.clock.advance(100_000);
    const saved = JSON.parse(JSON.stringify(first.engine.serialize()));
    first.engine.dispose();

    const clock = new ManualClock(first.clock.now());
    const engine = new LevelEngine({}, clock, { restore: saved });
    expect(engine.status()).toEqual(first.engine.status());
    expect(engine.status()).toMatchObject({
      level: 'HALT',
      nextStepDownAt: 960_000,
      override: { reason: 'checking' },
    });
    clock.advance(800_000);
    expect(engine.status().awaitingConfirmation).toBe(true);
  });

  it('does not count the time the app was closed as healthy: the cooldown starts again at restart', () => {
    const first = setup({ requireConfirmationToLeaveHalt: false });
    first.engine.observe(latency(1_500));
    expect(first.engine.status().level).toBe('THROTTLE');
    first.clock.advance(10_000);
    first.engine.observe(latency(50));
    const saved = JSON.parse(JSON.stringify(first.engine.serialize()));
    first.engine.dispose();

    const clock = new ManualClock(first.clock.now() + 600_000);
    const engine = new LevelEngine({ requireConfirmationToLeaveHalt: false }, clock, { restore: saved });
    expect(engine.status()).toMatchObject({
      level: 'THROTTLE',
      desired: 'NORMAL',
      nextStepDownAt: clock.now() + 300_000,
    });
    clock.advance(299_000);
    expect(engine.status().level).toBe('THROTTLE');
    clock.advance(1_000);
    expect(engine.status().level).toBe('ALERT');
  });

  it('lets an operator confirm a HALT held only by a failure streak the flat bot cannot clear', () => {
    const { clock, engine } = setup();
    for (let i = 0; i < 5; i++) engine.observe(failure);
    expect(engine.status()).toMatchObject({ level: 'HALT', desired: 'HALT' });
    clock.advance(600_000);
    expect(() => engine.confirmLeaveHalt('broker fixed, checked by hand', 'trader')).toThrow(
      LevelActionError,
    );
    clock.advance(300_000);
    engine.confirmLeaveHalt('broker fixed, checked by hand', 'trader');
    expect(engine.status().level).toBe('THROTTLE');
  });

  it('never lets a confirmation clear a HALT that live signals still call for', () => {
    const { clock, engine } = setup();
    engine.observe(latency(4_000));
    clock.advance(3_600_000);
    expect(() => engine.confirmLeaveHalt('looks fine to me', 'trader')).toThrow('still call for HALT');
    expect(engine.status().level).toBe('HALT');
  });

  it('starts in HALT when a saved state existed but could not be read at all', () => {
    const clock = new ManualClock(0);
    const engine = new LevelEngine({}, clock, { unreadableState: 'engine state row is not JSON' });
    expect(engine.status()).toMatchObject({
      level: 'HALT',
      cause: { signal: 'state_lost', value: 'engine state row is not JSON' },
    });
    expect(engine.answer({ action: 'open' }).allowed).toBe(false);
  });

  it('starts in HALT when the saved state cannot be read', () => {
    const { engine, audit } = setup({}, { version: 2 } as unknown as LevelEngineSerialized);
    expect(engine.status()).toMatchObject({ level: 'HALT', cause: { signal: 'state_lost' } });
    expect(audit).toHaveLength(1);
  });

  it('rejects inconsistent thresholds naming the fields, and records accepted changes', () => {
    const { engine, audit } = setup();
    expect(() => engine.setThresholds({ latency: { throttleMs: 1_000, haltMs: 800 } })).toThrow(
      'latency.haltMs: HALT latency (800 ms) must be at least the THROTTLE latency (1000 ms)',
    );
    expect(() => engine.setThresholds({ orderFailures: { halt: 12 } })).toThrow(
      'orderFailures.shutdown: SHUTDOWN failure count (10) must be at least the HALT failure count (12)',
    );
    expect(() => engine.setThresholds({ cooldownMs: { alert: -1 } })).toThrow(
      /cooldownMs.alert: .*\(got -1\)/,
    );
    expect(engine.status().thresholdsPreset).toBe('default');
    engine.setThresholds({ latency: { alertMs: 300, throttleMs: 700, haltMs: 2_000 } }, 'trader', 'tighter');
    expect(engine.getThresholds().latency).toEqual({ alertMs: 300, throttleMs: 700, haltMs: 2_000 });
    expect(engine.status().thresholdsPreset).toBe('custom');
    expect(audit).toEqual([
      {
        at: 0,
        kind: 'manual',
        action: 'thresholds',
        reason: 'tighter',
        actor: 'trader',
        details: { preset: 'custom' },
      },
    ]);
    engine.observe(latency(800));
    expect(engine.status().level).toBe('THROTTLE');
  });

  it('delivers audit events after the state is consistent and survives a throwing listener', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    const engine: LevelEngine = new LevelEngine({}, clock, {
      onAudit: (e) => {
        if (e.kind === 'level') seen.push(`${e.to}:${engine.status().level}`);
        throw new Error('audit sink down');
      },
    });
    expect(() => engine.observe(latency(1_500))).not.toThrow();
    engine.observe(latency(3_500));
    expect(seen).toEqual(['THROTTLE:THROTTLE', 'HALT:HALT']);
  });

  it('keeps at most one timer and none after dispose', () => {
    const { clock, engine } = setup();
    engine.observe(latency(1_500));
    for (let i = 0; i < 20; i++) engine.observe(i % 2 === 0 ? failure : success);
    engine.observe(latency(100));
    expect(clock.pendingTimers()).toBe(1);
    engine.dispose();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('LevelEngine: notable changes', () => {
  it('counts level moves, crossed thresholds and malformed signals, not plain counter updates', () => {
    const { clock, engine } = setup({ requireConfirmationToLeaveHalt: false });
    const marks = [engine.notableChanges()];
    const after = (fn: () => void) => {
      fn();
      marks.push(engine.notableChanges());
    };
    after(() => engine.observe(success));
    after(() => engine.observe(latency(100)));
    after(() => engine.observe(failure));
    after(() => engine.observe(latency(600))); // crosses ALERT and moves there
    after(() => engine.observe(latency(650))); // crosses ALERT again, no move
    after(() => engine.observe({ type: 'latency', ms: -1 } as Signal));
    after(() => engine.observe(latency(100)));
    after(() => clock.advance(60_000)); // the cooldown steps down to NORMAL
    expect(marks).toEqual([0, 0, 0, 0, 2, 3, 4, 4, 5]);
  });
});
