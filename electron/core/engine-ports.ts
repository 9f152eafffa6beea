import type { ScheduledCheck } from '../../shared/schedule.ts';
import type { ServiceConfig } from '../../shared/services.ts';
import type { Thresholds } from '../../shared/thresholds.ts';
import type { ConfigProblem } from '../../shared/status.ts';
import type { Clock } from './clock.ts';
import type { EventHub } from './events.ts';
import type { EngineSnapshot } from './saved-state.ts';
import type { SecretResolver } from './secrets/index.ts';
import type { Store } from './store/index.ts';
import type { Witness } from './store/state-witness.ts';

/** Where the engine writes what it did: checks, audit, its own state, and the history's health. */
export type CheckJournal = Pick<
  Store,
  | 'beginCheck'
  | 'finishCheck'
  | 'recordMissedCheck'
  | 'appendAudit'
  | 'saveEngineState'
  | 'latestResults'
  | 'checkFile'
  | 'health'
>;

/** What the engine asks of the schedule: market sessions and the next check, both read-only. */
export interface ScheduleQueries {
  inSession(exchange: string, at: number): boolean;
  nextCheck(): ScheduledCheck | null;
}

/** What the engine starts from: the saved state when trusted, else why it was lost (start at HALT). */
export interface EngineStart {
  instance: string;
  snapshot: EngineSnapshot | null;
  unreadableState?: string;
  lastSeen?: Witness;
}

export interface EngineOptions {
  clock: Clock;
  journal: CheckJournal;
  events: EventHub;
  secrets: SecretResolver;
  schedule: ScheduleQueries;
  thresholds: Thresholds;
  /** The enabled services. */
  services: ServiceConfig[];
  start: EngineStart;
  /** Configuration and channel problems shown on the board. */
  problems: () => ConfigProblem[];
  /** Why the history is not the usual database, when it is not (read once at open). */
  storeMessage: string | null;
  /** The last level the trader saw, kept beside the database; returns why a write failed. */
  witness: { write(witness: Witness): string | null };
  /** Levels, failures or services moved: the interval probes follow. */
  moved: () => void;
  log: (message: string) => void;
}
