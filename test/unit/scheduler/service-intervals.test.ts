import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../shared/probe.ts';
import { DEFAULT_MONITORING, type MonitoringSettings } from '../../../shared/service-watch.ts';
import { serviceSchema, type ServiceConfig, type ServiceInput } from '../../../shared/services.ts';
import { ServiceWatch } from '../../../electron/core/scheduler/service-intervals.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

const service = (input: Partial<ServiceInput> & { name: string }): ServiceConfig =>
  serviceSchema.parse({ kind: 'tcp', host: '127.0.0.1', port: 9, ...input } as ServiceInput);

function setup(
  services: ServiceConfig[],
  options: {
    settings?: Partial<MonitoringSettings>;
    inSession?: boolean;
    probeMs?: number;
    outcome?: (name: string) => boolean;
  } = {},
) {
  const clock = new ManualClock(0);
  const settings = { ...DEFAULT_MONITORING, jitterPct: 0, ...options.settings };
  const probes: string[] = [];
  const peeks: string[] = [];
  const failures = new Map<string, number>();
  const last = new Map<string, ProbeResult>();
  const state = { escalated: false, inSession: options.inSession ?? true, overlapping: 0, running: 0 };
  const result = (name: string, ok: boolean): ProbeResult => ({
    service: name,
    kind: 'tcp',
    outcome: ok ? 'ok' : 'fail',
    ok,
    latencyMs: 1,
    reason: ok ? 'up' : 'down',
    at: clock.now(),
  });
  const watch = new ServiceWatch({
    clock,
    settings: () => settings,
    services: () => services,
    inSession: () => state.inSession,
    escalated: () => state.escalated,
    failures: (name) => failures.get(name) ?? 0,
    last: (name) => last.get(name) ?? null,
    probe: async (name) => {
      probes.push(`${clock.now() / 1000}s ${name}`);
      state.running++;
      if (state.running > 1) state.overlapping++;
      if (options.probeMs) await new Promise<void>((resolve) => clock.setTimer(resolve, options.probeMs!));
      state.running--;
      const ok = options.outcome?.(name) ?? true;
      failures.set(name, ok ? 0 : (failures.get(name) ?? 0) + 1);
      last.set(name, result(name, ok));
    },
    peek: async (s) => {
      peeks.push(`${clock.now() / 1000}s ${s.name}`);
      return result(s.name, options.outcome?.(s.name) ?? true);
    },
    onError: (error) => {
      throw error;
    },
    random: () => 0.5,
  });
  /** Moves time in 0.5 s steps, letting each probe's promise settle between them. */
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 500) {
      clock.advance(Math.min(500, ms - t));
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
  };
  return { clock, watch, probes, peeks, state, settings, advance };
}

describe('ServiceWatch', () => {
  it('probes every 60 s in session and every 300 s outside, first within 10 s of start', async () => {
    const { watch, probes, state, advance } = setup([service({ name: 'broker' })]);
    watch.start();
    await advance(130_000);
    expect(probes).toEqual(['5s broker', '65s broker', '125s broker']);
    state.inSession = false;
    probes.length = 0;
    await advance(700_000);
    expect(probes).toEqual(['185s broker', '485s broker', '785s broker']);
  });

  it('follows a service’s own intervalSeconds', async () => {
    const { watch, probes, advance } = setup([service({ name: 'db', intervalSeconds: 20 })]);
    watch.start();
    await advance(60_000);
    expect(probes).toEqual(['5s db', '25s db', '45s db']);
  });

  it('probes a failed service again after 10 s until confirmFailures confirm it, then at its interval', async () => {
    const { watch, probes, advance } = setup([service({ name: 'broker', confirmFailures: 3 })], {
      outcome: () => false,
    });
    watch.start();
    await advance(90_000);
    expect(probes).toEqual(['5s broker', '15s broker', '25s broker', '85s broker']);
  });

  it('shortens intervals at ALERT or worse, bringing a far timer forward but never pushing one back', async () => {
    const { watch, probes, state, advance } = setup([service({ name: 'broker' })]);
    watch.start();
    await advance(10_000);
    state.escalated = true;
    watch.refresh();
    await advance(40_000);
    expect(probes).toEqual(['5s broker', '25s broker', '40s broker']);
  });

  it('never overlaps a service’s own probes, even when a probe outlasts its interval', async () => {
    const { watch, probes, state, advance } = setup([service({ name: 'slow', intervalSeconds: 5 })], {
      probeMs: 12_000,
    });
    watch.start();
    watch.refresh();
    await advance(60_000);
    expect(state.overlapping).toBe(0);
    expect(probes.length).toBeGreaterThanOrEqual(3);
  });

  it('looks at a heartbeat every 5 s but records it only at the session interval or when it goes stale', async () => {
    let beating = true;
    const { watch, probes, peeks, advance } = setup(
      [serviceSchema.parse({ name: 'bot', kind: 'heartbeat' })],
      {
        outcome: () => beating,
      },
    );
    watch.start();
    await advance(70_000);
    expect(probes).toEqual(['2.5s bot', '62.5s bot']);
    expect(peeks.length).toBeGreaterThanOrEqual(10);
    beating = false;
    await advance(5_000);
    expect(probes.at(-1)).toBe('72.5s bot');
  });

  it('jitters each regular interval within ±jitterPct', () => {
    const { watch, settings } = setup([]);
    settings.jitterPct = 10;
    const s = service({ name: 'x' });
    const delays = [0, 0.25, 0.5, 0.999].map((r) => {
      (watch as unknown as { random: () => number }).random = () => r;
      return watch.delayOf(s);
    });
    expect(delays).toEqual([54_000, 57_000, 60_000, 65_988]);
  });

  it('stops probing when monitoring is turned off, and forgets removed services', async () => {
    const services = [service({ name: 'a' }), service({ name: 'b' })];
    const { watch, probes, settings, advance } = setup(services);
    watch.start();
    await advance(6_000);
    services.pop();
    watch.refresh();
    await advance(60_000);
    expect(probes).toEqual(['5s a', '5s b', '65s a']);
    settings.enabled = false;
    watch.refresh();
    await advance(120_000);
    expect(probes).toEqual(['5s a', '5s b', '65s a']);
  });
});
