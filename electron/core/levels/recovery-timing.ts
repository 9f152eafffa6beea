import type { ConfirmState } from '../../../shared/confirm-rule.ts';
import { levelRank } from '../../../shared/levels.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';
import { earliest } from './signal-book.ts';

/** The engine's recovery clocks, as plain data: what the timing rules below are functions of. */
export interface RecoveryClocks {
  level: LevelName;
  since: number;
  healthySince: number | null;
  /** In HALT: since when the signals but the bot's trade signals have called for less. */
  healthyWithoutTradeSince: number | null;
}

export function cooldownOf(thresholds: Thresholds, level: LevelName): number | null {
  const c = thresholds.cooldownMs;
  if (level === 'ALERT') return c.alert;
  if (level === 'THROTTLE') return c.throttle;
  if (level === 'HALT') return c.halt;
  return null;
}

/** When the level steps down by itself; null in SHUTDOWN and in HALT waiting for an operator. */
export function stepDownAt(s: RecoveryClocks, thresholds: Thresholds): number | null {
  if (s.healthySince === null) return null;
  if (s.level === 'HALT' && thresholds.requireConfirmationToLeaveHalt) return null;
  const cooldown = cooldownOf(thresholds, s.level);
  return cooldown === null ? null : s.healthySince + cooldown;
}

export function confirmableAt(s: RecoveryClocks, thresholds: Thresholds): number | null {
  if (s.level !== 'HALT' || !thresholds.requireConfirmationToLeaveHalt || s.healthySince === null)
    return null;
  return s.healthySince + thresholds.cooldownMs.halt;
}

/** When the gate's answer changes by time alone: the next step-down, or when HALT can be confirmed. */
export function until(s: RecoveryClocks, thresholds: Thresholds): number | null {
  return stepDownAt(s, thresholds) ?? confirmableAt(s, thresholds);
}

/** When confirming HALT becomes possible by time alone (HALT's cooldown, or the healthy one), if ahead. */
export function nextConfirmChangeAt(s: RecoveryClocks, thresholds: Thresholds, now: number): number | null {
  if (s.level !== 'HALT' || !thresholds.requireConfirmationToLeaveHalt) return null;
  const cooldown = thresholds.cooldownMs.halt;
  const ahead = (t: number | null) => (t !== null && t > now ? t : null);
  const withoutTrade = s.healthyWithoutTradeSince;
  const tradeFree = withoutTrade === null ? null : Math.max(s.since, withoutTrade) + cooldown;
  return earliest(ahead(tradeFree), ahead(confirmableAt(s, thresholds)));
}

/** What shared/confirm-rule.ts judges, given the level the signals call for leaving out trade signals. */
export function confirmState(
  s: RecoveryClocks,
  thresholds: Thresholds,
  desiredWithoutTradeSignals: LevelName,
): ConfirmState {
  return {
    level: s.level,
    since: s.since,
    haltCooldownMs: thresholds.cooldownMs.halt,
    requireConfirmation: thresholds.requireConfirmationToLeaveHalt,
    healthySince: s.healthySince,
    healthyWithoutTradeSignalsSince: s.healthyWithoutTradeSince,
    desiredWithoutTradeSignals,
  };
}

/**
 * In HALT, the healthy-without-trade clock after one evaluation: stopped while the signals but the
 * trade signals still call for HALT or more, otherwise kept or started at `now`.
 */
export function healthyWithoutTradeAfter(
  desiredWithoutTradeSignals: LevelName,
  previous: number | null,
  now: number,
): number | null {
  if (levelRank(desiredWithoutTradeSignals) >= levelRank('HALT')) return null;
  return previous ?? now;
}
