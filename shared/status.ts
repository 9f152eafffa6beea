import type { BreakerStateName, Criticality, LevelName } from './levels.ts';
import type { ProbeResult } from './probe.ts';
import type { ActiveCause, SignalCause } from './audit.ts';
import type { ConfirmState } from './confirm-rule.ts';
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
  /** Failed probes in a row, and how many mean "down" (its criticality's level). */
  failures: number;
  confirmFailures: number;
  /** In a maintenance window until then (epoch ms): probed and recorded, but moves no level. */
  maintenanceUntil: number | null;
}

/** One of the bot's signals as it stands, with the level it calls for (NORMAL: none). */
export interface BotSignal {
  signal: 'order_failures' | 'slippage' | 'loss' | 'failure_rate';
  /** null: nothing reported yet (no fill, no equity, no order in the window). */
  value: number | null;
  /** The threshold it crossed, or the first one it would cross. */
  threshold: number;
  level: LevelName;
  /** failure_rate: orders in the window and the minimum before the rate counts. */
  details?: Record<string, number>;
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
  /** What holds the level now: the strongest signal at the level; else what raised it (cooldown running). */
  cause: SignalCause | null;
  /** Every signal pulling the level above NORMAL now, strongest first. */
  causes: ActiveCause[];
  /** The bot's signals (failure streak, last slippage, loss in the window, failure rate). */
  signals: BotSignal[];
  /** What decides whether leaving HALT can be confirmed (shared/confirm-rule.ts). */
  confirm: ConfirmState;
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
