import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BREAKER_STATES, LEVELS, type BreakerStateName, type LevelName } from '../../../shared/levels.ts';
import type { CallOutcome } from '../../../shared/contract.ts';
import { GATE_ACTIONS, type GateAction, type GateAnswer } from '../../../shared/gate.ts';
import type { Report } from '../../../shared/reports.ts';
import type { Dispatch } from '../dispatcher.ts';
import type { EventHub } from '../events.ts';

export interface MetricsState {
  level: LevelName;
  breakers: { service: string; state: BreakerStateName }[];
  /** Since start: failures each breaker recorded, and its transitions by target state. */
  breakerFailures?: { service: string; count: number }[];
  breakerTransitions?: { service: string; to: BreakerStateName; count: number }[];
}

export interface MetricsOptions {
  events: EventHub;
  /** Read at scrape time, so the level and breaker gauges are never stale. */
  state: () => MetricsState;
}

export interface HaltwatchMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The Prometheus text exposition. */
  text(): Promise<string>;
  /** The same dispatcher, counting gate decisions and accepted reports whichever transport called. */
  counting(dispatch: Dispatch): Dispatch;
  /** Stops listening to the engine's events. */
  close(): void;
}

const PROBE_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Names follow the house rules: one prefix, base units, `_total` on counters, states one-hot. */
export function createMetrics(options: MetricsOptions): HaltwatchMetrics {
  const registry = new Registry();
  new Gauge({
    name: 'haltwatch_level',
    help: 'The trading level, one-hot: 1 for the current level.',
    labelNames: ['level'],
    registers: [registry],
    collect() {
      const { level } = options.state();
      for (const name of LEVELS) this.set({ level: name }, name === level ? 1 : 0);
    },
  });
  new Gauge({
    name: 'haltwatch_level_rank',
    help: 'The trading level as a number: 0 NORMAL, 1 ALERT, 2 THROTTLE, 3 HALT, 4 SHUTDOWN.',
    registers: [registry],
    collect() {
      this.set(LEVELS.indexOf(options.state().level));
    },
  });
  new Gauge({
    name: 'haltwatch_breaker_state',
    help: 'Each service breaker state, one-hot: 1 for the current state.',
    labelNames: ['service', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const breaker of options.state().breakers) {
        for (const state of BREAKER_STATES) {
          this.set({ service: breaker.service, state: state.toLowerCase() }, state === breaker.state ? 1 : 0);
        }
      }
    },
  });
  new Counter({
    name: 'haltwatch_breaker_failures_total',
    help: 'Failures each service breaker recorded since start.',
    labelNames: ['service'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { service, count } of options.state().breakerFailures ?? []) this.inc({ service }, count);
    },
  });
  new Counter({
    name: 'haltwatch_breaker_transitions_total',
    help: 'Service breaker state changes since start, by the state entered.',
    labelNames: ['service', 'to'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { service, to, count } of options.state().breakerTransitions ?? [])
        this.inc({ service, to: to.toLowerCase() }, count);
    },
  });
  const lastCheck = new Gauge({
    name: 'haltwatch_last_check_timestamp_seconds',
    help: 'When the last check of each checkpoint (or reason when unscheduled) finished, Unix seconds; alert when it grows old.',
    labelNames: ['checkpoint'],
    registers: [registry],
  });
  const probeDuration = new Histogram({
    name: 'haltwatch_probe_duration_seconds',
    help: 'How long each probe took, by service.',
    labelNames: ['service'],
    buckets: PROBE_BUCKETS_SECONDS,
    registers: [registry],
  });
  const checks = new Counter({
    name: 'haltwatch_checks_total',
    help: 'Finished checks by checkpoint (or reason when unscheduled) and result.',
    labelNames: ['checkpoint', 'result'],
    registers: [registry],
  });
  const schedulerLag = new Gauge({
    name: 'haltwatch_scheduler_lag_seconds',
    help: 'How late the last scheduled check started.',
    registers: [registry],
  });
  const reports = new Counter({
    name: 'haltwatch_reports_total',
    help: 'Bot reports accepted, by type.',
    labelNames: ['type'],
    registers: [registry],
  });
  // Counted in plain numbers and labelled at scrape time: the gate is asked before every order, and
  // prom-client hashes the label set on every inc(). Every series exists from the start, at 0.
  const gateCounts = Object.fromEntries(
    GATE_ACTIONS.map((action) => [action, { true: 0, false: 0 }]),
  ) as Record<GateAction, Record<'true' | 'false', number>>;
  new Counter({
    name: 'haltwatch_gate_decisions_total',
    help: 'Gate answers by action and whether the action was allowed.',
    labelNames: ['action', 'allowed'],
    registers: [registry],
    collect() {
      this.reset();
      for (const action of GATE_ACTIONS)
        for (const allowed of ['true', 'false'] as const)
          this.inc({ action, allowed }, gateCounts[action][allowed]);
    },
  });

  const unsubscribe = [
    options.events.on('check.finished', (run) => {
      for (const result of run.results)
        probeDuration.observe({ service: result.service }, result.latencyMs / 1000);
      const healthy = run.results.every((r) => r.ok);
      const checkpoint = run.checkpoint ?? run.reason;
      checks.inc({ checkpoint, result: healthy ? 'healthy' : 'unhealthy' });
      lastCheck.set({ checkpoint }, (run.finishedAt ?? run.startedAt) / 1000);
    }),
    options.events.on('schedule.run', (run) => schedulerLag.set(Math.max(0, run.lagMs) / 1000)),
  ];

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    counting(dispatch) {
      const count = (name: unknown, input: unknown, outcome: CallOutcome) => {
        if (!outcome.ok) return outcome;
        if (name === 'gate.decide') {
          const { action } = input as { action: GateAction };
          gateCounts[action][(outcome.result as GateAnswer).allowed ? 'true' : 'false'] += 1;
        } else if (name === 'reports.submit') {
          const byType = new Map<string, number>();
          for (const report of (input as { reports: Report[] }).reports)
            byType.set(report.type, (byType.get(report.type) ?? 0) + 1);
          for (const [type, n] of byType) reports.inc({ type }, n);
        }
        return outcome;
      };
      return (name, input, context) => {
        const outcome = dispatch(name, input, context);
        return outcome instanceof Promise
          ? outcome.then((settled) => count(name, input, settled))
          : count(name, input, outcome);
      };
    },
    close() {
      for (const stop of unsubscribe) stop();
    },
  };
}
