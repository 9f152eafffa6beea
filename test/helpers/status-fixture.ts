import type { LevelName } from '../../shared/levels.ts';
import type { EngineStatus } from '../../shared/status.ts';

/** A whole EngineStatus at `level`, for tests of what shows it. */
export function statusAt(level: LevelName, extra: Partial<EngineStatus> = {}): EngineStatus {
  return {
    level,
    levelSince: 0,
    cause: level === 'NORMAL' ? null : { signal: 'breaker', service: 'broker', value: 'OPEN' },
    causes: [],
    signals: [],
    confirm: {
      level,
      since: 0,
      haltCooldownMs: 900_000,
      requireConfirmation: true,
      healthySince: null,
      healthyWithoutTradeSignalsSince: null,
      desiredWithoutTradeSignals: level,
    },
    desiredLevel: level,
    override: null,
    awaitingConfirmation: false,
    nextStepDownAt: null,
    nextCheck: null,
    lastMissed: null,
    services: [],
    lastCheck: null,
    checkRunning: false,
    problems: [],
    history: { persistent: true, message: null },
    ...extra,
  };
}
