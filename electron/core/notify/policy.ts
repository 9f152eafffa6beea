import { z } from 'zod';
import type { SignalCause } from '../../../shared/audit.ts';
import { LEVELS, type LevelName } from '../../../shared/levels.ts';
import type { CheckpointFailure, MissedCheck } from '../../../shared/schedule.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Notice } from './notice.ts';
import {
  checkpointFailedNotice,
  configProblemNotice,
  confirmHaltNotice,
  criticalBreakersOpenNotice,
  historySavedAgainNotice,
  flappingNotice,
  isAlwaysNotified,
  levelNotice,
  missedCheckNotice,
} from './notices.ts';
import { errorMessage, parseOrThrow } from '../../../shared/errors.ts';

/** A level arrived at and why (a level transition, or a status read as one). */
export interface LevelArrival {
  to: LevelName;
  cause?: SignalCause | null;
}

/** Default flapping window: level notices closer together than this are folded into one. */
export const DEFAULT_COALESCE_MS = 60_000;

const optionsSchema = z.object({
  coalesceMs: z
    .number()
    .int('a whole number of milliseconds')
    .min(0, 'at least 0')
    .max(3_600_000, 'at most 3600000 (1 h)')
    .default(DEFAULT_COALESCE_MS),
  initialLevel: z.enum(LEVELS).default('NORMAL'),
});

export interface NotificationPolicyOptions {
  clock: Clock;
  send: (notice: Notice) => void;
  /** The levels the user wants to hear about (settings `notifications.levels`), read at each change. */
  chosenLevels: () => readonly LevelName[];
  /** The level already known when watching starts; arriving at HALT from it still notifies. Default NORMAL. */
  initialLevel?: LevelName;
  /** Flapping window in ms (default 60 000); 0 turns coalescing off. */
  coalesceMs?: number;
  log?: (message: string) => void;
}

/**
 * Decides which engine events become notices:
 * - arriving at HALT or SHUTDOWN always notifies, at once, never coalesced;
 * - arriving at another level notifies when the user chose that level; if the previous level notice
 *   went out less than the window ago, the changes are held and one "changing often" notice with the
 *   level at the end of the window replaces them (at most one such notice per window);
 * - HALT's cooldown ending (operator confirmation needed) notifies once per HALT;
 * - a missed market open or close check notifies;
 * - a config file that failed to load notifies once, and so does the history being saved again.
 * - a checkpoint still failing after its retries notifies (critical for open, close and pre-open);
 * - every critical service's breaker open at once notifies, once until one closes again.
 */
export class NotificationPolicy {
  private readonly clock: Clock;
  private readonly deliver: (notice: Notice) => void;
  private readonly chosenLevels: () => readonly LevelName[];
  private readonly coalesceMs: number;
  private readonly log: (message: string) => void;
  private level: LevelName;
  private awaitingConfirmation = false;
  private allCriticalOpen = false;
  private latest: EngineStatus | null = null;
  private lastLevelNoticeAt: number | null = null;
  private held: { changes: number; timer: TimerHandle } | null = null;
  /** Files whose load problem was announced, so each is told once (again only after it was fixed). */
  private toldProblems = new Set<string>();
  private historyPersistent = true;

  constructor(options: NotificationPolicyOptions) {
    const parsed = parseOrThrow(
      optionsSchema,
      { coalesceMs: options.coalesceMs, initialLevel: options.initialLevel },
      'notification policy',
    );
    this.clock = options.clock;
    this.deliver = options.send;
    this.chosenLevels = options.chosenLevels;
    this.coalesceMs = parsed.coalesceMs;
    this.log = options.log ?? console.error;
    this.level = parsed.initialLevel;
  }

  /** A status snapshot: its level, when it differs from the last one seen, counts as an arrival. */
  observeStatus(status: EngineStatus): void {
    this.observeState(status);
    this.observeLevelChange({ to: status.level, cause: status.cause }, status);
  }

  /** Everything in a status but its level: faults, the HALT confirmation, the critical breakers. */
  observeState(status: EngineStatus): void {
    this.observeFaults(status);
    this.latest = status;
    if (status.awaitingConfirmation && !this.awaitingConfirmation) this.send(confirmHaltNotice());
    this.awaitingConfirmation = status.awaitingConfirmation;
    this.watchCriticalBreakers(status);
  }

  /**
   * An arrival at `change.to`, told with the transition's own cause; `status` supplies the rest of
   * the notice. Two changes within one check are two arrivals, each with its own cause.
   */
  observeLevelChange(change: LevelArrival, status: EngineStatus): void {
    const previous = this.level;
    this.level = change.to;
    if (change.to === previous) return;
    const arrived: EngineStatus = { ...status, level: change.to, cause: change.cause ?? null };

    if (isAlwaysNotified(change.to)) {
      // The notice shows the level as it is now: whatever was held is out of date.
      this.dropHeld();
      this.sendLevelNotice(levelNotice(arrived));
      return;
    }
    if (!this.isChosen(change.to)) return;
    if (this.held) {
      this.held.changes++;
      return;
    }
    const now = this.clock.now();
    const quietUntil = this.lastLevelNoticeAt === null ? now : this.lastLevelNoticeAt + this.coalesceMs;
    if (now >= quietUntil) {
      this.sendLevelNotice(levelNotice(arrived));
      return;
    }
    this.held = { changes: 1, timer: this.clock.setTimer(() => this.releaseHeld(), quietUntil - now) };
  }

  /** A config file that failed to load is told once; the history being saved again after failing too. */
  private observeFaults(status: EngineStatus): void {
    const files = new Set<string>();
    for (const problem of status.problems ?? []) {
      files.add(problem.file);
      if (!this.toldProblems.has(problem.file)) this.send(configProblemNotice(problem));
    }
    this.toldProblems = files;
    const persistent = status.history?.persistent ?? true;
    if (persistent && !this.historyPersistent) this.send(historySavedAgainNotice());
    this.historyPersistent = persistent;
  }

  observeMissed(miss: MissedCheck): void {
    if (miss.alert) this.send(missedCheckNotice(miss));
  }

  observeCheckpointFailed(failure: CheckpointFailure): void {
    this.send(checkpointFailedNotice(failure));
  }

  private watchCriticalBreakers(status: EngineStatus): void {
    // A service in its maintenance window notifies nothing.
    const critical = status.services.filter(
      (s) => s.criticality === 'critical' && s.maintenanceUntil === null,
    );
    const allOpen = critical.length > 0 && critical.every((s) => s.breaker.state === 'OPEN');
    if (allOpen && !this.allCriticalOpen) this.send(criticalBreakersOpenNotice(critical.map((s) => s.name)));
    this.allCriticalOpen = allOpen;
  }

  /** Cancels a held notice's timer; nothing more is sent. */
  dispose(): void {
    this.dropHeld();
  }

  private releaseHeld(): void {
    const held = this.held;
    this.held = null;
    if (!held || !this.latest) return;
    this.sendLevelNotice(flappingNotice(this.latest, held.changes, this.coalesceMs));
  }

  private dropHeld(): void {
    this.held?.timer.cancel();
    this.held = null;
  }

  private sendLevelNotice(notice: Notice): void {
    this.lastLevelNoticeAt = this.clock.now();
    this.send(notice);
  }

  private isChosen(level: LevelName): boolean {
    try {
      return this.chosenLevels().includes(level);
    } catch {
      return false;
    }
  }

  private send(notice: Notice): void {
    try {
      this.deliver(notice);
    } catch (error) {
      // Channels promise not to throw; a broken one must still not stop the next notice.
      this.log(`haltwatch: a notification channel failed: ${errorMessage(error)}`);
    }
  }
}
