import { describe, expect, it } from 'vitest';
import type { StoreHealth } from '../../shared/history.ts';
import { guardHistory, HISTORY_RETRY_MS } from '../../electron/core/history-guard.ts';
import { LevelEngine } from '../../electron/core/levels/index.ts';
import { ManualClock } from '../../electron/core/manual-clock.ts';

/** A store whose disk refuses writes until `diskBack`; each save is one write. */
function fakeStore() {
  let health: StoreHealth = { persistent: true, lastError: null, droppedWrites: 0, file: '/d/haltwatch.db' };
  const listeners = new Set<(h: StoreHealth) => void>();
  const set = (next: Partial<StoreHealth>) => {
    health = { ...health, ...next };
    for (const l of listeners) l(health);
  };
  let diskFull = false;
  return {
    saves: 0,
    health: () => health,
    onHealthChange(listener: (h: StoreHealth) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fill() {
      diskFull = true;
      set({ persistent: false, lastError: 'engine state not saved: database or disk is full' });
    },
    diskBack() {
      diskFull = false;
    },
    save() {
      this.saves++;
      if (diskFull && health.persistent) set({ persistent: false, lastError: 'engine state not saved' });
      if (!diskFull && !health.persistent) set({ persistent: true });
    },
    /** A small write (a heartbeat row) that gets through even while the engine state does not fit. */
    smallWrite() {
      if (!health.persistent) set({ persistent: true, lastError: null });
    },
  };
}

describe('the history guard', () => {
  it('holds HALT while writes fail, retries by itself and releases the hold when a write succeeds', () => {
    const clock = new ManualClock(0);
    const store = fakeStore();
    const levels = new LevelEngine({}, clock);
    let changes = 0;
    const stop = guardHistory({
      store,
      levels,
      clock,
      log: () => {},
      save: () => store.save(),
      changed: () => changes++,
    });
    expect(levels.status().level).toBe('NORMAL');
    store.fill();
    expect(levels.status()).toMatchObject({ level: 'HALT', cause: { signal: 'history_unwritable' } });
    clock.advance(HISTORY_RETRY_MS * 3);
    expect(store.saves).toBe(3);
    expect(levels.status().desired).toBe('HALT');
    store.diskBack();
    clock.advance(HISTORY_RETRY_MS);
    // Released, but never more permissive at once: HALT is left by its cooldown and a confirmation.
    expect(levels.status()).toMatchObject({ level: 'HALT', desired: 'NORMAL' });
    expect(store.saves).toBe(4);
    clock.advance(HISTORY_RETRY_MS * 3);
    expect(store.saves).toBe(4);
    expect(changes).toBe(2);
    stop();
    levels.dispose();
  });

  it('keeps the hold when a small write succeeds but the engine state still cannot be saved', () => {
    const clock = new ManualClock(0);
    const store = fakeStore();
    const levels = new LevelEngine({}, clock);
    const stop = guardHistory({
      store,
      levels,
      clock,
      log: () => {},
      save: () => store.save(),
      changed: () => {},
    });
    store.fill();
    store.smallWrite();
    expect(store.saves).toBe(1);
    expect(store.health().persistent).toBe(false);
    expect(levels.status()).toMatchObject({
      level: 'HALT',
      desired: 'HALT',
      cause: { signal: 'history_unwritable' },
    });
    clock.advance(HISTORY_RETRY_MS);
    expect(levels.status().desired).toBe('HALT');
    store.diskBack();
    store.smallWrite();
    expect(store.saves).toBe(3);
    expect(levels.status()).toMatchObject({ level: 'HALT', desired: 'NORMAL' });
    stop();
    levels.dispose();
  });

  it('holds an in-memory history without retrying it', () => {
    const clock = new ManualClock(0);
    const store = fakeStore();
    store.fill();
    Object.assign(store, {
      health: () => ({ persistent: false, lastError: 'in memory', droppedWrites: 0, file: null }),
    });
    const levels = new LevelEngine({}, clock);
    const stop = guardHistory({
      store,
      levels,
      clock,
      log: () => {},
      save: () => store.save(),
      changed: () => {},
    });
    expect(levels.status().cause).toMatchObject({ signal: 'history_unwritable', value: 'in memory' });
    expect(clock.pendingTimers()).toBe(0);
    stop();
    levels.dispose();
  });
});
