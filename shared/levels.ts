/** The global trading levels, in escalation order. The index is the level's rank. */
export const LEVELS = ['NORMAL', 'ALERT', 'THROTTLE', 'HALT', 'SHUTDOWN'] as const;
export type LevelName = (typeof LEVELS)[number];

export function levelRank(level: LevelName): number {
  return LEVELS.indexOf(level);
}

export function levelAt(rank: number): LevelName {
  const level = LEVELS[Math.max(0, Math.min(LEVELS.length - 1, rank))];
  if (level === undefined) throw new RangeError(`no level at rank ${rank}`);
  return level;
}

export function maxLevel(a: LevelName, b: LevelName): LevelName {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export const BREAKER_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;
export type BreakerStateName = (typeof BREAKER_STATES)[number];

/** How much a service matters: an open breaker raises the level to HALT / THROTTLE / ALERT. */
export const CRITICALITIES = ['critical', 'important', 'informational'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const LEVEL_FOR_OPEN_BREAKER: Record<Criticality, LevelName> = {
  critical: 'HALT',
  important: 'THROTTLE',
  informational: 'ALERT',
};
