import type { SignalCause } from '../../../shared/audit.ts';
import type { BreakerConfig, BreakerWindow } from '../../../shared/breaker.ts';
import type { Clock } from '../clock.ts';
import { createCallWindow, OUTCOME_FAILED, OUTCOME_SLOW, type CallWindow } from './call-window.ts';

/**
 * When a closed breaker opens, in the manner of cockatiel's `Breaker`: each counted call goes in as
 * a success or a failure (`slow` when it took too long), and the cause to open with comes out
 * (null: stay closed). The breaker keeps only its phases.
 */
export interface TripRule {
  success(slow: boolean): SignalCause | null;
  failure(slow: boolean): SignalCause | null;
  /** The breaker closed: everything starts over. */
  closed(): void;
}

/** Opens after `threshold` failures in a row. */
export class ConsecutiveFailures implements TripRule {
  count = 0;
  private readonly threshold: number;

  constructor(threshold: number) {
    this.threshold = threshold;
  }

  success(): null {
    this.count = 0;
    return null;
  }

  failure(): SignalCause | null {
    this.count++;
    if (this.count < this.threshold) return null;
    return { signal: 'consecutive_failures', value: this.count, threshold: this.threshold };
  }

  closed(): void {
    this.count = 0;
  }
}

/**
 * Opens when the failure rate, or the slow-call rate, over a sliding window of calls reaches its
 * threshold, once the window holds `minimumCalls`. The window starts empty each time the breaker opens.
 */
export class WindowRate implements TripRule {
  readonly window: CallWindow;
  private readonly clock: Clock;
  private readonly cfg: BreakerConfig;

  constructor(window: BreakerWindow, cfg: BreakerConfig, clock: Clock) {
    this.window = createCallWindow(window);
    this.cfg = cfg;
    this.clock = clock;
  }

  success(slow: boolean): SignalCause | null {
    return this.record(slow ? OUTCOME_SLOW : 0);
  }

  failure(slow: boolean): SignalCause | null {
    return this.record(OUTCOME_FAILED | (slow ? OUTCOME_SLOW : 0));
  }

  closed(): void {
    this.window.clear();
  }

  /** The failure rate now, or null while the window holds fewer than `minimumCalls`. */
  failureRate(now: number): number | null {
    const calls = this.window.calls(now);
    return calls < this.cfg.minimumCalls ? null : this.window.failures(now) / calls;
  }

  private record(outcome: number): SignalCause | null {
    // A count window ignores time: it is given 0, so the hot path skips the clock.
    const now = this.window.timed ? this.clock.now() : 0;
    this.window.record(now, outcome);
    if (outcome === 0) return null;
    const calls = this.window.calls(now);
    if (calls < this.cfg.minimumCalls) return null;
    const failureRate = this.window.failures(now) / calls;
    if (failureRate >= this.cfg.failureRateThreshold)
      return { signal: 'failure_rate', value: failureRate, threshold: this.cfg.failureRateThreshold };
    if (this.cfg.slowCallMs === undefined) return null;
    const slowRate = this.window.slow(now) / calls;
    const slowThreshold = this.cfg.slowCallRateThreshold ?? 1;
    if (slowRate >= slowThreshold)
      return { signal: 'slow_call_rate', value: slowRate, threshold: slowThreshold };
    return null;
  }
}

/** How long the breaker stays open: `openMs`, times the backoff multiplier for each reopening in a row. */
export function openPeriodMs(cfg: Pick<BreakerConfig, 'openMs' | 'backoff'>, reopens: number): number {
  const { openMs, backoff } = cfg;
  if (!backoff || reopens === 0) return openMs;
  return Math.min(backoff.maxOpenMs, Math.round(openMs * backoff.multiplier ** reopens));
}
