import { ListenerOutbox } from '../listener-outbox.ts';
import { breakerConfigSchema, breakerSerializedSchema } from '../../../shared/breaker.ts';
import type {
  BreakerConfig,
  BreakerConfigInput,
  BreakerSerialized,
  BreakerSnapshot,
} from '../../../shared/breaker.ts';
import type { SignalCause } from '../../../shared/audit.ts';
import type { BreakerStateName } from '../../../shared/levels.ts';
import type { Clock } from '../clock.ts';
import { parseOrThrow } from '../../../shared/errors.ts';
import { ConsecutiveFailures, openPeriodMs, WindowRate } from './trip-rules.ts';

/** One state change, reported to `onTransition` only once the breaker is consistent again. */
export interface BreakerTransition {
  at: number;
  service: string;
  from: BreakerStateName;
  to: BreakerStateName;
  cause: SignalCause;
  /** Manual actions (isolate, reset) carry who did it and why. */
  reason?: string;
  actor?: string;
}

/** Admission of one call. Reporting twice, or after the breaker moved on, changes nothing. */
export interface BreakerPermit {
  readonly generation: number;
  /** Returns whether the result was counted (false when stale or already reported). */
  success(latencyMs?: number): boolean;
  failure(reason?: string): boolean;
}

export interface CircuitBreakerOptions {
  name?: string;
  restore?: BreakerSerialized;
  onTransition?: (transition: BreakerTransition) => void;
}

type Phase =
  | { name: 'CLOSED' }
  /** `nextTrialAt` is null while isolated: only `reset` leaves that. */
  | { name: 'OPEN'; openedAt: number; nextTrialAt: number | null }
  /** `trialDeadline` is set while a trial is in flight. */
  | {
      name: 'HALF_OPEN';
      openedAt: number;
      inFlight: number;
      successes: number;
      trialDeadline: number | null;
    };

const STALE = -1;

/**
 * A per-service circuit breaker: CLOSED → OPEN → HALF_OPEN → CLOSED | OPEN.
 *
 * Time-driven moves are lazy: OPEN becomes HALF_OPEN on the first look at or after
 * `snapshot().nextTrialAt`, and an unreported trial counts as failed on the first look at or after
 * `snapshot().halfOpenUntil`. Whoever wants them to happen on time arms a clock timer there.
 * Every state change bumps `generation`; results of calls admitted under an older generation are ignored.

 *
 * Over 300 lines on purpose: the phases, their lazy time-driven moves, admission and the transition
 * outbox share the phase and generation; the trip rules and the backoff live in trip-rules.ts.
 */
export class CircuitBreaker {
  readonly name: string;
  private readonly clock: Clock;
  private cfg: BreakerConfig;
  /** The trip rules: failures in a row always; the window's rates when a window is configured. */
  private consecutive: ConsecutiveFailures;
  private rate: WindowRate | null;
  private phase: Phase = { name: 'CLOSED' };
  private gen = 0;
  private reopens = 0;
  private readonly pending: ListenerOutbox<BreakerTransition>;

  constructor(config: BreakerConfigInput, clock: Clock, options: CircuitBreakerOptions = {}) {
    this.name = options.name ?? 'breaker';
    this.cfg = parseOrThrow(breakerConfigSchema, config, `breaker "${this.name}" config`);
    this.clock = clock;
    this.pending = new ListenerOutbox(options.onTransition);
    this.consecutive = new ConsecutiveFailures(this.cfg.failureThreshold);
    this.rate = this.cfg.window ? new WindowRate(this.cfg.window, this.cfg, clock) : null;
    if (options.restore) this.load(options.restore);
  }

  get config(): BreakerConfig {
    return this.cfg;
  }

  get generation(): number {
    return this.gen;
  }

  get state(): BreakerStateName {
    this.settle(this.clock.now());
    this.pending.deliver();
    return this.phase.name;
  }

  /** A permit for one call, or null when the breaker does not admit it (never queued). */
  tryAcquire(): BreakerPermit | null {
    const generation = this.acquire();
    if (generation === STALE) return null;
    let reported = false;
    const report = (ok: boolean, latencyMs: number, reason: string | undefined): boolean => {
      if (reported) return false;
      reported = true;
      return this.settlePermit(generation, ok, latencyMs, reason);
    };
    return {
      generation,
      success: (latencyMs = 0) => report(true, latencyMs, undefined),
      failure: (reason) => report(false, 0, reason),
    };
  }

  /** Forces the breaker open until `reset`. */
  isolate(reason: string, actor: string): void {
    const now = this.clock.now();
    this.settle(now);
    const from = this.phase.name;
    this.enter({ name: 'OPEN', openedAt: now, nextTrialAt: null });
    this.pending.push({
      at: now,
      service: this.name,
      from,
      to: 'OPEN',
      cause: manual('isolate', reason),
      reason,
      actor,
    });
    this.pending.deliver();
  }

  /** Closes the breaker and forgets its counters, window and backoff. */
  reset(reason: string, actor: string): void {
    const now = this.clock.now();
    this.settle(now);
    const from = this.phase.name;
    this.toClosed();
    this.pending.push({
      at: now,
      service: this.name,
      from,
      to: 'CLOSED',
      cause: manual('reset', reason),
      reason,
      actor,
    });
    this.pending.deliver();
  }

  snapshot(): BreakerSnapshot {
    const now = this.clock.now();
    this.settle(now);
    this.pending.deliver();
    const p = this.phase;
    return {
      state: p.name,
      consecutiveFailures: this.consecutive.count,
      failureRate: this.rate ? this.rate.failureRate(now) : null,
      openedAt: p.name === 'CLOSED' ? null : p.openedAt,
      nextTrialAt: p.name === 'OPEN' ? p.nextTrialAt : null,
      generation: this.gen,
      isolated: p.name === 'OPEN' && p.nextTrialAt === null,
      halfOpenUntil: p.name === 'HALF_OPEN' ? p.trialDeadline : null,
      trialsInFlight: p.name === 'HALF_OPEN' ? p.inFlight : 0,
      trialSuccesses: p.name === 'HALF_OPEN' ? p.successes : 0,
    };
  }

  /** Trials in flight are not saved: their results could never be reported to the restored breaker. */
  serialize(): BreakerSerialized {
    this.settle(this.clock.now());
    this.pending.deliver();
    const p = this.phase;
    return {
      version: 1,
      state: p.name,
      generation: this.gen,
      consecutiveFailures: this.consecutive.count,
      openedAt: p.name === 'CLOSED' ? null : p.openedAt,
      nextTrialAt: p.name === 'OPEN' ? p.nextTrialAt : null,
      isolated: p.name === 'OPEN' && p.nextTrialAt === null,
      reopens: this.reopens,
      trialSuccesses: p.name === 'HALF_OPEN' ? p.successes : 0,
      window: this.rate ? this.rate.window.serialize() : null,
    };
  }

  private load(input: BreakerSerialized): void {
    const s = parseOrThrow(breakerSerializedSchema, input, `breaker "${this.name}" saved state`);
    this.gen = s.generation;
    this.consecutive.count = s.consecutiveFailures;
    this.reopens = s.reopens;
    const openedAt = s.openedAt ?? this.clock.now();
    if (s.state === 'OPEN')
      this.phase = { name: 'OPEN', openedAt, nextTrialAt: s.isolated ? null : (s.nextTrialAt ?? openedAt) };
    else if (s.state === 'HALF_OPEN')
      this.phase = {
        name: 'HALF_OPEN',
        openedAt,
        inFlight: 0,
        successes: s.trialSuccesses,
        trialDeadline: null,
      };
    if (s.window && this.rate) this.rate.window.restore(s.window);
  }

  /** Returns the generation the call runs under, or STALE when it is not admitted. */
  private acquire(): number {
    if (this.phase.name === 'CLOSED') return this.gen;
    const now = this.clock.now();
    this.settle(now);
    const p = this.phase;
    let admitted = STALE;
    // settle() never closes the breaker, so only half-open trials remain to admit.
    if (p.name === 'HALF_OPEN' && p.inFlight < this.cfg.halfOpenMaxCalls) {
      p.inFlight++;
      if (p.trialDeadline === null) p.trialDeadline = now + this.cfg.halfOpenMaxWaitMs;
      admitted = this.gen;
    }
    this.pending.deliver();
    return admitted;
  }

  private settlePermit(
    generation: number,
    ok: boolean,
    latencyMs: number,
    reason: string | undefined,
  ): boolean {
    if (generation !== this.gen) return false;
    if (this.phase.name === 'HALF_OPEN') this.phase.inFlight = Math.max(0, this.phase.inFlight - 1);
    const counted = this.apply(ok, latencyMs, reason);
    this.pending.deliver();
    return counted;
  }

  private apply(ok: boolean, latencyMs: number, reason: string | undefined): boolean {
    const slow = this.cfg.slowCallMs !== undefined && latencyMs >= this.cfg.slowCallMs;
    const p = this.phase;
    if (p.name === 'OPEN') return false;
    if (p.name === 'HALF_OPEN') {
      // A slow trial is no proof of recovery.
      if (!ok || slow) {
        const cause = ok
          ? { signal: 'slow_trial', value: latencyMs, threshold: this.cfg.slowCallMs }
          : { signal: 'trial_failed', value: reason ?? 'failure' };
        this.toOpen(this.clock.now(), cause, true);
      } else if (++p.successes >= this.cfg.successThreshold) {
        const now = this.clock.now();
        const successes = p.successes;
        this.toClosed();
        this.pending.push({
          at: now,
          service: this.name,
          from: 'HALF_OPEN',
          to: 'CLOSED',
          cause: { signal: 'trial_successes', value: successes, threshold: this.cfg.successThreshold },
        });
      } else if (p.inFlight === 0) {
        p.trialDeadline = null;
      }
      return true;
    }
    // Every rule counts the call; the window's rates are told first when both would open.
    const byCount = ok ? this.consecutive.success() : this.consecutive.failure();
    const byRate = this.rate ? (ok ? this.rate.success(slow) : this.rate.failure(slow)) : null;
    const cause = byRate ?? byCount;
    if (cause) this.toOpen(this.clock.now(), cause, false);
    return true;
  }

  /** Moves that only time makes: OPEN → HALF_OPEN, and an unreported trial counting as failed. */
  private settle(now: number): void {
    for (;;) {
      const p = this.phase;
      if (p.name === 'OPEN' && p.nextTrialAt !== null && now >= p.nextTrialAt) {
        this.enter({
          name: 'HALF_OPEN',
          openedAt: p.openedAt,
          inFlight: 0,
          successes: 0,
          trialDeadline: null,
        });
        this.pending.push({
          at: now,
          service: this.name,
          from: 'OPEN',
          to: 'HALF_OPEN',
          cause: {
            signal: 'open_period_elapsed',
            value: now - p.openedAt,
            threshold: p.nextTrialAt - p.openedAt,
          },
        });
      } else if (p.name === 'HALF_OPEN' && p.trialDeadline !== null && now >= p.trialDeadline) {
        this.toOpen(
          now,
          { signal: 'trial_timeout', value: 'no result', threshold: this.cfg.halfOpenMaxWaitMs },
          true,
        );
      } else {
        return;
      }
    }
  }

  private toOpen(now: number, cause: SignalCause, reopening: boolean): void {
    const from = this.phase.name;
    this.reopens = reopening ? this.reopens + 1 : 0;
    this.enter({ name: 'OPEN', openedAt: now, nextTrialAt: now + openPeriodMs(this.cfg, this.reopens) });
    this.pending.push({ at: now, service: this.name, from, to: 'OPEN', cause });
  }

  private toClosed(): void {
    this.consecutive.closed();
    this.rate?.closed();
    this.reopens = 0;
    this.enter({ name: 'CLOSED' });
  }

  private enter(phase: Phase): void {
    this.phase = phase;
    this.gen++;
    // A window starts empty each time the breaker opens.
    if (phase.name === 'OPEN') this.rate?.window.clear();
  }
}

function manual(action: string, reason: string): SignalCause {
  return { signal: `manual_${action}`, value: reason };
}
