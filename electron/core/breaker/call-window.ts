import type { BreakerWindow, BreakerWindowState } from '../../../shared/breaker.ts';
import { BucketWindow } from './bucket-window.ts';
import { CountWindow, OUTCOME_FAILED, OUTCOME_SLOW } from './count-window.ts';

/** The breaker's sliding window of call outcomes, count-based or time-based behind one interface. */
export interface CallWindow {
  /** Whether `now` matters; a count window is called with 0 so the hot path skips the clock. */
  readonly timed: boolean;
  /** `outcome` is a bit set of OUTCOME_FAILED and OUTCOME_SLOW. */
  record(now: number, outcome: number): void;
  calls(now: number): number;
  failures(now: number): number;
  slow(now: number): number;
  clear(): void;
  serialize(): BreakerWindowState;
  /** Loads a state of the same window type; a state of the other type is ignored. */
  restore(state: BreakerWindowState): void;
}

const CALLS = 0;
const FAILURES = 1;
const SLOW = 2;

class CountCallWindow implements CallWindow {
  readonly timed = false;
  private readonly ring: CountWindow;
  constructor(size: number) {
    this.ring = new CountWindow(size);
  }
  record(_now: number, outcome: number): void {
    this.ring.record(outcome);
  }
  calls(): number {
    return this.ring.calls;
  }
  failures(): number {
    return this.ring.failures;
  }
  slow(): number {
    return this.ring.slow;
  }
  clear(): void {
    this.ring.clear();
  }
  serialize(): BreakerWindowState {
    return { type: 'count', outcomes: this.ring.serialize() };
  }
  restore(state: BreakerWindowState): void {
    if (state.type === 'count') this.ring.restore(state.outcomes);
  }
}

class TimeCallWindow implements CallWindow {
  readonly timed = true;
  private readonly buckets: BucketWindow;
  constructor(ms: number) {
    this.buckets = BucketWindow.forWindow(ms, 3);
  }
  record(now: number, outcome: number): void {
    this.buckets.add(now, CALLS, 1);
    if (outcome & OUTCOME_FAILED) this.buckets.add(now, FAILURES, 1);
    if (outcome & OUTCOME_SLOW) this.buckets.add(now, SLOW, 1);
  }
  calls(now: number): number {
    return this.buckets.total(now, CALLS);
  }
  failures(now: number): number {
    return this.buckets.total(now, FAILURES);
  }
  slow(now: number): number {
    return this.buckets.total(now, SLOW);
  }
  clear(): void {
    this.buckets.clear();
  }
  serialize(): BreakerWindowState {
    const { lastSlot, buckets } = this.buckets.serialize();
    return {
      type: 'time',
      lastSlot,
      buckets: buckets.map((b): [number, number, number] => [b[0] ?? 0, b[1] ?? 0, b[2] ?? 0]),
    };
  }
  restore(state: BreakerWindowState): void {
    if (state.type === 'time') this.buckets.restore(state);
  }
}

export function createCallWindow(window: BreakerWindow): CallWindow {
  return window.type === 'count' ? new CountCallWindow(window.size) : new TimeCallWindow(window.ms);
}

export { OUTCOME_FAILED, OUTCOME_SLOW };
