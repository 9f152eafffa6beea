import type { AuditEvent } from '../../shared/audit.ts';
import type { BreakerSerialized } from '../../shared/breaker.ts';
import type { BreakerStateName } from '../../shared/levels.ts';
import type { ProbeResult } from '../../shared/probe.ts';
import { breakerConfigFor, type ServiceConfig } from '../../shared/services.ts';
import type { ServiceBreakerView } from '../../shared/status.ts';
import { CircuitBreaker, type BreakerPermit, type BreakerTransition } from './breaker/index.ts';
import type { Clock, TimerHandle } from './clock.ts';
import { errorMessage } from '../../shared/errors.ts';

/** A trial that succeeded without closing the breaker is followed by the next one this soon. */
const NEXT_TRIAL_DELAY_MS = 1_000;

export interface ServiceBreakersOptions {
  restore?: Record<string, BreakerSerialized>;
  onAudit(event: AuditEvent): void;
  onBreakerState(service: ServiceConfig, state: BreakerStateName): void;
  /** The breaker of this service admits a trial now: probe it. */
  onTrialDue(service: string): void;
  log(message: string): void;
}

/**
 * One circuit breaker per service, fed by probe results. While a breaker is open a timer waits for
 * its trial time, so a service that recovered is retried without waiting for the next check.
 */
export class ServiceBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly trialTimers = new Map<string, TimerHandle>();
  private readonly clock: Clock;
  private readonly options: ServiceBreakersOptions;

  constructor(services: ServiceConfig[], clock: Clock, options: ServiceBreakersOptions) {
    this.clock = clock;
    this.options = options;
    for (const service of services) {
      const breaker = this.build(service);
      this.breakers.set(service.name, breaker);
      this.options.onBreakerState(service, breaker.state);
      this.armTrial(service.name);
    }
  }

  /** Permits for the services about to be probed; null where the breaker is open. */
  acquire(services: ServiceConfig[]): Map<string, BreakerPermit | null> {
    return new Map(services.map((s) => [s.name, this.breakers.get(s.name)?.tryAcquire() ?? null]));
  }

  /** A result counts only through its permit: an open breaker is not moved by probes it did not admit. */
  record(result: ProbeResult, permit: BreakerPermit | null | undefined): void {
    if (!permit) return;
    if (result.ok) permit.success(result.latencyMs);
    else permit.failure(result.reason);
    this.armTrial(result.service);
  }

  isolate(name: string, reason: string, actor: string): void {
    this.breakers.get(name)?.isolate(reason, actor);
  }

  reset(name: string, reason: string, actor: string): void {
    this.breakers.get(name)?.reset(reason, actor);
  }

  /** Resets every breaker (each audited with the reason); returns the services reset. */
  resetAll(reason: string, actor: string): string[] {
    for (const breaker of this.breakers.values()) breaker.reset(reason, actor);
    return [...this.breakers.keys()];
  }

  view(name: string): ServiceBreakerView {
    const snapshot = this.breakers.get(name)?.snapshot();
    return {
      state: snapshot?.state ?? 'CLOSED',
      consecutiveFailures: snapshot?.consecutiveFailures ?? 0,
      openedAt: snapshot?.openedAt ?? null,
      nextTrialAt: snapshot?.nextTrialAt ?? null,
    };
  }

  serialize(): Record<string, BreakerSerialized> {
    return Object.fromEntries([...this.breakers].map(([name, breaker]) => [name, breaker.serialize()]));
  }

  dispose(): void {
    for (const timer of this.trialTimers.values()) timer.cancel();
    this.trialTimers.clear();
  }

  private build(service: ServiceConfig): CircuitBreaker {
    const options = {
      name: service.name,
      onTransition: (t: BreakerTransition) => {
        this.options.onAudit({
          kind: 'breaker',
          service: service.name,
          at: t.at,
          from: t.from,
          to: t.to,
          cause: t.cause,
          reason: t.reason,
          actor: t.actor,
        });
        this.options.onBreakerState(service, t.to);
        this.armTrial(service.name);
      },
    };
    const config = breakerConfigFor(service);
    const saved = this.options.restore?.[service.name];
    if (saved) {
      try {
        return new CircuitBreaker(config, this.clock, { ...options, restore: saved });
      } catch (error) {
        this.options.log(
          `haltwatch: the saved breaker of "${service.name}" was not usable, starting closed: ${errorMessage(error)}`,
        );
      }
    }
    return new CircuitBreaker(config, this.clock, options);
  }

  private armTrial(name: string): void {
    this.trialTimers.get(name)?.cancel();
    this.trialTimers.delete(name);
    const snapshot = this.breakers.get(name)?.snapshot();
    if (!snapshot) return;
    let at: number | null = null;
    if (snapshot.state === 'OPEN') at = snapshot.nextTrialAt;
    else if (snapshot.state === 'HALF_OPEN' && snapshot.trialsInFlight === 0)
      at = this.clock.now() + NEXT_TRIAL_DELAY_MS;
    if (at === null) return;
    this.trialTimers.set(
      name,
      this.clock.setTimer(() => {
        this.trialTimers.delete(name);
        this.options.onTrialDue(name);
      }, at - this.clock.now()),
    );
  }
}
