import type { ProbeResult } from '../../../shared/probe.ts';
import type { CheckpointFailure } from '../../../shared/schedule.ts';
import type { CheckRunView } from '../../../shared/status.ts';
import type { Clock } from '../clock.ts';

export interface CheckpointRetryOptions {
  clock: Clock;
  retries: number;
  spacingMs: number;
  /** Probe these services again (recorded as a check of the same checkpoint). */
  recheck(services: string[]): Promise<CheckRunView>;
}

const wait = (clock: Clock, ms: number) => new Promise<void>((resolve) => clock.setTimer(resolve, ms));

/**
 * A scheduled checkpoint whose check found failed services tries them again, `retries` times
 * `spacingMs` apart; only what still fails after the last try makes the checkpoint failed. A
 * service that passes a retry is not tried again. Returns null when every service came back.
 */
export async function retryFailedCheckpoint(
  run: CheckRunView,
  scheduled: { checkpoint: string; name: string; priority: number; dueAt: number },
  options: CheckpointRetryOptions,
): Promise<CheckpointFailure | null> {
  let failed: ProbeResult[] = run.results.filter((r) => !r.ok);
  let attempts = 1;
  for (let i = 0; i < options.retries && failed.length > 0; i++) {
    await wait(options.clock, options.spacingMs);
    const tried = new Set(failed.map((r) => r.service));
    const again = await options.recheck([...tried]);
    attempts++;
    // A check already running may have answered for more services than were tried.
    failed = again.results.filter((r) => !r.ok && tried.has(r.service));
  }
  if (failed.length === 0) return null;
  return {
    name: scheduled.name,
    checkpoint: scheduled.checkpoint,
    priority: scheduled.priority,
    dueAt: scheduled.dueAt,
    attempts,
    failedAt: options.clock.now(),
    services: failed.map((r) => ({ service: r.service, reason: r.reason })),
  };
}
