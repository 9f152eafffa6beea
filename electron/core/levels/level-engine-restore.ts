import type { SignalCause } from '../../../shared/audit.ts';
import type { Issue, LevelOverride } from '../../../shared/gate.ts';
import { levelRank } from '../../../shared/levels.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { LevelEngineSerialized } from './level-engine-serialized.ts';

/** Issues kept in memory (and restored) at most. */
export const MAX_ISSUES = 1_000;

/** What the engine takes over from a parsed saved state, decided as of `now`. */
export interface RestoredFields {
  level: LevelName;
  since: number;
  cause: SignalCause | null;
  override: LevelOverride | null;
  healthySince: number | null;
  healthyWithoutTradeSince: number | null;
  issues: Issue[];
  /** The signal windows' time to resume from (see SteadyTime); absent: the wall clock's. */
  windows: { steadyAt: number; savedAt: number } | undefined;
}

export function restoredFields(s: LevelEngineSerialized, now: number): RestoredFields {
  // Healthy time counts only while someone was watching: after a restart the cooldown starts again.
  const watchedUntilNow = s.savedAt === undefined || s.savedAt >= now;
  return {
    level: s.level,
    since: s.since,
    cause: s.cause,
    override: s.override,
    healthySince: watchedUntilNow ? s.healthySince : null,
    healthyWithoutTradeSince: watchedUntilNow ? (s.healthyWithoutTradeSince ?? null) : null,
    issues: s.issues.slice(-MAX_ISSUES),
    windows:
      s.windowsAt !== undefined && s.savedAt !== undefined
        ? { steadyAt: s.windowsAt, savedAt: s.savedAt }
        : undefined,
  };
}

/**
 * The level to start at when the saved state is unknown: HALT, or the last level the trader saw
 * when stricter, so losing the state never loosens a SHUTDOWN.
 */
export function unknownStateLevel(lastSeen?: { level: LevelName; override: boolean }): LevelName {
  return lastSeen && levelRank(lastSeen.level) > levelRank('HALT') ? lastSeen.level : 'HALT';
}

/** The override kept on when the state was lost while the trader saw it on. */
export function keptOverride(now: number): LevelOverride {
  return {
    enabled: true,
    reason: 'kept on: the saved state was lost while the trading-disabled override was on',
    actor: 'engine',
    since: now,
  };
}
