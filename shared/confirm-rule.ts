import { levelRank, type LevelName } from './levels.ts';

/** What decides whether an operator may confirm leaving HALT; the engine and the board share it. */
export interface ConfirmState {
  level: LevelName;
  /** When the level entered its current state. */
  since: number;
  haltCooldownMs: number;
  requireConfirmation: boolean;
  /** Since when the signals have called for less than HALT; null while they call for HALT (or more). */
  healthySince: number | null;
  /** The same, leaving out the bot's own trade signals (see below). */
  healthyWithoutTradeSignalsSince: number | null;
  /**
   * What the signals call for once the bot's own trade signals (failure streak, slippage, its latency)
   * are cleared: a confirmation clears them once HALT has lasted its cooldown, since a bot that may
   * not trade cannot renew them.
   */
  desiredWithoutTradeSignals: LevelName;
}

export type ConfirmVerdict =
  | { ok: true; clearsTradeSignals: boolean }
  /** `at`: when it becomes possible if nothing changes; null when only the signals can change it. */
  | { ok: false; reason: string; at: number | null };

/** The one rule for `level.confirm` / `POST /v1/confirm`, and for the board's confirm button. */
export function confirmVerdict(s: ConfirmState, now: number): ConfirmVerdict {
  if (s.level !== 'HALT') return { ok: false, reason: `the level is ${s.level}, not HALT`, at: null };
  if (!s.requireConfirmation)
    return {
      ok: false,
      reason: 'HALT steps down by itself after its cooldown (no confirmation needed)',
      at: null,
    };
  if (s.healthySince !== null && now >= s.healthySince + s.haltCooldownMs)
    return { ok: true, clearsTradeSignals: false };
  if (levelRank(s.desiredWithoutTradeSignals) >= levelRank('HALT'))
    return { ok: false, reason: `the signals still call for ${s.desiredWithoutTradeSignals}`, at: null };
  // Every other signal must have been healthy for the whole cooldown, as for leaving HALT at all.
  const cooldownEnd = Math.max(s.since, s.healthyWithoutTradeSignalsSince ?? now) + s.haltCooldownMs;
  if (now >= cooldownEnd) return { ok: true, clearsTradeSignals: true };
  return {
    ok: false,
    reason: `HALT's cooldown ends at ${new Date(cooldownEnd).toISOString()}`,
    at: cooldownEnd,
  };
}
