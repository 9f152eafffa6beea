import type { MissedCheck, ScheduledCheck, ScheduledRun } from '../../shared/schedule.ts';
import type { MonitoringSettings } from '../../shared/service-watch.ts';
import type { CheckReason } from '../../shared/status.ts';
import type { Clock } from './clock.ts';
import type { Engine } from './engine.ts';
import type { EventHub } from './events.ts';
import { retryFailedCheckpoint } from './scheduler/checkpoint-retries.ts';
import type { Scheduler } from './scheduler/index.ts';

export interface ScheduledChecksOptions {
  clock: Clock;
  engine: Pick<Engine, 'runCheck' | 'recordMissed' | 'inMaintenance' | 'emitStatus'>;
  events: EventHub;
  monitoring: () => MonitoringSettings;
  log: (message: string) => void;
}

/**
 * What the scheduler's runs and misses do: a scheduled check, its retries when it found failures,
 * and the `checkpoint.failed` event for what still fails (services in maintenance told nothing).
 */
export function scheduledChecks(options: ScheduledChecksOptions) {
  const { clock, engine, events, log } = options;
  return {
    async onRun(run: ScheduledRun): Promise<void> {
      events.emit('schedule.run', run);
      const reason: CheckReason = run.catchUp
        ? 'catch_up'
        : run.checkpoint === 'interval'
          ? 'interval'
          : 'scheduled';
      const first = await engine.runCheck({ reason, checkpoint: run.checkpoint, dueAt: run.dueAt });
      const { checkpointRetries, checkpointRetrySeconds } = options.monitoring();
      if (run.checkpoint === 'interval' || first.results.every((r) => r.ok)) return;
      let failure = await retryFailedCheckpoint(first, run, {
        clock,
        retries: checkpointRetries,
        spacingMs: checkpointRetrySeconds * 1000,
        recheck: (only) => engine.runCheck({ reason: 'scheduled', checkpoint: run.checkpoint, only }),
      });
      if (!failure) return;
      const told = failure.services.filter((s) => !engine.inMaintenance(s.service));
      if (told.length === 0) return;
      failure = { ...failure, services: told };
      log(
        `haltwatch: the ${run.name} check failed after ${failure.attempts} tries: ${failure.services.map((s) => s.service).join(', ')}`,
      );
      events.emit('checkpoint.failed', failure);
    },
    onMissed(miss: MissedCheck): void {
      engine.recordMissed(miss);
      log(`haltwatch: missed the ${miss.checkpoint} check due ${new Date(miss.dueAt).toISOString()}`);
      events.emit('schedule.missed', miss);
      engine.emitStatus();
    },
  };
}

/**
 * The next scheduled check, worked out once and kept until it falls due, the clock goes back, or the
 * schedule moves (`forget`): the board's status is emitted on every change, and each fresh answer
 * walks the calendar days ahead.
 */
export function nextCheckCache(clock: Clock, scheduler: () => Pick<Scheduler, 'upcoming'> | null) {
  let cached: { next: ScheduledCheck | null; at: number } | null = null;
  return {
    get(): ScheduledCheck | null {
      const now = clock.now();
      if (cached && now >= cached.at && (cached.next === null || now < cached.next.dueAt)) return cached.next;
      const found = scheduler();
      if (!found) return null;
      cached = { next: found.upcoming(1)[0] ?? null, at: now };
      return cached.next;
    },
    forget(): void {
      cached = null;
    },
  };
}
