import { errorMessage } from '../../shared/errors.ts';

/** The powerMonitor events this uses (Electron's powerMonitor fits). */
export interface PowerEvents {
  on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

export interface PowerTarget {
  /** Runs what fell due while asleep and records what expired (the scheduler's catch-up). */
  resync(reason: 'resume'): void;
  /** Persists the engine state, in case the machine never wakes up cleanly. */
  saveSnapshot(): void;
  log: (message: string) => void;
}

/**
 * Sleep and wake: suspend saves the engine state; resume and unlock run the scheduler's catch-up,
 * since timers do not fire while the machine sleeps (unlock covers machines that only locked, or
 * wake without a resume event). Returns a function that stops listening.
 */
export function watchPower(power: PowerEvents, target: PowerTarget): () => void {
  const guarded = (what: string, fn: () => void) => () => {
    try {
      fn();
    } catch (error) {
      target.log(`haltwatch: ${what} failed: ${errorMessage(error)}`);
    }
  };
  const onSuspend = guarded('saving state before sleep', () => {
    target.log('haltwatch: the system is going to sleep; state saved');
    target.saveSnapshot();
  });
  const onWake = guarded('catching up after sleep', () => target.resync('resume'));
  power.on('suspend', onSuspend);
  power.on('resume', onWake);
  power.on('unlock-screen', onWake);
  return () => {
    power.removeListener('suspend', onSuspend);
    power.removeListener('resume', onWake);
    power.removeListener('unlock-screen', onWake);
  };
}
