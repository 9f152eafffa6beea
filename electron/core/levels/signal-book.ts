import type { Issue } from '../../../shared/gate.ts';
import { LEVEL_FOR_OPEN_BREAKER, levelRank } from '../../../shared/levels.ts';
import type { BreakerStateName, Criticality } from '../../../shared/levels.ts';
import type { BotSignal } from '../../../shared/status.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';
import { ExpiryTrackedWindow } from './expiry-tracked-window.ts';
import { botSignal, finiteOrMax, pull } from './pulls.ts';
import { ServiceHealthBook, type Contribution } from './service-signals.ts';
import type { SignalBookSerialized } from './signal-book-serialized.ts';
import { BOT_SERVICE } from './signals.ts';
import type { Signal } from './signals.ts';
import {
  failureRateCrossing,
  latencyCrossing,
  lossCrossing,
  orderFailureCrossing,
  percentOf,
  slippageCrossing,
  slippagePct,
} from './threshold-levels.ts';

export type { Contribution };

/** A bot inventing service names must not grow memory without bound. */
export const MAX_TRACKED_SERVICES = 256;

const ORDERS = 0;
const FAILED_ORDERS = 1;
const REALISED = 0;
const ORDER_FIELDS = 2;
const REALISED_FIELDS = 1;

/**
 * The current state of every signal (latest latency per service, breaker states, order counters,
 * 5-minute and loss windows) and the level each one calls for. Windows are bucket rings:
 * recording and finding their next change are O(1) amortised, and memory is flat.
 *
 * Over 300 lines on purpose: each signal's state and the pull it makes share the thresholds and the
 * maintenance check; the saved shape is in signal-book-serialized.ts, the pull builders in pulls.ts.
 */
export class SignalBook {
  private thresholds: Thresholds;
  private readonly latencies = new Map<string, number>();
  private readonly breakers = new Map<string, { state: BreakerStateName; criticality: Criticality }>();
  private consecutiveOrderFailures = 0;
  private slippage: number | null = null;
  private criticalError: { category: string; message: string } | null = null;
  private equity: number | null = null;
  private orders: ExpiryTrackedWindow;
  private realised: ExpiryTrackedWindow;
  private readonly holds = new Map<string, Contribution>();
  private readonly health = new ServiceHealthBook(MAX_TRACKED_SERVICES);

  /** A service in maintenance: recorded, but pulls nothing and crosses nothing. */
  private readonly quiet: (service: string) => boolean;

  constructor(thresholds: Thresholds, quiet: (service: string) => boolean = () => false) {
    this.thresholds = thresholds;
    this.quiet = quiet;
    this.orders = new ExpiryTrackedWindow(thresholds.failureRate.windowMs, ORDER_FIELDS);
    this.realised = new ExpiryTrackedWindow(thresholds.loss.windowMs, REALISED_FIELDS);
  }

  /** New window lengths keep what the windows hold: a realised loss is not forgotten by an edit. */
  setThresholds(t: Thresholds, now: number): void {
    this.orders = resized(this.orders, t.failureRate.windowMs, ORDER_FIELDS, now);
    this.realised = resized(this.realised, t.loss.windowMs, REALISED_FIELDS, now);
    this.thresholds = t;
  }

  /** Takes in one signal that passed unusableSignal(); returns the thresholds it crossed. */
  apply(signal: Signal, now: number): Contribution[] {
    const crossed: (Contribution | null)[] = [];
    switch (signal.type) {
      case 'breaker': {
        if (signal.state === 'CLOSED') this.breakers.delete(signal.service);
        else if (this.track(this.breakers, signal.service))
          this.breakers.set(signal.service, { state: signal.state, criticality: signal.criticality });
        crossed.push(this.breakerPull(signal.service));
        break;
      }
      case 'probe': {
        this.health.apply(signal);
        crossed.push(this.health.failurePull(signal.service));
        // A quick refusal says nothing of speed; a timeout counts at its timeout (the monitor sends it).
        if (signal.outcome !== 'fail') {
          if (this.track(this.latencies, signal.service)) this.latencies.set(signal.service, signal.ms);
          crossed.push(this.latencyPull(signal.service, signal.ms));
        }
        break;
      }
      case 'latency': {
        const service = signal.service ?? BOT_SERVICE;
        if (this.track(this.latencies, service)) this.latencies.set(service, signal.ms);
        crossed.push(this.latencyPull(service, signal.ms));
        break;
      }
      case 'order_success':
        this.consecutiveOrderFailures = 0;
        this.orders.add(now, ORDERS, 1);
        break;
      case 'order_failure':
        // The exchange refusing orders during a market-wide halt says nothing about the broker.
        if (signal.exchangeHalt) break;
        this.consecutiveOrderFailures++;
        this.orders.add(now, ORDERS, 1);
        this.orders.add(now, FAILED_ORDERS, 1);
        crossed.push(this.orderFailuresPull(), this.failureRatePull(now));
        break;
      case 'slippage':
        // The report schema refuses what would not be finite; kept finite here too, at its most
        // cautious, because the saved state (JSON) cannot hold Infinity or NaN.
        this.slippage = finiteOrMax(slippagePct(signal.expectedPrice, signal.actualPrice));
        crossed.push(this.slippagePull());
        break;
      case 'pnl':
        this.equity = signal.equity;
        this.realised.add(now, REALISED, signal.realized);
        crossed.push(this.lossPull(now));
        break;
      case 'critical_error':
        this.criticalError = { category: signal.category ?? 'other', message: signal.message };
        crossed.push(this.criticalPull());
        break;
    }
    return crossed.filter(
      (c): c is Contribution => c !== null && (c.cause.service === undefined || !this.quiet(c.cause.service)),
    );
  }

  /** The strongest pull of all current signals: the level they call for now. */
  assess(now: number, options: { ignoreTradeSignals?: boolean } = {}): Contribution | null {
    // The gate asks this before every order: no list is built, the first strongest pull wins.
    let strongest: Contribution | null = null;
    this.visitPulls(now, options, (c) => {
      if (!strongest || levelRank(c.level) > levelRank(strongest.level)) strongest = c;
    });
    return strongest;
  }

  /**
   * Every signal pulling the level above NORMAL now, strongest first (ties in a fixed order:
   * critical error, order failures, breakers, failed probes, latencies, loss, slippage, failure rate).
   * `ignoreTradeSignals`: as if clearTradeSignals had run (what a confirmation would leave).
   */
  contributions(now: number, options: { ignoreTradeSignals?: boolean } = {}): Contribution[] {
    const found: Contribution[] = [];
    this.visitPulls(now, options, (c) => found.push(c));
    // Stable: equal levels keep the order above, so the first is what assess picks.
    return found.sort((a, b) => levelRank(b.level) - levelRank(a.level));
  }

  private visitPulls(
    now: number,
    options: { ignoreTradeSignals?: boolean },
    visit: (c: Contribution) => void,
  ): void {
    const trade = !options.ignoreTradeSignals;
    const consider = (c: Contribution | null) => {
      if (c) visit(c);
    };
    consider(this.criticalPull());
    for (const held of this.holds.values()) consider(held);
    if (trade) consider(this.orderFailuresPull());
    const heard = (service: string) => !this.quiet(service);
    for (const service of this.breakers.keys()) if (heard(service)) consider(this.breakerPull(service));
    for (const service of this.health.names()) if (heard(service)) consider(this.health.failurePull(service));
    for (const [service, ms] of this.latencies)
      if ((trade || service !== BOT_SERVICE) && heard(service)) consider(this.latencyPull(service, ms));
    consider(this.lossPull(now));
    if (trade) consider(this.slippagePull());
    consider(this.failureRatePull(now));
  }

  /** The bot's own signals as they stand, each with the level it calls for (NORMAL: none). */
  botSignals(now: number): BotSignal[] {
    const t = this.thresholds;
    const orders = this.orders.total(now, ORDERS);
    const failedPct = orders === 0 ? 0 : percentOf(this.orders.total(now, FAILED_ORDERS), orders);
    const lossPct =
      this.equity === null ? null : percentOf(Math.max(0, -this.realised.total(now, REALISED)), this.equity);
    const n = this.consecutiveOrderFailures;
    return [
      botSignal('order_failures', n, this.orderFailuresPull(), t.orderFailures.alert),
      botSignal('slippage', this.slippage, this.slippagePull(), t.slippage.alertPct),
      botSignal('loss', lossPct, this.lossPull(now), t.loss.haltPct),
      botSignal(
        'failure_rate',
        orders === 0 ? null : failedPct,
        this.failureRatePull(now),
        t.failureRate.throttlePct,
        {
          orders,
          minOrders: t.failureRate.minOrders,
        },
      ),
    ];
  }

  /** Failed probes in a row of a watched service (0 when healthy or never probed). */
  probeFailures(service: string): number {
    return this.health.failuresOf(service);
  }

  /** When a window's totals next change by time alone, or null when the windows are empty. */
  nextWindowChangeAt(now: number): number | null {
    return earliest(this.orders.nextExpiryAt(now), this.realised.nextExpiryAt(now));
  }

  /** A fault of the engine itself pulling the level up while it lasts (null: released). */
  setHold(key: string, pull: Contribution | null): void {
    if (pull) this.holds.set(key, pull);
    else this.holds.delete(key);
  }

  forgetService(service: string): void {
    this.latencies.delete(service);
    this.breakers.delete(service);
    this.health.forget(service);
  }

  /** Drops the breaker states and probe streaks of services no longer watched (removed while closed). */
  keepBreakersOf(watched: ReadonlySet<string>): void {
    for (const service of [...this.breakers.keys()]) if (!watched.has(service)) this.breakers.delete(service);
    this.health.keepOnly(watched);
  }

  /**
   * Forgets what only the bot's trading updates (its own latency, the failure streak, slippage).
   * Probe latencies stay (the next check renews them), and so do losses.
   */
  clearTradeSignals(): void {
    this.latencies.delete(BOT_SERVICE);
    this.consecutiveOrderFailures = 0;
    this.slippage = null;
  }

  /** Forgets every counter and measurement; breaker states stay, since they describe services as they are. */
  resetCounters(): void {
    this.latencies.clear();
    this.consecutiveOrderFailures = 0;
    this.slippage = null;
    this.criticalError = null;
    this.orders.clear();
    this.realised.clear();
  }

  serialize(): SignalBookSerialized {
    return {
      latencies: [...this.latencies],
      breakers: [...this.breakers].map(([service, b]) => [service, b.state, b.criticality]),
      consecutiveOrderFailures: this.consecutiveOrderFailures,
      slippagePct: this.slippage,
      criticalError: this.criticalError,
      equity: this.equity,
      orders: { windowMs: this.orders.windowMs, state: this.orders.serialize() },
      realised: { windowMs: this.realised.windowMs, state: this.realised.serialize() },
      services: this.health.serialize(),
    };
  }

  restore(s: SignalBookSerialized, now: number): void {
    for (const [service, ms] of s.latencies.slice(0, MAX_TRACKED_SERVICES)) this.latencies.set(service, ms);
    for (const [service, state, criticality] of s.breakers.slice(0, MAX_TRACKED_SERVICES))
      if (state !== 'CLOSED') this.breakers.set(service, { state, criticality });
    this.consecutiveOrderFailures = s.consecutiveOrderFailures;
    this.slippage = s.slippagePct;
    this.criticalError = s.criticalError;
    this.equity = s.equity;
    this.orders.carryFrom(s.orders, now);
    this.realised.carryFrom(s.realised, now);
    this.health.restore(s.services);
  }

  private track(map: Map<string, unknown>, service: string): boolean {
    return map.has(service) || map.size < MAX_TRACKED_SERVICES;
  }

  private breakerPull(service: string): Contribution | null {
    const b = this.breakers.get(service);
    if (!b) return null;
    return {
      level: LEVEL_FOR_OPEN_BREAKER[b.criticality],
      cause: { signal: 'breaker', service, value: b.state, threshold: b.criticality },
    };
  }

  private latencyPull(service: string, ms: number): Contribution | null {
    const { own, cap } = this.health.latencyPolicy(service);
    return pull(latencyCrossing(ms, this.thresholds, own, cap), 'latency', ms, service);
  }

  private orderFailuresPull(): Contribution | null {
    const n = this.consecutiveOrderFailures;
    return pull(orderFailureCrossing(n, this.thresholds), 'order_failures', n);
  }

  private failureRatePull(now: number): Contribution | null {
    const orders = this.orders.total(now, ORDERS);
    if (orders === 0) return null;
    const failedPct = percentOf(this.orders.total(now, FAILED_ORDERS), orders);
    return pull(failureRateCrossing(failedPct, orders, this.thresholds), 'failure_rate', failedPct);
  }

  private slippagePull(): Contribution | null {
    if (this.slippage === null) return null;
    return pull(slippageCrossing(this.slippage, this.thresholds), 'slippage', this.slippage);
  }

  private lossPull(now: number): Contribution | null {
    if (this.equity === null) return null;
    const lossPct = finiteOrMax(percentOf(Math.max(0, -this.realised.total(now, REALISED)), this.equity));
    return pull(lossCrossing(lossPct, this.thresholds), 'loss', lossPct);
  }

  private criticalPull(): Contribution | null {
    if (!this.criticalError) return null;
    const { category, message } = this.criticalError;
    return { level: 'SHUTDOWN', cause: { signal: 'critical_error', value: `${category}: ${message}` } };
  }
}

/** The earlier of two optional times. */
export function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

function resized(window: ExpiryTrackedWindow, windowMs: number, fields: number, now: number) {
  if (window.windowMs === windowMs) return window;
  const next = new ExpiryTrackedWindow(windowMs, fields);
  next.carryFrom({ windowMs: window.windowMs, state: window.serialize() }, now);
  return next;
}

export function issueFrom(c: Contribution, at: number): Issue {
  const issue: Issue = {
    at,
    signal: c.cause.signal,
    value: c.cause.value,
    threshold: c.cause.threshold ?? '',
    level: c.level,
  };
  if (c.cause.service !== undefined) issue.service = c.cause.service;
  return issue;
}
