import type { ProbeResult } from '../../../shared/probe.ts';
import { DEFAULT_CONFIRM_FAILURES, type MonitoringSettings } from '../../../shared/service-watch.ts';
import type { ServiceConfig } from '../../../shared/services.ts';
import type { Clock, TimerHandle } from '../clock.ts';

/** An escalated interval is never shorter than this, unless the service's own interval is. */
const MIN_ESCALATED_MS = 5_000;

export interface ServiceWatchOptions {
  clock: Clock;
  settings(): MonitoringSettings;
  /** The enabled services, read at every arming (a saved services file applies at once). */
  services(): readonly ServiceConfig[];
  /** Within the exchange session, or less than `preOpenMs` before its open. */
  inSession(at: number, preOpenMs: number): boolean;
  /** The level is ALERT or worse: intervals shrink by `escalatedIntervalFactor`. */
  escalated(): boolean;
  /** Failed probes in a row of the service, as the level engine counts them. */
  failures(service: string): number;
  /** The service's latest recorded result. */
  last(service: string): ProbeResult | null;
  /** Probe and record (breaker, level, history). */
  probe(service: string): Promise<unknown>;
  /** Probe without recording: a heartbeat's cheap look between recorded checks. */
  peek(service: ServiceConfig): Promise<ProbeResult>;
  onError(error: unknown): void;
  /** Uniform in [0, 1); injected so tests can pin the jitter. */
  random?: () => number;
}

/**
 * Probes every enabled service on its own interval, besides the scheduled checks: by default every
 * 60 s during the session and its pre-open hour and 300 s outside, heartbeats looked at every 5 s.
 * A failed probe is repeated after `confirmRetrySeconds` until `confirmFailures` confirm it (so a dead
 * critical service halts within about two retries). A service's probes never overlap: the next is
 * armed when one ends. Regular intervals are jittered so services do not probe in lockstep.
 */
export class ServiceWatch {
  private readonly options: ServiceWatchOptions;
  private readonly random: () => number;
  private readonly timers = new Map<string, { at: number; handle: TimerHandle }>();
  private readonly running = new Set<string>();
  private started = false;

  constructor(options: ServiceWatchOptions) {
    this.options = options;
    this.random = options.random ?? Math.random;
  }

  /** Each service gets its first probe within its first interval (at most 10 s away), spread out. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (!this.options.settings().enabled) return;
    for (const service of this.options.services())
      this.arm(service.name, Math.min(10_000, this.delayOf(service)) * this.random());
  }

  stop(): void {
    this.started = false;
    for (const timer of this.timers.values()) timer.handle.cancel();
    this.timers.clear();
  }

  /**
   * The services, the level or the settings changed: new services are armed, removed ones dropped,
   * and a timer further away than its new interval is brought forward (never pushed back).
   */
  refresh(): void {
    if (!this.started) return;
    if (!this.options.settings().enabled) {
      for (const timer of this.timers.values()) timer.handle.cancel();
      this.timers.clear();
      return;
    }
    const now = this.options.clock.now();
    const services = this.options.services();
    const names = new Set(services.map((s) => s.name));
    for (const [name, timer] of this.timers)
      if (!names.has(name)) {
        timer.handle.cancel();
        this.timers.delete(name);
      }
    for (const service of services) {
      if (this.running.has(service.name)) continue;
      const delay = this.delayOf(service);
      const timer = this.timers.get(service.name);
      if (!timer || timer.at > now + delay) this.arm(service.name, delay);
    }
  }

  /** The delay before the next probe of `service`, from now. */
  delayOf(service: ServiceConfig): number {
    const s = this.options.settings();
    const failures = this.options.failures(service.name);
    if (failures > 0 && failures < (service.confirmFailures ?? DEFAULT_CONFIRM_FAILURES))
      return s.confirmRetrySeconds * 1000;
    let base = this.regularMs(service, s);
    if (this.options.escalated())
      base = Math.min(base, Math.max(MIN_ESCALATED_MS, base * s.escalatedIntervalFactor));
    const jitter = (this.random() * 2 - 1) * (s.jitterPct / 100);
    return Math.round(base * (1 + jitter));
  }

  private regularMs(service: ServiceConfig, s: MonitoringSettings): number {
    if (service.intervalSeconds !== undefined) return service.intervalSeconds * 1000;
    if (service.kind === 'heartbeat') return s.heartbeatIntervalSeconds * 1000;
    return this.sessionIntervalMs(s);
  }

  private sessionIntervalMs(s: MonitoringSettings): number {
    const inSession = this.options.inSession(this.options.clock.now(), s.preOpenMinutes * 60_000);
    return (inSession ? s.sessionIntervalSeconds : s.offSessionIntervalSeconds) * 1000;
  }

  private arm(name: string, delay: number): void {
    this.timers.get(name)?.handle.cancel();
    const at = this.options.clock.now() + delay;
    const handle = this.options.clock.setTimer(() => {
      this.timers.delete(name);
      void this.fire(name);
    }, delay);
    this.timers.set(name, { at, handle });
  }

  private async fire(name: string): Promise<void> {
    const service = this.options.services().find((s) => s.name === name);
    if (!service || !this.started || !this.options.settings().enabled || this.running.has(name)) return;
    this.running.add(name);
    try {
      if (!(await this.heartbeatStillFine(service))) await this.options.probe(name);
    } catch (error) {
      this.options.onError(error);
    } finally {
      this.running.delete(name);
      const current = this.options.services().find((s) => s.name === name);
      if (this.started && current && this.options.settings().enabled) this.arm(name, this.delayOf(current));
    }
  }

  /**
   * A heartbeat is looked at every few seconds but recorded only at the session interval, or at
   * once when the look finds it stale: no history row every 5 s for a bot that is beating.
   */
  private async heartbeatStillFine(service: ServiceConfig): Promise<boolean> {
    if (service.kind !== 'heartbeat' || service.intervalSeconds !== undefined) return false;
    const last = this.options.last(service.name);
    const s = this.options.settings();
    if (!last?.ok || this.options.clock.now() - last.at >= this.sessionIntervalMs(s)) return false;
    return (await this.options.peek(service)).ok;
  }
}
