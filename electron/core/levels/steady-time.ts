import type { Clock } from '../clock.ts';

/**
 * The time the signal windows (realised loss, order failures) run on: it moves with the monotonic
 * clock only, so a wall-clock step forward and back neither empties a window nor stretches it. A
 * saved timeline is continued after a restart, counting the time the engine was down by the wall
 * clock, never negative: a clock that stepped back meanwhile keeps the windows longer, not shorter.
 */
export class SteadyTime {
  private readonly clock: Clock;
  private readonly base: number;
  private readonly monotonicBase: number;

  constructor(clock: Clock, resume?: { steadyAt: number; savedAt: number }) {
    this.clock = clock;
    this.monotonicBase = clock.monotonic();
    this.base = resume ? resume.steadyAt + Math.max(0, clock.now() - resume.savedAt) : clock.now();
  }

  now(): number {
    return this.base + (this.clock.monotonic() - this.monotonicBase);
  }
}
