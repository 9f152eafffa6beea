import type { ProbeResult } from '../../../shared/probe.ts';
import type { Store } from '../../../electron/core/store/index.ts';

export interface SeedChecks {
  from: number;
  count: number;
  everyMs: number;
  services: readonly string[];
  /** latency of `service` at check `i`; null: the probe failed */
  latency(i: number, service: string): number | null;
}

/** Writes `count` checks of `services` straight into the store, as the monitor would have. */
export function seedChecks(store: Store, seed: SeedChecks): void {
  store.batch(() => {
    for (let i = 0; i < seed.count; i++) {
      const at = seed.from + i * seed.everyMs;
      const id = store.beginCheck({ reason: 'interval', startedAt: at });
      const results: ProbeResult[] = seed.services.map((service) => {
        const ms = seed.latency(i, service);
        return {
          service,
          kind: 'http',
          outcome: ms === null ? 'fail' : 'ok',
          ok: ms !== null,
          latencyMs: ms ?? 5,
          reason: ms === null ? 'HTTP 500' : 'HTTP 200',
          at,
        };
      });
      store.finishCheck(id, { finishedAt: at + 10, results });
    }
  });
}

/** A small deterministic generator, so a failing case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
