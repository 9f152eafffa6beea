import type { BreakerStateName } from '../../shared/levels.ts';

/** Failures each breaker recorded and the transitions it made, since start, for /metrics. */
export class BreakerCounters {
  private readonly failures = new Map<string, number>();
  private readonly transitions = new Map<string, { service: string; to: BreakerStateName; count: number }>();

  failure(service: string): void {
    this.failures.set(service, (this.failures.get(service) ?? 0) + 1);
  }

  transition(service: string, to: BreakerStateName): void {
    const key = `${service}\u0000${to}`;
    const entry = this.transitions.get(key) ?? { service, to, count: 0 };
    entry.count++;
    this.transitions.set(key, entry);
  }

  failureCounts(): { service: string; count: number }[] {
    return [...this.failures].map(([service, count]) => ({ service, count }));
  }

  transitionCounts(): { service: string; to: BreakerStateName; count: number }[] {
    return [...this.transitions.values()].map((e) => ({ ...e }));
  }
}
