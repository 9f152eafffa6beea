import type { Clock, TimerHandle } from './clock.ts';

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to; timers fire in due order while it moves. Replays run on it,
 * and every test: its monotonic reading moves with advance() but not with jump(), as a real one does
 * when the wall clock is corrected. It starts by default on a NYSE trading day, 2026-01-05 14:00 UTC.
 */
export class ManualClock implements Clock {
  private current: number;
  /** Moves with advance() only: jump() steps the wall clock alone, as a clock correction or a sleep does. */
  private steady = 0;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: number | string = Date.UTC(2026, 0, 5, 14, 0)) {
    this.current = typeof start === 'string' ? Date.parse(start) : start;
  }

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.steady;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  advanceTo(target: number): void {
    for (;;) {
      const next = this.nextDue();
      if (!next || next.at > target) break;
      this.moveTo(Math.max(this.current, next.at));
      this.timers = this.timers.filter((t) => t !== next);
      next.fn();
    }
    this.moveTo(Math.max(this.current, target));
  }

  /**
   * Jumps the wall clock without firing timers, as a laptop waking from sleep sees it; a negative
   * `ms` steps it back (a clock correction). The monotonic clock does not move.
   */
  jump(ms: number): void {
    this.current += ms;
  }

  private moveTo(at: number): void {
    this.steady += at - this.current;
    this.current = at;
  }

  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  private nextDue(): PendingTimer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
