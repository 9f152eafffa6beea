import { z } from 'zod';
import { ALERTING_CHECKPOINTS, scheduleEntriesSchema } from '../../../shared/schedule.ts';
import { ConfigError, parseOrThrow } from '../../../shared/errors.ts';
import { issueTexts } from '../../../shared/validation.ts';
import type {
  MissedCheck,
  ScheduleEntry,
  ScheduleEntryInput,
  ScheduledCheck,
  ScheduledRun,
} from '../../../shared/schedule.ts';
import type { ExchangeCalendar } from '../calendar/exchange-calendar.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { computeSchedule } from './compute-schedule.ts';

/**
 * Runs checks at their due instants with exactly one timer armed: the one for the next due check.
 * Nothing runs between due instants (no polling loop).
 *
 * Sleep and clock jumps: timers count monotonic time, which stops while the machine sleeps and does
 * not follow wall-clock corrections; due instants are wall-clock (UTC) instants. So every time the
 * timer fires the scheduler re-reads `clock.now()`:
 * - fired later than due by more than `lateToleranceMs` → the machine slept or the clock jumped
 *   forward: everything due since the last handled instant is examined (see `settle`);
 * - fired before the due instant → the clock jumped back: re-arm for the remaining time, run nothing;
 * - `resync('resume' | 'clock_jump')` does the same examination at once; Electron's powerMonitor
 *   `resume` calls it so a sleep is caught on wake rather than when the stale timer fires.
 * Headless mode has no resume event: the timer firing late is the detector. `maxTimerMs` caps one
 * arming (Node's own limit is ~24.8 days); a headless root that wants forward jumps noticed sooner can
 * lower it, at the cost of a no-op wake-up per `maxTimerMs` while idle.
 *
 * Examination after a sleep or jump: checks past their expiry are reported missed (an alert for
 * market open/close); of those still within expiry one runs (with `catchUp`), highest priority first,
 * then the newest, standing in for the others; without `catchUp` they are reported missed too.
 * A watermark of the last handled instant guarantees nothing runs twice, even if the clock goes back.
 */
export interface SchedulerOptions {
  clock: Clock;
  calendar: ExchangeCalendar;
  entries: readonly ScheduleEntryInput[];
  /** Run a check that was missed (sleep, clock jump) but is still within its expiry; default true. */
  catchUp?: boolean;
  /** A timer firing later than this after its due instant counts as a sleep or clock jump; default 5000. */
  lateToleranceMs?: number;
  /** Longest single timer; default 2^31 − 1 ms (the most setTimeout accepts). */
  maxTimerMs?: number;
  onRun(run: ScheduledRun): void | Promise<void>;
  onMissed(miss: MissedCheck): void;
  /** A callback threw or its promise rejected; the scheduler itself carries on. */
  onError?(error: unknown): void;
}

export type ResyncReason = 'resume' | 'clock_jump' | 'config';

export interface SchedulerUpdate {
  calendar?: ExchangeCalendar;
  entries?: readonly ScheduleEntryInput[];
  catchUp?: boolean;
}

export interface Scheduler {
  /**
   * `lastRanAt`: when the engine last ran (its saved state). Market open and close checks due since
   * then, within the last day, that can no longer run are reported missed, once.
   */
  start(lastRanAt?: number): void;
  stop(): void;
  resync(reason: ResyncReason): void;
  /** Swap calendar, entries or catch-up policy; checks already due are settled under the old settings. */
  update(change: SchedulerUpdate): void;
  /** The next `limit` checks not yet handled, in due order (within the next ~400 days). */
  upcoming(limit: number): ScheduledCheck[];
}

export const MAX_TIMER_MS = 2 ** 31 - 1;
const DAY = 86_400_000;
/** Search horizons for the next checks: a long weekend, a long closure, a year. */
const HORIZONS = [4 * DAY, 16 * DAY, 400 * DAY] as const;

const numbersSchema = z
  .object({
    catchUp: z.boolean().default(true),
    lateToleranceMs: z.number().int().min(0, 'at least 0').max(3_600_000, 'at most 3600000').default(5000),
    maxTimerMs: z
      .number()
      .int()
      .min(1000, 'at least 1000')
      .max(MAX_TIMER_MS, `at most ${MAX_TIMER_MS}`)
      .default(MAX_TIMER_MS),
  })
  .strip();

type Trigger = 'start' | 'timer' | ResyncReason;

interface Outcome {
  run: ScheduledRun | null;
  missed: MissedCheck[];
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const numbers = parseOrThrow(numbersSchema, options, 'scheduler');
  const { clock, onRun, onMissed } = options;
  const { lateToleranceMs, maxTimerMs } = numbers;
  let catchUp = numbers.catchUp;
  let calendar = options.calendar;
  let entries = parseEntries(options.entries);
  let isRunning = false;
  let timer: TimerHandle | null = null;
  let armedFor: number | null = null;
  /** Every check due at or before this instant has been run or reported missed. */
  let watermark = 0;
  /** Set by start(lastRanAt): checks due after it were missed while the engine was not running. */
  let downSince: number | null = null;

  function report(error: unknown): void {
    try {
      options.onError?.(error);
    } catch {
      // An error reporter that throws must not take the scheduler down with it.
    }
  }

  function nextChecks(after: number, limit: number): ScheduledCheck[] {
    for (const horizon of HORIZONS) {
      const checks = computeSchedule(calendar, entries, after + 1, after + 1 + horizon);
      if (checks.length >= limit || horizon === HORIZONS[HORIZONS.length - 1]) return checks.slice(0, limit);
    }
    return [];
  }

  function disarm(): void {
    timer?.cancel();
    timer = null;
    armedFor = null;
  }

  function arm(): void {
    disarm();
    if (!isRunning) return;
    const [next] = nextChecks(watermark, 1);
    if (!next) return;
    armedFor = next.dueAt;
    timer = clock.setTimer(onTimer, Math.min(maxTimerMs, Math.max(0, next.dueAt - clock.now())));
  }

  function onTimer(): void {
    timer = null;
    const due = armedFor;
    armedFor = null;
    if (due !== null && clock.now() < due) {
      // Clock went back, or the timer was capped by maxTimerMs: not due yet.
      arm();
      return;
    }
    settleAndNotify('timer');
  }

  function missedOf(check: ScheduledCheck, now: number): MissedCheck {
    return { ...check, detectedAt: now, alert: ALERTING_CHECKPOINTS.includes(check.checkpoint) };
  }

  /** Runs or reports every check due in (watermark, now]; advances the watermark to now. */
  function settle(trigger: Trigger): Outcome {
    const now = clock.now();
    if (now <= watermark) return { run: null, missed: [] };
    const due = computeSchedule(calendar, entries, watermark + 1, now + 1);
    watermark = now;
    const live = due.filter((c) => now <= c.expiresAt);
    const expired = due.filter((c) => now > c.expiresAt);
    // Before start the scheduler was not watching: earlier checks are not run late; only the market
    // open and close checks due while the engine was down (after its last run) are reported missed.
    const missed =
      trigger !== 'start'
        ? expired.map((c) => missedOf(c, now))
        : expired
            .filter((c) => downSince !== null && c.dueAt > downSince)
            .map((c) => missedOf(c, now))
            .filter((m) => m.alert);
    const newest = live[live.length - 1];
    if (!newest) return { run: null, missed };
    const alone = live.length === 1 && (trigger === 'start' || expired.length === 0);
    const onTime =
      (trigger === 'timer' || trigger === 'start') && alone && now - newest.dueAt <= lateToleranceMs;
    if (!onTime && !catchUp) {
      if (trigger !== 'start') missed.push(...live.map((c) => missedOf(c, now)));
      return { run: null, missed };
    }
    const chosen = live.reduce((best, c) => (c.priority >= best.priority ? c : best));
    const run: ScheduledRun = {
      ...chosen,
      startedAt: now,
      lagMs: now - chosen.dueAt,
      catchUp: !onTime,
      coalesced: live.filter((c) => c !== chosen).map((c) => c.name),
    };
    return { run, missed };
  }

  /** State is settled and the next timer armed before any callback runs, so callbacks may re-enter. */
  function settleAndNotify(trigger: Trigger): void {
    let outcome: Outcome = { run: null, missed: [] };
    try {
      outcome = settle(trigger);
    } catch (error) {
      report(error);
    }
    arm();
    for (const miss of outcome.missed) {
      try {
        onMissed(miss);
      } catch (error) {
        report(error);
      }
    }
    if (outcome.run) {
      try {
        const result = onRun(outcome.run);
        if (result instanceof Promise) result.catch(report);
      } catch (error) {
        report(error);
      }
    }
  }

  function update(change: SchedulerUpdate): void {
    const nextEntries = change.entries === undefined ? entries : parseEntries(change.entries);
    if (isRunning) {
      disarm();
      settleAndNotify('config');
    }
    entries = nextEntries;
    calendar = change.calendar ?? calendar;
    catchUp = change.catchUp ?? catchUp;
    // Checks the new settings would have had in the past are not run retroactively.
    watermark = Math.max(watermark, clock.now());
    arm();
  }

  return {
    start(lastRanAt) {
      if (isRunning) return;
      isRunning = true;
      const now = clock.now();
      const longestExpiry = Math.max(0, ...entries.map((e) => e.expirySeconds * 1000));
      downSince = lastRanAt !== undefined && lastRanAt < now ? Math.max(lastRanAt, now - DAY) : null;
      watermark = Math.min(now - longestExpiry - 1, downSince ?? Number.POSITIVE_INFINITY);
      settleAndNotify('start');
      downSince = null;
    },
    stop() {
      isRunning = false;
      disarm();
    },
    resync(reason) {
      if (!isRunning) return;
      disarm();
      settleAndNotify(reason);
    },
    update,
    upcoming(limit) {
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new RangeError(`limit must be a whole number from 1 to 1000 (got ${limit})`);
      const from = isRunning ? watermark : clock.now();
      return nextChecks(from, limit);
    },
  };
}

function parseEntries(input: readonly ScheduleEntryInput[]): ScheduleEntry[] {
  const parsed = scheduleEntriesSchema.safeParse(input);
  if (!parsed.success)
    throw new ConfigError('schedule', issueTexts(parsed.error, { input, prefix: 'entries' }));
  return parsed.data;
}
