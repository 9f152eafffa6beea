import { describe, expect, it } from 'vitest';
import { LevelEngine } from '../../../electron/core/levels/level-engine.ts';
import { reportSchema } from '../../../shared/reports.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

/** Every number in a saved state must survive JSON: Infinity and NaN become null there. */
function nonFinitePaths(value: unknown, at = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [at || '(root)'];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${at}.${k}`));
}

describe('sums of valid pnl reports never leave the finite numbers', () => {
  it('refuses a realized amount whose sums could overflow, naming the field', () => {
    const parsed = reportSchema.safeParse({ type: 'pnl', realized: -1.5e308, equity: 1e308 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['realized'], message: 'must be at least -1e15' });
    expect(reportSchema.safeParse({ type: 'pnl', realized: 1e16, equity: 1 }).success).toBe(false);
  });

  it('an overflowing report is an issue, not a loss of Infinity that saves as null', () => {
    const clock = new ManualClock(0);
    const engine = new LevelEngine({}, clock);
    engine.observe({ type: 'pnl', realized: -1.5e308, equity: 1e308 });
    engine.observe({ type: 'pnl', realized: -1.5e308, equity: 1e308 });
    expect(engine.recentIssues(1).map((i) => i.signal)).toEqual(['invalid_signal', 'invalid_signal']);
    expect(nonFinitePaths(engine.serialize())).toEqual([]);
  });

  it('the largest valid losses, many of them, still halt and save and restore as finite numbers', () => {
    const clock = new ManualClock(0);
    const engine = new LevelEngine({}, clock);
    for (let i = 0; i < 1_000; i++) engine.observe({ type: 'pnl', realized: -1e15, equity: 1 });
    expect(engine.status().level).toBe('HALT');
    const saved = engine.serialize();
    expect(nonFinitePaths(saved)).toEqual([]);
    const restored = new LevelEngine({}, clock, { restore: JSON.parse(JSON.stringify(saved)) });
    expect(restored.status()).toMatchObject({ level: 'HALT', cause: { signal: 'loss' } });
  });
});
