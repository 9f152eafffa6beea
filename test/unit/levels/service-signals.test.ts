import { describe, expect, it } from 'vitest';
import { confirmVerdict } from '../../../shared/confirm-rule.ts';
import type { Criticality } from '../../../shared/levels.ts';
import type { ServiceLatency } from '../../../shared/service-watch.ts';
import { LevelActionError, LevelEngine } from '../../../electron/core/levels/level-engine.ts';
import type { Signal } from '../../../electron/core/levels/signals.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

function setup() {
  const clock = new ManualClock(0);
  let changes = 0;
  const engine = new LevelEngine({}, clock, { onChange: () => changes++ });
  return { clock, engine, changes: () => changes };
}

function probe(
  service: string,
  criticality: Criticality,
  outcome: 'ok' | 'fail' | 'timeout',
  ms = 20,
  extra: { confirmFailures?: number; latency?: ServiceLatency } = {},
): Signal {
  return { type: 'probe', service, criticality, outcome, ms, confirmFailures: 2, ...extra };
}

describe('LevelEngine: a probe failure moves the level by criticality', () => {
  it('raises a critical service to ALERT at its first failure and HALT at confirmFailures', () => {
    const { engine } = setup();
    engine.observe(probe('broker', 'critical', 'fail'));
    expect(engine.status()).toMatchObject({
      level: 'ALERT',
      cause: { signal: 'probe_failures', service: 'broker', value: 1, threshold: 2 },
    });
    expect(engine.answer({ action: 'open' }).allowed).toBe(true);
    engine.observe(probe('broker', 'critical', 'fail'));
    expect(engine.status()).toMatchObject({
      level: 'HALT',
      cause: { signal: 'probe_failures', service: 'broker', value: 2, threshold: 2 },
    });
    expect(engine.answer({ action: 'open' }).allowed).toBe(false);
    expect(engine.answer({ action: 'close' }).allowed).toBe(true);
    expect(engine.recentIssues(5).map((i) => `${i.signal} ${i.value} ${i.level}`)).toEqual([
      'probe_failures 1 ALERT',
      'probe_failures 2 HALT',
    ]);
  });

  it('moves important to THROTTLE and informational to ALERT only once confirmed', () => {
    const { engine } = setup();
    engine.observe(probe('db', 'important', 'fail', 20, { confirmFailures: 3 }));
    engine.observe(probe('db', 'important', 'fail', 20, { confirmFailures: 3 }));
    expect(engine.status().level).toBe('NORMAL');
    engine.observe(probe('db', 'important', 'timeout', 5_000, { confirmFailures: 3, latency: 'ignore' }));
    expect(engine.status()).toMatchObject({
      level: 'THROTTLE',
      cause: { signal: 'probe_failures', service: 'db' },
    });

    const other = setup().engine;
    other.observe(probe('llm', 'informational', 'fail'));
    expect(other.status().level).toBe('NORMAL');
    other.observe(probe('llm', 'informational', 'fail'));
    expect(other.status().level).toBe('ALERT');
  });

  it('lets a healthy probe end the streak, so the level may step down', () => {
    const { engine } = setup();
    engine.observe(probe('broker', 'critical', 'fail'));
    engine.observe(probe('broker', 'critical', 'ok'));
    expect(engine.status()).toMatchObject({ level: 'ALERT', desired: 'NORMAL', causes: [] });
    expect(engine.probeFailures('broker')).toBe(0);
  });

  it('keeps the streak across a restart, and forgets it for a service no longer watched', () => {
    const { engine, clock } = setup();
    engine.observe(probe('broker', 'critical', 'fail'));
    engine.observe(probe('broker', 'critical', 'fail'));
    const restored = new LevelEngine({}, clock, { restore: engine.serialize() });
    expect(restored.status()).toMatchObject({ level: 'HALT', desired: 'HALT' });
    expect(restored.probeFailures('broker')).toBe(2);
    restored.keepBreakersOf(['db']);
    expect(restored.status().desired).toBe('NORMAL');
  });

  it('restores a state saved before probes moved the level (no service streaks in it)', () => {
    const { engine, clock } = setup();
    const saved = engine.serialize();
    const { services: _dropped, ...older } = saved.signals;
    const restored = new LevelEngine({}, clock, {
      restore: { ...saved, signals: older as typeof saved.signals },
    });
    expect(restored.status().level).toBe('NORMAL');
  });
});

describe('LevelEngine: latency per service', () => {
  it('never raises above ALERT for a slow informational service, whatever its latency', () => {
    const { engine } = setup();
    for (const ms of [600, 1_200, 3_500, 60_000]) {
      engine.observe(probe('llm', 'informational', 'ok', ms));
      expect(engine.status().level).toBe('ALERT');
    }
    expect(engine.status().cause).toEqual({
      signal: 'latency',
      service: 'llm',
      value: 60_000,
      threshold: 500,
    });
  });

  it('caps an important service at THROTTLE and lets a critical one reach HALT', () => {
    const { engine } = setup();
    engine.observe(probe('db', 'important', 'ok', 5_000));
    expect(engine.status().level).toBe('THROTTLE');
    engine.observe(probe('broker', 'critical', 'ok', 3_000));
    expect(engine.status().level).toBe('HALT');
  });

  it('uses a service’s own thresholds (only the steps given), or ignores its latency', () => {
    const { engine } = setup();
    engine.observe(
      probe('llm', 'informational', 'ok', 2_500, { latency: { alertMs: 2_000, haltMs: 8_000 } }),
    );
    expect(engine.status()).toMatchObject({ level: 'ALERT', cause: { threshold: 2_000 } });
    engine.observe(
      probe('llm', 'informational', 'ok', 9_000, { latency: { alertMs: 2_000, haltMs: 8_000 } }),
    );
    expect(engine.status().level).toBe('HALT');

    const other = setup().engine;
    other.observe(probe('llm', 'informational', 'ok', 90_000, { latency: 'ignore' }));
    expect(other.status().level).toBe('NORMAL');
  });

  it('counts a timeout as a failure and as latency at its timeout', () => {
    const { engine } = setup();
    engine.observe(probe('db', 'important', 'timeout', 2_000));
    expect(engine.status()).toMatchObject({ level: 'THROTTLE', cause: { signal: 'latency', value: 2_000 } });
    expect(engine.probeFailures('db')).toBe(1);
  });

  it('keeps a quick refusal out of the latency', () => {
    const { engine } = setup();
    engine.observe(probe('cache', 'informational', 'fail', 4_000));
    expect(engine.status().causes).toEqual([]);
  });

  it('applies a watched service’s policy to the bot’s latency reports for it too', () => {
    const { engine } = setup();
    engine.observe(probe('llm', 'informational', 'ok', 10));
    engine.observe({ type: 'latency', service: 'llm', ms: 4_000 });
    expect(engine.status().level).toBe('ALERT');
  });
});

describe('LevelEngine: the cause is what holds the level now', () => {
  it('names the dead heartbeat, not the broker that was reset, for a HALT both caused in turn', () => {
    const { engine } = setup();
    engine.observe({ type: 'breaker', service: 'broker', state: 'OPEN', criticality: 'critical' });
    expect(engine.status().cause).toMatchObject({ signal: 'breaker', service: 'broker' });
    engine.observe(probe('bot', 'critical', 'fail'));
    engine.observe(probe('bot', 'critical', 'fail'));
    engine.observe({ type: 'breaker', service: 'broker', state: 'CLOSED', criticality: 'critical' });
    const status = engine.status();
    expect(status.level).toBe('HALT');
    expect(status.cause).toEqual({ signal: 'probe_failures', service: 'bot', value: 2, threshold: 2 });
    expect(status.causes.map((c) => `${c.service} ${c.signal} ${c.level}`)).toEqual([
      'bot probe_failures HALT',
    ]);
  });

  it('lists every active cause strongest first, and keeps what raised the level while a cooldown runs', () => {
    const { engine } = setup();
    engine.observe(probe('broker', 'critical', 'ok', 700));
    for (let i = 0; i < 5; i++) engine.observe({ type: 'order_failure' });
    expect(engine.status().causes.map((c) => `${c.signal} ${c.level}`)).toEqual([
      'order_failures HALT',
      'latency ALERT',
    ]);
    engine.observe({ type: 'order_success' });
    engine.observe(probe('broker', 'critical', 'ok', 10));
    expect(engine.status()).toMatchObject({
      level: 'HALT',
      causes: [],
      cause: { signal: 'order_failures', value: 5 },
    });
  });

  it('tells its listener when the causes change without a level change, and not for a repeat', () => {
    const { engine, changes } = setup();
    engine.observe(probe('broker', 'critical', 'ok', 3_500));
    const after = changes();
    engine.observe(probe('bot', 'critical', 'fail'));
    expect(changes()).toBe(after + 1);
    engine.observe({ type: 'order_success' });
    expect(changes()).toBe(after + 1);
  });
});

describe('LevelEngine: confirming HALT follows the shared rule', () => {
  it('answers exactly as confirmVerdict over the status, second by second', () => {
    const { clock, engine } = setup();
    for (let i = 0; i < 5; i++) engine.observe({ type: 'order_failure' });
    engine.observe(probe('broker', 'critical', 'fail'));
    engine.observe(probe('broker', 'critical', 'fail'));
    clock.advance(100_000);
    engine.observe(probe('broker', 'critical', 'ok'));
    let firstOk: number | null = null;
    for (let t = 0; t <= 1_000 && firstOk === null; t++) {
      const status = engine.status();
      const verdict = confirmVerdict(status.confirm, clock.now());
      let succeeded = true;
      try {
        // A probe to see whether the engine agrees, on a copy of the state.
        const copy = new LevelEngine({}, clock, { restore: engine.serialize() });
        copy.confirmLeaveHalt('checked', 'trader');
      } catch (error) {
        expect(error).toBeInstanceOf(LevelActionError);
        succeeded = false;
      }
      expect({ at: clock.now(), ok: verdict.ok }).toEqual({ at: clock.now(), ok: succeeded });
      if (succeeded) firstOk = clock.now();
      clock.advance(1_000);
    }
    // Not at 900 s (HALT's cooldown since it began): the broker was healthy only from 100 s, and
    // clearing the bot's streak must not shorten the broker's healthy cooldown.
    expect(firstOk).toBe(1_000_000);
  });

  it('says why and when while it is refused', () => {
    const { engine } = setup();
    engine.observe(probe('broker', 'critical', 'fail'));
    engine.observe(probe('broker', 'critical', 'fail'));
    expect(confirmVerdict(engine.status().confirm, 0)).toEqual({
      ok: false,
      reason: 'the signals still call for HALT',
      at: null,
    });
    engine.observe(probe('broker', 'critical', 'ok'));
    expect(confirmVerdict(engine.status().confirm, 0)).toEqual({
      ok: false,
      reason: "HALT's cooldown ends at 1970-01-01T00:15:00.000Z",
      at: 900_000,
    });
  });

  it('tells its listener the moment HALT becomes confirmable, with no signal arriving', () => {
    const { clock, engine, changes } = setup();
    engine.observe(probe('broker', 'critical', 'fail'));
    engine.observe(probe('broker', 'critical', 'fail'));
    engine.observe(probe('broker', 'critical', 'ok'));
    const before = changes();
    clock.advance(899_999);
    expect(changes()).toBe(before);
    clock.advance(1);
    expect(changes()).toBe(before + 1);
    expect(engine.status().awaitingConfirmation).toBe(true);
  });
});
