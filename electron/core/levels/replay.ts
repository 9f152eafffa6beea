import { LEVELS, levelRank } from '../../../shared/levels.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { ThresholdsInput } from '../../../shared/thresholds.ts';
import { LevelEngine } from './level-engine.ts';
import { ManualClock } from '../manual-clock.ts';
import type { TimedSignal } from './signals.ts';

export interface ReplayResult {
  /** How many times the level rose into each level. */
  escalations: Record<LevelName, number>;
  timeInLevelMs: Record<LevelName, number>;
}

function perLevel(): Record<LevelName, number> {
  return Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<LevelName, number>;
}

/**
 * Runs a fresh engine with `thresholds` over recorded signals (in time order) on its own clock:
 * "what would these thresholds have done?". Operator confirmation is taken as never given.
 * The replay runs on to `until` (the end of the replayed range; default the last signal): the
 * level the last signal left counts until then, and cooldowns that end before it step down.
 */
export function replayThresholds(
  thresholds: ThresholdsInput,
  signals: readonly TimedSignal[],
  until?: number,
): ReplayResult {
  const ordered = [...signals].sort((a, b) => a.at - b.at);
  const result: ReplayResult = { escalations: perLevel(), timeInLevelMs: perLevel() };
  const first = ordered[0];
  const last = ordered.at(-1);
  if (!first || !last) return result;

  const clock = new ManualClock(first.at);
  let level: LevelName = 'NORMAL';
  let since = first.at;
  const engine = new LevelEngine(thresholds, clock, {
    onAudit: (event) => {
      if (event.kind !== 'level') return;
      result.timeInLevelMs[level] += event.at - since;
      if (levelRank(event.to) > levelRank(event.from)) result.escalations[event.to]++;
      level = event.to;
      since = event.at;
    },
  });
  for (const { at, signal } of ordered) {
    clock.advanceTo(at);
    engine.observe(signal);
  }
  const end = Math.max(last.at, until ?? last.at);
  clock.advanceTo(end);
  engine.dispose();
  result.timeInLevelMs[level] += end - since;
  return result;
}
