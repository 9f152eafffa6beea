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
  /**
   * Milliseconds from an arbitrary origin that never step: neither clock corrections nor a user
   * changing the time move it (it may pause while the machine sleeps). Windows of realised loss and
   * failures run on it, so a wall-clock step cannot make them forget.
   */
  monotonic(): number;
  /** Runs `fn` once after `ms`. The returned handle cancels it; cancelling twice is harmless. */
  setTimer(fn: () => void, ms: number): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
