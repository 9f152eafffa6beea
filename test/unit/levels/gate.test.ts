import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/contract.ts';
import { GATE_ACTIONS } from '../../../shared/gate.ts';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { ThresholdsInput } from '../../../shared/thresholds.ts';
import { LevelEngine } from '../../../electron/core/levels/level-engine.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

function engineAt(level: LevelName, thresholds: ThresholdsInput = {}): LevelEngine {
  const engine = new LevelEngine(thresholds, new ManualClock(0));
  const ms: Record<LevelName, number> = { NORMAL: 0, ALERT: 600, THROTTLE: 1_200, HALT: 3_500, SHUTDOWN: 0 };
  engine.observe({ type: 'latency', service: 'broker', ms: ms[level] });
  if (level === 'SHUTDOWN') engine.kill('test', 'trader');
  expect(engine.status().level).toBe(level);
  return engine;
}

describe('the gate', () => {
  it('answers every action at every level', () => {
    const table = (['NORMAL', 'ALERT', 'THROTTLE', 'HALT', 'SHUTDOWN'] as const).map((level) => {
      const engine = engineAt(level);
      const row = GATE_ACTIONS.map((action) => {
        const a = engine.answer({ action, confidence: 0.9 });
        return `${action}:${a.allowed ? a.sizeMultiplier : '-'}`;
      });
      return `${level} ${row.join(' ')}`;
    });
    expect(table).toEqual([
      'NORMAL open:1 increase:1 reduce:1 close:1 cancel:1',
      'ALERT open:1 increase:1 reduce:1 close:1 cancel:1',
      'THROTTLE open:0.5 increase:0.5 reduce:1 close:1 cancel:1',
      'HALT open:- increase:- reduce:1 close:1 cancel:1',
      'SHUTDOWN open:- increase:- reduce:- close:- cancel:1',
    ]);
  });

  it('in THROTTLE requires the minimum confidence for opens, with reason codes', () => {
    const engine = engineAt('THROTTLE');
    expect(engine.answer({ action: 'open', symbol: 'AAPL', confidence: 0.69, quantity: 10 })).toEqual({
      allowed: false,
      level: 'THROTTLE',
      sizeMultiplier: 0,
      minConfidence: 0.7,
      reasons: ['LEVEL_THROTTLE', 'CONFIDENCE_BELOW_MIN'],
      until: null,
      flatten: false,
    });
    expect(engine.answer({ action: 'increase' }).reasons).toEqual(['LEVEL_THROTTLE', 'CONFIDENCE_REQUIRED']);
    expect(engine.answer({ action: 'open', confidence: 0.7 })).toMatchObject({
      allowed: true,
      sizeMultiplier: 0.5,
      reasons: ['LEVEL_THROTTLE', 'SIZE_REDUCED'],
    });
  });

  it('in HALT advises flattening when configured and says until when', () => {
    const engine = engineAt('HALT', { flattenOnHalt: true, requireConfirmationToLeaveHalt: false });
    engine.observe({ type: 'latency', service: 'broker', ms: 10 });
    expect(engine.answer({ action: 'open', confidence: 1 })).toEqual({
      allowed: false,
      level: 'HALT',
      sizeMultiplier: 0,
      minConfidence: null,
      reasons: ['LEVEL_HALT'],
      until: 900_000,
      flatten: true,
    });
  });

  it('refuses malformed requests through the contract but still allows a cancel', () => {
    const engine = engineAt('SHUTDOWN');
    const handlers: Partial<Handlers> = { 'gate.decide': (request) => engine.answer(request) };
    const ask = createDispatcher(handlers as Handlers, () => {});
    const ctx = { actor: 'bot', commandsAndSecrets: false };
    for (const bad of [
      null,
      'open',
      { action: 'buy' },
      { action: 'open', confidence: 2 },
      { action: 'open', quantity: -1 },
    ])
      expect(ask('gate.decide', bad, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ask('gate.decide', { action: 'cancel', quantity: Number.NaN }, ctx)).toMatchObject({
      ok: true,
      result: { allowed: true, level: 'SHUTDOWN' },
    });
  });
});
