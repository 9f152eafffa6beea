import type { Clock } from '../clock.ts';

export type DeadlineState = 'running' | 'timeout' | 'cancelled' | 'settled';

/**
 * One probe's timeout and cancellation: `signal` aborts when time is up or the check is cancelled,
 * and `expired` rejects then, so a probe that ignores its signal still cannot hold the check.
 * `settle()` aborts the signal too, releasing whatever the probe left open.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly expired: Promise<never>;
  readonly state: DeadlineState;
  settle(): void;
}

export function startDeadline(clock: Clock, timeoutMs: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let state: DeadlineState = 'running';
  let rejectExpired: (reason: Error) => void = () => {};
  const expired = new Promise<never>((_, reject) => {
    rejectExpired = reject;
  });
  expired.catch(() => {}); // only observed through the race

  const end = (next: DeadlineState, reason: Error) => {
    if (state !== 'running') return;
    state = next;
    timer.cancel();
    parent?.removeEventListener('abort', onParentAbort);
    controller.abort(reason);
    rejectExpired(reason);
  };
  const onParentAbort = () => end('cancelled', new Error('check was cancelled'));
  const timer = clock.setTimer(() => end('timeout', new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });

  return {
    signal: controller.signal,
    expired,
    get state() {
      return state;
    },
    settle: () => end('settled', new Error('probe finished')),
  };
}

/** Runs `cleanup` when `signal` aborts (at once if it already has); returns the unsubscribe. */
export function onAbort(signal: AbortSignal, cleanup: () => void): () => void {
  if (signal.aborted) {
    cleanup();
    return () => {};
  }
  signal.addEventListener('abort', cleanup, { once: true });
  return () => signal.removeEventListener('abort', cleanup);
}
