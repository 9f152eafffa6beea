import type { BreakerStateName, Criticality, LevelName } from './levels.ts';
import type { ProbeResult } from './probe.ts';
import type { SignalCause } from './audit.ts';
import type { LevelOverride } from './gate.ts';
import type { MissedCheck, ScheduledCheck } from './schedule.ts';

/** A config or settings file that could not be used, and what was done about it. */
export interface ConfigProblem {
  file: string;
  message: string;
  issues: { path: string; message: string }[];
  /** Where a copy of the bad file was kept, so nothing the user wrote is lost. */
  keptAt: string | null;
  /** The last good copy the engine runs on instead (absent: none). */
  lastGood?: string;
  /** Set for a problem that is not a bad file: a notification channel that keeps failing. */
  area?: 'notifications';
}

export interface ServiceBreakerView {
  state: BreakerStateName;
  consecutiveFailures: number;
  openedAt: number | null;
  nextTrialAt: number | null;
}

export interface ServiceStatus {
  name: string;
  kind: string;
  criticality: Criticality;
  breaker: ServiceBreakerView;
  last: ProbeResult | null;
}

export type CheckReason = 'manual' | 'scheduled' | 'interval' | 'catch_up' | 'trial';

export interface CheckRunView {
  id: number;
  reason: CheckReason;
  checkpoint: string | null;
  startedAt: number;
  finishedAt: number | null;
  results: ProbeResult[];
}

export interface EngineStatus {
  level: LevelName;
  levelSince: number;
  cause: SignalCause | null;
  /** The level the current signals call for (lower than `level` while a cooldown runs). */
  desiredLevel: LevelName;
  /** Trading disabled by an operator, whatever the level. */
  override: LevelOverride | null;
  /** HALT's cooldown is over: an operator must confirm leaving it. */
  awaitingConfirmation: boolean;
  /** When the level next steps down (or confirming HALT becomes possible). */
  nextStepDownAt: number | null;
  services: ServiceStatus[];
  lastCheck: CheckRunView | null;
  checkRunning: boolean;
  nextCheck: ScheduledCheck | null;
  /** The latest scheduled check that could not run in time (sleep, clock jump). */
  lastMissed: MissedCheck | null;
  problems: ConfigProblem[];
  history: { persistent: boolean; message: string | null };
}
