/**
 * Time enters the engine only through this interface, so every room runs under a fake clock in
 * tests. Timers never keep the process alive (the real one unrefs them).
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** UTC epoch milliseconds. */
  now(): number;
  /** Runs `fn` once after `ms`. The returned handle cancels it; cancelling twice is harmless. */
  setTimer(fn: () => void, ms: number): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
