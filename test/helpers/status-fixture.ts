import type { LevelName } from '../../../shared/levels.ts';
import type { EngineStatus } from '../../../shared/status.ts';

export function statusAt(level: LevelName, extra: Partial<EngineStatus> = {}): EngineStatus {
  return {
    level,
    levelSince: 0,
    cause: level === 'NORMAL' ? null : { signal: 'breaker', service: 'broker', value: 'OPEN' },
    services: [],
    lastCheck: null,
    checkRunning: false,
    problems: [],
    history: { persistent: true, message: null },
    ...extra,
  };
}
