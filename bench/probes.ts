/**
 * A check's wall time is its slowest probe, not the sum: 10 HTTP probes against a local server
 * that answers each after 200 ms must finish in under 300 ms.
 */
import { systemClock } from '../electron/core/clock.ts';
import { HeartbeatBook, runProbes } from '../electron/core/probes/index.ts';
import { staticSecrets } from '../electron/core/secrets/index.ts';
import { validateService, type ServiceConfig } from '../shared/services.ts';
import { startHttpFixture } from '../test/helpers/servers/http-fixture.ts';

const PROBES = 10;
const DELAY_MS = 200;
const TARGET_MS = 300;
const RUNS = 7;

export async function run(): Promise<void> {
  const server = await startHttpFixture({ mode: { slowMs: DELAY_MS } });
  try {
    const services = Array.from({ length: PROBES }, (_, i) => {
      const parsed = validateService({
        name: `slow-${i}`,
        kind: 'http',
        url: `${server.url}?i=${i}`,
        timeoutMs: 2000,
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.service;
    }) satisfies ServiceConfig[];
    const ctx = { clock: systemClock, secrets: staticSecrets({}), heartbeats: new HeartbeatBook() };
    await runProbes(services, ctx); // warm-up: module loading, JIT
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const results = await runProbes(services, ctx);
      times.push(performance.now() - started);
      if (!results.every((r) => r.ok))
        throw new Error(`a probe failed: ${JSON.stringify(results.find((r) => !r.ok))}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)] ?? Number.NaN;
    const worst = times[RUNS - 1] ?? Number.NaN;
    const serial = PROBES * DELAY_MS;
    console.log(`${PROBES} probes × ${DELAY_MS} ms, ${RUNS} checks`);
    console.log(`  median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms (target < ${TARGET_MS} ms)`);
    console.log(
      `  median / slowest probe: ${(median / DELAY_MS).toFixed(2)}×; serial would take ${serial} ms (${(serial / median).toFixed(1)}× longer)`,
    );
    console.log(
      `  ${worst < TARGET_MS ? 'PASS' : 'FAIL'}: worst check ${worst < TARGET_MS ? 'under' : 'over'} ${TARGET_MS} ms`,
    );
  } finally {
    await server.stop();
  }
}
