import { LEVEL_MEANING } from '../../../shared/format.ts';
import type { LevelName } from '../../../shared/levels.ts';
import { serviceState, worstFirst, type ServiceTone } from '../../../shared/service-state.ts';
import type { EngineStatus } from '../../../shared/status.ts';

/** What the mini view shows: the level (or that nothing is watched) and the service that matters most. */
export interface MiniSummary {
  level: LevelName;
  /** False while nothing is watched: a green NORMAL would promise what nobody checks. */
  watching: boolean;
  /** The level line: "HALT", or "HALT · trading off (override)". */
  headline: string;
  /** What the level means, for the window's tooltip and screen readers. */
  meaning: string;
  /** The worst service in words ("broker: Failing 2 of 5"), or "All 3 services healthy". */
  service: string;
  tone: ServiceTone | null;
}

export function miniSummary(status: EngineStatus, now: number): MiniSummary {
  const override = status.override?.enabled === true;
  const watching = status.services.length > 0 || status.level !== 'NORMAL' || override;
  const headline = watching
    ? `${status.level}${override ? ' · trading off (override)' : ''}`
    : 'Not watching';
  const worstName = worstFirst(status.services)[0];
  const worst = status.services.find((s) => s.name === worstName);
  if (!worst)
    return {
      level: status.level,
      watching,
      headline,
      meaning: LEVEL_MEANING[status.level],
      service: 'Nothing is watched yet',
      tone: null,
    };
  const state = serviceState(worst, worst.last, now);
  const allHealthy = state.tone === 'ok';
  const count = status.services.length;
  return {
    level: status.level,
    watching,
    headline,
    meaning: LEVEL_MEANING[status.level],
    service: allHealthy
      ? `${count === 1 ? worst.name : `All ${count} services`} healthy`
      : `${worst.name}: ${state.words}`,
    tone: state.tone,
  };
}
