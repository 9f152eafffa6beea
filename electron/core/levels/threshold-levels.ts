import { levelRank, type LevelName } from '../../../shared/levels.ts';
import type { ServiceLatency } from '../../../shared/service-watch.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';

/** The level one measured value calls for, with the threshold it crossed. */
export interface Crossing {
  level: LevelName;
  threshold: number;
}

/** Highest first, so the first match is the strongest level. */
function highestCrossed(value: number, steps: readonly [LevelName, number][]): Crossing | null {
  for (const [level, threshold] of steps) if (value >= threshold) return { level, threshold };
  return null;
}

/**
 * A service's own steps count as given (only those); without them the global ones, none above `cap`
 * (a slow informational service calls for ALERT, whatever its latency). "ignore": never.
 */
export function latencyCrossing(
  ms: number,
  t: Thresholds,
  own?: ServiceLatency,
  cap: LevelName = 'HALT',
): Crossing | null {
  if (own === 'ignore') return null;
  const steps = own ?? t.latency;
  const capRank = own === undefined ? levelRank(cap) : Infinity;
  const ladder: [LevelName, number | undefined][] = [
    ['HALT', steps.haltMs],
    ['THROTTLE', steps.throttleMs],
    ['ALERT', steps.alertMs],
  ];
  for (const [level, threshold] of ladder)
    if (threshold !== undefined && levelRank(level) <= capRank && ms >= threshold)
      return { level, threshold };
  return null;
}

export function slippageCrossing(pct: number, t: Thresholds): Crossing | null {
  return highestCrossed(pct, [
    ['HALT', t.slippage.haltPct],
    ['THROTTLE', t.slippage.throttlePct],
    ['ALERT', t.slippage.alertPct],
  ]);
}

export function orderFailureCrossing(consecutive: number, t: Thresholds): Crossing | null {
  return highestCrossed(consecutive, [
    ['SHUTDOWN', t.orderFailures.shutdown],
    ['HALT', t.orderFailures.halt],
    ['THROTTLE', t.orderFailures.throttle],
    ['ALERT', t.orderFailures.alert],
  ]);
}

/** `orders` below minOrders never counts: two failures out of three are no rate. */
export function failureRateCrossing(failedPct: number, orders: number, t: Thresholds): Crossing | null {
  if (orders < t.failureRate.minOrders) return null;
  return highestCrossed(failedPct, [['THROTTLE', t.failureRate.throttlePct]]);
}

export function lossCrossing(lossPct: number, t: Thresholds): Crossing | null {
  return highestCrossed(lossPct, [['HALT', t.loss.haltPct]]);
}

/** `part` of `whole` in percent, rounded to 1e-9 % so 0.6 of 200 is 0.3 %, not 0.29999…, at the threshold. */
export function percentOf(part: number, whole: number): number {
  return Math.round((part / whole) * 100 * 1e9) / 1e9;
}

/** Slippage in percent of the expected price. */
export function slippagePct(expectedPrice: number, actualPrice: number): number {
  return percentOf(Math.abs(actualPrice - expectedPrice), expectedPrice);
}
