import { z } from 'zod';
import type { SignalCause } from '../../../shared/audit.ts';
import { CRITICALITIES, LEVEL_FOR_OPEN_BREAKER } from '../../../shared/levels.ts';
import type { Criticality, LevelName } from '../../../shared/levels.ts';
import type { ProbeResult } from '../../../shared/probe.ts';
import {
  DEFAULT_CONFIRM_FAILURES,
  latencyCap,
  serviceLatencySchema,
  type ServiceLatency,
} from '../../../shared/service-watch.ts';
import type { ServiceConfig } from '../../../shared/services.ts';
import type { ProbeSignal } from './signals.ts';

/** One signal's pull on the level. */
export interface Contribution {
  level: LevelName;
  cause: SignalCause;
}

interface ServiceHealth {
  criticality: Criticality;
  /** Failed probes in a row (fail or timeout); 0 after a healthy one. */
  failures: number;
  confirmFailures: number;
  latency?: ServiceLatency;
}

export const serviceHealthSerializedSchema = z.array(
  z.tuple([
    z.string(),
    z.object({
      criticality: z.enum(CRITICALITIES),
      failures: z.number().int().nonnegative(),
      confirmFailures: z.number().int().min(1).max(100),
      latency: serviceLatencySchema.optional(),
    }),
  ]),
);
export type ServiceHealthSerialized = z.infer<typeof serviceHealthSerializedSchema>;

/** A latency of a service no probe describes (the bot's own, say): the global thresholds, uncapped. */
const NO_POLICY = { own: undefined, cap: 'HALT' } as const;

/**
 * What the probes say of each watched service, and the level that calls for: a critical service's
 * first failed probe means ALERT at once; `confirmFailures` in a row mean its criticality's level
 * (critical HALT, important THROTTLE, informational ALERT), without waiting for its breaker.
 */
export class ServiceHealthBook {
  private readonly services = new Map<string, ServiceHealth>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  apply(signal: ProbeSignal): void {
    const before = this.services.get(signal.service);
    if (!before && this.services.size >= this.limit) return;
    const failed = signal.outcome !== 'ok';
    this.services.set(signal.service, {
      criticality: signal.criticality,
      failures: failed ? (before?.failures ?? 0) + 1 : 0,
      confirmFailures: signal.confirmFailures,
      ...(signal.latency === undefined ? {} : { latency: signal.latency }),
    });
  }

  failurePull(service: string): Contribution | null {
    const s = this.services.get(service);
    if (!s || s.failures === 0) return null;
    const confirmed = s.failures >= s.confirmFailures;
    if (!confirmed && s.criticality !== 'critical') return null;
    return {
      level: confirmed ? LEVEL_FOR_OPEN_BREAKER[s.criticality] : 'ALERT',
      cause: { signal: 'probe_failures', service, value: s.failures, threshold: s.confirmFailures },
    };
  }

  /** How a latency of this service counts: its own steps, or the global ones up to its criticality's level. */
  latencyPolicy(service: string): { own: ServiceLatency | undefined; cap: LevelName } {
    const s = this.services.get(service);
    return s ? { own: s.latency, cap: latencyCap(s.criticality) } : NO_POLICY;
  }

  names(): IterableIterator<string> {
    return this.services.keys();
  }

  failuresOf(service: string): number {
    return this.services.get(service)?.failures ?? 0;
  }

  forget(service: string): void {
    this.services.delete(service);
  }

  keepOnly(watched: ReadonlySet<string>): void {
    for (const name of [...this.services.keys()]) if (!watched.has(name)) this.services.delete(name);
  }

  serialize(): ServiceHealthSerialized {
    return [...this.services].map(([name, s]) => [name, { ...s }]);
  }

  restore(saved: ServiceHealthSerialized): void {
    for (const [name, s] of saved.slice(0, this.limit)) this.services.set(name, { ...s });
  }
}

/** The level engine's signal for one probe result of `service`; a timeout counts as latency at its timeout. */
export function probeSignalOf(service: ServiceConfig, result: ProbeResult): ProbeSignal {
  const ms = result.outcome === 'timeout' ? Math.max(result.latencyMs, service.timeoutMs) : result.latencyMs;
  return {
    type: 'probe',
    service: service.name,
    criticality: service.criticality,
    outcome: result.outcome,
    ms: Math.min(ms, 3_600_000),
    confirmFailures: service.confirmFailures ?? DEFAULT_CONFIRM_FAILURES,
    ...(service.latency === undefined ? {} : { latency: service.latency }),
  };
}
