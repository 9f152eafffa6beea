import type { AuditEvent } from '../../../shared/audit.ts';
import { UserError } from '../../../shared/errors.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { LevelEngineSerialized } from './level-engine-serialized.ts';

export interface LevelEngineOptions {
  restore?: LevelEngineSerialized;
  /**
   * The saved state is missing, unreadable or cannot be trusted (why): start at HALT with cause
   * `state_lost`, as for a state that fails to parse.
   */
  unreadableState?: string;
  /**
   * With `unreadableState`: the last level and override the trader saw (the witness file), kept when
   * stricter than HALT, so losing the state never loosens a SHUTDOWN or drops the override.
   */
  lastSeen?: { level: LevelName; override: boolean };
  /**
   * A service in a maintenance window: its signals are recorded but move no level; call
   * `maintenanceChanged` when a window starts or ends so its current state counts at once.
   */
  inMaintenance?: (service: string) => boolean;
  /** Every level change and manual action, delivered once the engine is consistent again. */
  onAudit?: (event: AuditEvent) => void;
  /**
   * What the board shows changed without a level change: the causes holding the level, whether
   * HALT can be confirmed, when it steps down. Called after the engine is consistent again.
   */
  onChange?: () => void;
}

/** An operator action that does not apply now (e.g. confirming while signals still call for HALT). */
export class LevelActionError extends UserError {
  override readonly name = 'LevelActionError';
}
