import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe, runProbes } from '../../../electron/core/probes/index.ts';
import type { ProbeResult } from '../../../shared/probe.ts';
import type { ServiceConfig } from '../../../shared/services.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { context, service } from './kit.ts';

let slow: HttpFixture;
beforeAll(async () => {
  slow = await startHttpFixture({ mode: { slowMs: 150 } });
});
afterAll(() => slow.stop());

const slowServices = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    service({ kind: 'http', name: `svc-${i}`, url: `${slow.url}?i=${i}` }),
  );

describe('runProbes', () => {
  it('runs probes in parallel: a check takes about as long as its slowest probe', async () => {
    const started = performance.now();
    const results = await runProbes(slowServices(6), context());
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(elapsed).toBeLessThan(6 * 150 * 0.5); // serial would be 900 ms
  });

  it('returns results in service order and reports each as it arrives', async () => {
    const services = [
      service({ kind: 'heartbeat', name: 'bot' }),
      ...slowServices(2),
      service({ kind: 'command', name: 'quick', command: 'true' }),
    ];
    const seen: string[] = [];
    const results = await runProbes(services, context(), {
      onResult: (r) => {
        seen.push(r.service);
        throw new Error('a broken listener must not break the check');
      },
    });
    expect(results.map((r) => r.service)).toEqual(['bot', 'svc-0', 'svc-1', 'quick']);
    expect(seen).toHaveLength(4);
    expect(seen.indexOf('quick')).toBeLessThan(seen.indexOf('svc-0'));
  });

  it('honours the concurrency limit', async () => {
    const started = performance.now();
    await runProbes(slowServices(4), context(), { concurrency: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * 150 - 20);
    await expect(runProbes([], context(), { concurrency: 0 })).rejects.toThrow(
      'concurrency must be a whole number ≥ 1, got 0',
    );
  });

  it('stamps each result with the clock time at its start', async () => {
    const clock = new ManualClock('2026-03-10T15:00:00Z');
    const [result] = await runProbes([service({ kind: 'heartbeat', name: 'bot' })], context({ clock }));
    expect(result?.at).toBe(Date.parse('2026-03-10T15:00:00Z'));
  });

  it('fails the unfinished probes when the check is cancelled', async () => {
    slow.setMode('hang');
    try {
      const controller = new AbortController();
      const pending = runProbes(slowServices(2), context({ signal: controller.signal }));
      await slow.nextConnection();
      controller.abort();
      const results = await pending;
      expect(results.map((r) => [r.outcome, r.reason])).toEqual([
        ['fail', 'check was cancelled before this probe finished'],
        ['fail', 'check was cancelled before this probe finished'],
      ]);
    } finally {
      slow.setMode({ slowMs: 150 });
    }
  });

  it('never throws, whatever it is given', async () => {
    const bogus = [
      { name: 'odd', kind: 'carrier_pigeon', timeoutMs: 100 },
      null,
      { name: 'broken-url', kind: 'http', url: 'not a url', timeoutMs: 100 },
    ] as unknown as ServiceConfig[];
    const results: ProbeResult[] = await runProbes(bogus, context());
    expect(results.map((r) => r.outcome)).toEqual(['fail', 'fail', 'fail']);
    expect(results[0]?.reason).toBe('unknown service kind "carrier_pigeon"');
    expect(results[1]?.service).toBe('(unnamed)');
    const single = await runProbe(bogus[2] as ServiceConfig, context());
    expect(single.reason).toBe('Invalid URL');
  });
});
