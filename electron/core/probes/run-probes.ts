import pLimit from 'p-limit';
import type { ProbeResult } from '../../../shared/probe.ts';
import type { ServiceConfig } from '../../../shared/services.ts';
import type { ProbeContext } from './context.ts';
import { runProbe } from './run-probe.ts';

/** Enough that a check of a typical setup takes as long as its slowest probe. */
export const DEFAULT_PROBE_CONCURRENCY = 16;

export interface RunProbesOptions {
  concurrency?: number;
  /** Called as each result arrives (for live UI updates); a throwing callback is ignored. */
  onResult?: (result: ProbeResult) => void;
}

/** Runs every given service's probe in parallel (bounded); results come back in service order. */
export async function runProbes(
  services: readonly ServiceConfig[],
  ctx: ProbeContext,
  options: RunProbesOptions = {},
): Promise<ProbeResult[]> {
  const concurrency = options.concurrency ?? DEFAULT_PROBE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const limit = pLimit(concurrency);
  return Promise.all(
    services.map((service) =>
      limit(async () => {
        const result = await runProbe(service, ctx);
        try {
          options.onResult?.(result);
        } catch {
          // the listener's problem; the check goes on
        }
        return result;
      }),
    ),
  );
}
