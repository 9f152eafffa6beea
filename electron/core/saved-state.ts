import type { StoreNotice } from '../../shared/history.ts';
import type { LevelEngine } from './levels/index.ts';
import type { HeartbeatBook } from './probes/index.ts';
import type { ServiceBreakers } from './service-breakers.ts';
import type { Store } from './store/index.ts';
import type { WitnessRead } from './store/state-witness.ts';

export interface EngineSnapshot {
  version: 1;
  /** Names this engine state; the witness file beside the database names the one it expects. */
  instance?: string;
  levels: ReturnType<LevelEngine['serialize']>;
  breakers: ReturnType<ServiceBreakers['serialize']>;
  heartbeats: ReturnType<HeartbeatBook['serialize']>;
}

export type SavedState =
  | { kind: 'first_start' }
  | { kind: 'restored'; snapshot: EngineSnapshot }
  /** The state cannot be trusted: start at HALT with cause state_lost. */
  | { kind: 'lost'; why: string };

export interface SavedStateSources {
  /** Why the store is not the usual database (moved aside, in memory), or null. */
  notice: StoreNotice | null;
  read: ReturnType<Store['readEngineState']>;
  witness: WitnessRead;
  /** When the audit last recorded a level change (null when never). */
  lastLevelChangeAt: number | null;
}

/**
 * Decides what the engine starts from. Only a folder that never had an engine (no witness file)
 * starts fresh at NORMAL; a witness with a missing, unreadable, replaced or older engine state means
 * a HALT could be hiding behind it.
 */
export function judgeSavedState({ notice, read, witness, lastLevelChangeAt }: SavedStateSources): SavedState {
  if (notice) return { kind: 'lost', why: notice.message };
  if (read.kind === 'unreadable')
    return { kind: 'lost', why: `the saved engine state could not be read: ${read.reason}` };
  if (witness.kind === 'unreadable')
    return { kind: 'lost', why: `the record of the last level could not be read: ${witness.reason}` };
  if (read.kind === 'none') {
    if (witness.kind === 'absent') return { kind: 'first_start' };
    return {
      kind: 'lost',
      why: `the saved engine state is missing (the database was deleted, emptied or replaced); the last level recorded was ${witness.witness.level}`,
    };
  }
  const saved = read.state as Partial<EngineSnapshot> | null;
  if (saved?.version !== 1 || saved.levels === undefined)
    return { kind: 'lost', why: 'the saved engine state is not in a format this version knows' };
  const snapshot = saved as EngineSnapshot;
  const levels = snapshot.levels as Partial<EngineSnapshot['levels']>;
  const since = typeof levels.since === 'number' ? levels.since : Number.NEGATIVE_INFINITY;
  if (lastLevelChangeAt !== null && lastLevelChangeAt > since)
    return {
      kind: 'lost',
      why: `the saved engine state is older than the last level change in the audit (${iso(lastLevelChangeAt)})`,
    };
  if (witness.kind === 'absent') return { kind: 'restored', snapshot };
  const w = witness.witness;
  if (snapshot.instance !== w.instance)
    return { kind: 'lost', why: 'the database is not the one this data folder last used' };
  // Both record the same level change at the same clock reading: any difference (even one a clock
  // set back would make look older) means a change the engine state missed.
  if (w.since !== since || w.level !== levels.level)
    return {
      kind: 'lost',
      why: `the saved engine state is older than the last level change (${w.level} since ${iso(w.since)})`,
    };
  if (w.override && !levels.override)
    return { kind: 'lost', why: 'the saved engine state has lost the trading-disabled override' };
  return { kind: 'restored', snapshot };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
