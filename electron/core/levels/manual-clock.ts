import type { Clock, TimerHandle } from '../clock.ts';

/** A clock that moves only when told, firing due timers in order: replays run on it. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers: { at: number; seq: number; fn: () => void; cancelled: boolean }[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Replays only move forward: the wall clock is monotonic here. */
  monotonic(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  advanceTo(target: number): void {
    for (;;) {
      let next: (typeof this.timers)[number] | undefined;
      for (let i = this.timers.length - 1; i >= 0; i--) {
        const t = this.timers[i]!;
        if (t.cancelled) this.timers.splice(i, 1);
        else if (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
      }
      if (!next || next.at > target) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = Math.max(this.current, target);
  }
}
