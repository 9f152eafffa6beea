import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics, type MetricsState } from '../../../electron/core/api/metrics.ts';
import type { Dispatch } from '../../../electron/core/dispatcher.ts';
import { EventHub } from '../../../electron/core/events.ts';

function setup(state: MetricsState) {
  const events = new EventHub();
  const metrics = createMetrics({ events, state: () => state });
  return { events, metrics };
}

const run = (ok: boolean, checkpoint: string | null) => ({
  id: 1,
  reason: 'scheduled' as const,
  checkpoint,
  startedAt: 0,
  finishedAt: 1,
  results: [
    {
      service: 'broker',
      kind: 'http',
      outcome: ok ? ('ok' as const) : ('fail' as const),
      ok,
      latencyMs: 40,
      reason: '',
      at: 0,
    },
  ],
});

describe('the metrics', () => {
  it('show the level and each breaker one-hot, read at scrape time', async () => {
    const state: MetricsState = { level: 'HALT', breakers: [{ service: 'broker', state: 'OPEN' }] };
    const { metrics } = setup(state);
    let text = await metrics.text();
    expect(text).toContain('haltwatch_level{level="HALT"} 1');
    expect(text).toContain('haltwatch_level{level="NORMAL"} 0');
    expect(text).toContain('haltwatch_level_rank 3');
    expect(text).toContain('haltwatch_breaker_state{service="broker",state="open"} 1');
    expect(text).toContain('haltwatch_breaker_state{service="broker",state="closed"} 0');
    state.level = 'NORMAL';
    state.breakers = [];
    text = await metrics.text();
    expect(text).toContain('haltwatch_level{level="NORMAL"} 1');
    expect(text).not.toContain('service="broker",state=');
  });

  it('count checks, probe durations and scheduler lag from the engine events', async () => {
    const { events, metrics } = setup({ level: 'NORMAL', breakers: [] });
    events.emit('check.finished', run(true, 'market_open'));
    events.emit('check.finished', run(false, null));
    events.emit('schedule.run', { lagMs: 1500 } as never);
    const text = await metrics.text();
    expect(text).toContain('haltwatch_checks_total{checkpoint="market_open",result="healthy"} 1');
    expect(text).toContain('haltwatch_checks_total{checkpoint="scheduled",result="unhealthy"} 1');
    expect(text).toContain('haltwatch_probe_duration_seconds_bucket{le="0.05",service="broker"} 2');
    expect(text).toContain('haltwatch_probe_duration_seconds_count{service="broker"} 2');
    expect(text).toContain('haltwatch_scheduler_lag_seconds 1.5');
    metrics.close();
    events.emit('check.finished', run(true, 'market_open'));
    expect(await metrics.text()).toContain(
      'haltwatch_checks_total{checkpoint="market_open",result="healthy"} 1',
    );
  });

  it('count breaker failures and transitions, and tell when each checkpoint last ran', async () => {
    const state: MetricsState = {
      level: 'HALT',
      breakers: [{ service: 'broker', state: 'OPEN' }],
      breakerFailures: [{ service: 'broker', count: 3 }],
      breakerTransitions: [
        { service: 'broker', to: 'OPEN', count: 2 },
        { service: 'broker', to: 'HALF_OPEN', count: 1 },
      ],
    };
    const { events, metrics } = setup(state);
    events.emit('check.finished', { ...run(false, 'market_open'), finishedAt: 1_795_444_200_000 });
    events.emit('check.finished', { ...run(true, null), reason: 'interval', finishedAt: 1_795_444_260_500 });
    let text = await metrics.text();
    expect(text).toContain('haltwatch_breaker_failures_total{service="broker"} 3');
    expect(text).toContain('haltwatch_breaker_transitions_total{service="broker",to="open"} 2');
    expect(text).toContain('haltwatch_breaker_transitions_total{service="broker",to="half_open"} 1');
    expect(text).toContain('haltwatch_last_check_timestamp_seconds{checkpoint="market_open"} 1795444200');
    expect(text).toContain('haltwatch_last_check_timestamp_seconds{checkpoint="interval"} 1795444260.5');
    state.breakerFailures = [{ service: 'broker', count: 4 }];
    text = await metrics.text();
    expect(text).toContain('haltwatch_breaker_failures_total{service="broker"} 4');
  });

  it('count gate answers and accepted reports, not refused ones', async () => {
    const { metrics } = setup({ level: 'NORMAL', breakers: [] });
    const inner: Dispatch = async (name, input) =>
      name === 'gate.decide'
        ? { ok: true, result: { allowed: (input as { action: string }).action !== 'open' } }
        : (input as { reports: unknown[] }).reports.length > 2
          ? { ok: false, error: { code: 'invalid_input', message: 'no' } }
          : { ok: true, result: { accepted: 2 } };
    const dispatch = metrics.counting(inner);
    const ctx = { actor: 'test', commandsAndSecrets: true };
    await dispatch('gate.decide', { action: 'open' }, ctx);
    await dispatch('gate.decide', { action: 'close' }, ctx);
    await dispatch('reports.submit', { reports: [{ type: 'pnl' }, { type: 'pnl' }] }, ctx);
    await dispatch(
      'reports.submit',
      { reports: [{ type: 'latency' }, { type: 'latency' }, { type: 'latency' }] },
      ctx,
    );
    const text = await metrics.text();
    expect(text).toContain('haltwatch_gate_decisions_total{action="open",allowed="false"} 1');
    expect(text).toContain('haltwatch_gate_decisions_total{action="close",allowed="true"} 1');
    expect(text).toContain('haltwatch_reports_total{type="pnl"} 2');
    expect(text).not.toContain('haltwatch_reports_total{type="latency"}');
  });

  it('count synchronous answers at once, and show every gate series from the start', async () => {
    const { metrics } = setup({ level: 'NORMAL', breakers: [] });
    expect(await metrics.text()).toContain(
      'haltwatch_gate_decisions_total{action="cancel",allowed="true"} 0',
    );
    const dispatch = metrics.counting(() => ({ ok: true, result: { allowed: false } }));
    const outcome = dispatch(
      'gate.decide',
      { action: 'increase' },
      { actor: 'test', commandsAndSecrets: true },
    );
    expect(outcome).toEqual({ ok: true, result: { allowed: false } });
    expect(await metrics.text()).toContain(
      'haltwatch_gate_decisions_total{action="increase",allowed="false"} 1',
    );
  });
});

function readDashboard() {
  const file = path.join(import.meta.dirname, '../../../resources/grafana-dashboard.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { panels: { targets: { expr: string }[] }[] };
}

describe('the Grafana dashboard', () => {
  it('queries only metrics Haltwatch exports', async () => {
    const { metrics } = setup({ level: 'NORMAL', breakers: [] });
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const used = readDashboard().panels.flatMap((p) =>
      p.targets.flatMap((t) => t.expr.match(/haltwatch_\w+/g) ?? []),
    );
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) expect(exported, name).toContain(name.replace(/_(bucket|count|sum)$/, ''));
  });

  it('does arithmetic only on aggregated series, whose labels match on both sides', () => {
    // PromQL pairs the two sides of `+` by their full label sets: raw selectors that differ in a
    // label (state="open" and state="half_open") never pair, and the panel stays empty.
    const rawSelectorBesideOperator =
      /haltwatch_\w+(\{[^}]*\})?\s*[-+*/]\s|\s[-+*/]\s*(\d+\s*\*\s*)?haltwatch_\w+/;
    const expressions = readDashboard().panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(expressions.some((e) => /\)\s*[-+*/]\s/.test(e))).toBe(true);
    for (const expr of expressions) expect(expr).not.toMatch(rawSelectorBesideOperator);
  });
});
