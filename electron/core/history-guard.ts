import type { StoreHealth } from '../../shared/history.ts';
import type { Clock, TimerHandle } from './clock.ts';
import type { LevelEngine } from './levels/index.ts';
import type { Store } from './store/index.ts';

/** While the history cannot be written, the engine state is saved this often to find out when it can. */
export const HISTORY_RETRY_MS = 10_000;

export interface HistoryGuardOptions {
  store: Pick<Store, 'health' | 'onHealthChange'>;
  levels: Pick<LevelEngine, 'hold' | 'release'>;
  clock: Clock;
  log: (message: string) => void;
  /** Saves the engine state: the write that finds out whether the disk takes writes again. */
  save: () => void;
  /** The history's health changed (status to emit). */
  changed: () => void;
}

/**
 * A history that cannot be written (disk full, read-only, file deleted) holds the level at least at
 * HALT with cause history_unwritable: the gate cannot promise what it will remember after a crash.
 * The engine state is saved again every HISTORY_RETRY_MS until a write succeeds; then the hold goes
 * and the level steps down by the usual cooldowns. Returns a function that stops guarding.
 */
export function guardHistory(options: HistoryGuardOptions): () => void {
  const { store, levels, clock, log } = options;
  let held = false;
  let saving = false;
  let retry: TimerHandle | null = null;

  const save = () => {
    saving = true;
    try {
      options.save();
    } finally {
      saving = false;
    }
  };
  const scheduleRetry = () => {
    retry ??= clock.setTimer(() => {
      retry = null;
      save();
      if (!store.health().persistent) scheduleRetry();
    }, HISTORY_RETRY_MS);
  };
  const hold = (health: StoreHealth) => {
    const why = health.lastError ?? 'the history cannot be written';
    if (!held) log(`haltwatch: holding HALT: ${why}`);
    held = true;
    levels.hold('history', { signal: 'history_unwritable', value: why });
    // An in-memory history (no file) never becomes persistent: nothing to retry.
    if (health.file !== null) scheduleRetry();
  };
  const release = () => {
    retry?.cancel();
    retry = null;
    held = false;
    levels.release('history');
    log('haltwatch: the history is being saved again');
  };
  const judge = (health: StoreHealth) => {
    if (!health.persistent) hold(health);
    else if (!held) return;
    else if (saving) release();
    else {
      // A small write getting through a nearly full disk proves little: the hold goes only once the
      // engine state itself is saved again (a failing save re-enters judge and keeps the hold).
      save();
      if (!store.health().persistent) return;
      release();
    }
    options.changed();
  };

  const unsubscribe = store.onHealthChange(judge);
  judge(store.health());
  return () => {
    unsubscribe();
    retry?.cancel();
    retry = null;
  };
}
