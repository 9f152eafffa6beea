// Over 300 lines: one state machine (level, cooldown clocks, one timer) whose every public mutation re-evaluates, re-arms the timer and delivers before returning, so they share one class; its pure rules are in recovery-timing.ts and level-engine-restore.ts.
import type { ActiveCause, AuditEvent, SignalCause } from '../../../shared/audit.ts';
import { confirmVerdict, type ConfirmState } from '../../../shared/confirm-rule.ts';
import type { GateAnswer, GateRequest, Issue, LevelOverride, LevelStatus } from '../../../shared/gate.ts';
import { levelAt, levelRank } from '../../../shared/levels.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { BotSignal } from '../../../shared/status.ts';
import { thresholdsPresetName, thresholdsSchema } from '../../../shared/thresholds.ts';
import type { Thresholds, ThresholdsInput } from '../../../shared/thresholds.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { ListenerOutbox } from '../listener-outbox.ts';
import { decideGate } from './gate.ts';
import { keptOverride, MAX_ISSUES, restoredFields, unknownStateLevel } from './level-engine-restore.ts';
import { LevelActionError } from './level-engine-options.ts';
import type { LevelEngineOptions } from './level-engine-options.ts';
import { levelEngineSerializedSchema } from './level-engine-serialized.ts';
import type { LevelEngineSerialized } from './level-engine-serialized.ts';
import {
  confirmableAt,
  confirmState,
  healthyWithoutTradeAfter,
  nextConfirmChangeAt,
  stepDownAt,
  until,
} from './recovery-timing.ts';
import type { RecoveryClocks } from './recovery-timing.ts';
import { earliest, issueFrom, SignalBook } from './signal-book.ts';
import { invalidSignalIssue, unusableSignal } from './signal-check.ts';
import { SteadyTime } from './steady-time.ts';
import type { Signal } from './signals.ts';
import { ConfigError, errorMessage, parseOrThrow } from '../../../shared/errors.ts';

export { LevelActionError };
export type { LevelEngineOptions };

/**
 * The global trading level. Escalation is immediate; stepping down goes one level at a time, each
 * after that level's cooldown of healthy signals, driven by one clock timer; leaving HALT may need
 * an operator's confirmation; SHUTDOWN is left only through forceRecover. The level the signals
 * call for is recomputed from their current state, so a breaker that closes stops holding it up.
 */
export class LevelEngine {
  private readonly clock: Clock;
  private readonly onChange: (() => void) | undefined;
  private shownKey = '';
  private thresholds: Thresholds;
  private readonly book: SignalBook;
  /** The signal windows' time (see SteadyTime); levels, cooldowns and the audit use the wall clock. */
  private steady: SteadyTime;
  private level: LevelName = 'NORMAL';
  private since: number;
  private cause: SignalCause | null = null;
  private override: LevelOverride | null = null;
  private healthySince: number | null = null;
  /** In HALT: since when the signals but the bot's trade signals have called for less. */
  private healthyWithoutTradeSince: number | null = null;
  private desired: LevelName = 'NORMAL';
  private issues: Issue[] = [];
  private timer: TimerHandle | null = null;
  private timerAt: number | null = null;
  private disposed = false;
  private readonly outbox: ListenerOutbox<AuditEvent>;
  private notable = 0;

  constructor(thresholds: ThresholdsInput, clock: Clock, options: LevelEngineOptions = {}) {
    this.thresholds = parseOrThrow(thresholdsSchema, thresholds, 'thresholds');
    this.clock = clock;
    this.outbox = new ListenerOutbox(options.onAudit);
    this.onChange = options.onChange;
    this.book = new SignalBook(this.thresholds, options.inMaintenance);
    this.steady = new SteadyTime(clock);
    this.since = clock.now();
    if (options.unreadableState !== undefined)
      this.haltForUnknownState(options.unreadableState, options.lastSeen);
    else if (options.restore !== undefined) this.load(options.restore);
    this.reevaluate(clock.now());
    this.outbox.deliver();
  }

  /**
   * Takes in one signal, validated where it came in (the bot API and IPC by the contract, Monitor's
   * own probe and breaker signals by construction). What the engine cannot compute with safely is
   * recorded as an issue and ignored, never thrown (see unusableSignal).
   */
  observe(signal: Signal): void {
    const now = this.clock.now();
    try {
      const problem = unusableSignal(signal);
      if (problem !== null) {
        this.addIssue(invalidSignalIssue(now, problem.slice(0, 300)));
        return;
      }
      for (const crossed of this.book.apply(signal, this.steady.now()))
        this.addIssue(issueFrom(crossed, now));
      this.reevaluate(now);
      this.noteChange();
    } catch (error) {
      this.addIssue(invalidSignalIssue(now, errorMessage(error)));
    } finally {
      this.outbox.deliver();
    }
  }

  status(): LevelStatus {
    this.refresh();
    const causes = this.activeCauses();
    return {
      level: this.level,
      since: this.since,
      cause: this.holdingCause(causes),
      causes,
      confirm: this.confirmState(),
      override: this.override,
      awaitingConfirmation: this.awaitingConfirmation(),
      nextStepDownAt: until(this.clocks(), this.thresholds),
      desired: this.desired,
      thresholdsPreset: thresholdsPresetName(this.thresholds),
    };
  }

  /** The level, since when and whether an override holds, as last computed (no re-evaluation). */
  current(): { level: LevelName; since: number; override: boolean } {
    return { level: this.level, since: this.since, override: this.override !== null };
  }

  /**
   * The gate for a request already checked against `gateRequestSchema`: the contract does it, and
   * answers a malformed request with an error, except a cancel, which reaches here as a plain cancel.
   */
  answer(request: GateRequest): GateAnswer {
    this.refresh();
    const ctx = {
      level: this.level,
      overrideActive: this.override !== null,
      thresholds: this.thresholds,
      until: until(this.clocks(), this.thresholds),
    };
    return decideGate(ctx, request);
  }

  /** Trading disabled (enabled = true) until cleared, whatever the level. */
  setOverride(enabled: boolean, reason: string, actor: string): void {
    const m = this.manual(enabled ? 'override_on' : 'override_off', reason, actor);
    this.override = enabled
      ? { enabled: true, reason: m.reason, actor: m.actor, since: this.clock.now() }
      : null;
    this.outbox.deliver();
  }

  /** Back to NORMAL with counters reset. Breaker states stay: an open critical breaker escalates again at once. */
  forceRecover(reason: string, actor: string): void {
    const m = this.manual('recover', reason, actor, { from: this.level });
    const now = this.clock.now();
    this.book.resetCounters();
    this.moveTo('NORMAL', now, { signal: 'manual_recover', value: m.reason }, m);
    this.healthySince = null;
    this.reevaluate(now);
    this.outbox.deliver();
  }

  /**
   * Leaves HALT for THROTTLE once HALT's cooldown is over and an operator confirms; the rule is
   * shared/confirm-rule.ts, which the board's button follows too.
   */
  confirmLeaveHalt(reason: string, actor: string): void {
    this.refresh();
    const now = this.clock.now();
    const verdict = confirmVerdict(this.confirmState(), now);
    if (!verdict.ok) throw new LevelActionError(`confirm: ${verdict.reason}`);
    if (verdict.clearsTradeSignals) {
      // Order failures, slippage and the bot's latency change only when the bot trades, which HALT
      // forbids: once HALT has lasted its cooldown, the operator's confirmation clears them.
      const healthyFrom = this.healthyWithoutTradeSince;
      this.book.clearTradeSignals();
      this.reevaluate(now);
      if (levelRank(this.desired) < levelRank('HALT') && healthyFrom !== null)
        this.healthySince = healthyFrom;
    }
    if (!this.awaitingConfirmation())
      throw new LevelActionError(`confirm: the signals still call for ${this.desired}`);
    const m = this.manual('confirm', reason, actor);
    this.moveTo('THROTTLE', now, { signal: 'manual_confirm', value: m.reason }, m);
    this.healthySince = levelRank(this.desired) < levelRank('THROTTLE') ? now : null;
    this.reevaluate(now);
    this.outbox.deliver();
  }

  /** Manual SHUTDOWN: only forceRecover leaves it. */
  kill(reason: string, actor: string): void {
    const m = this.manual('kill', reason, actor, { from: this.level });
    const now = this.clock.now();
    if (this.level !== 'SHUTDOWN')
      this.moveTo('SHUTDOWN', now, { signal: 'manual_kill', value: m.reason }, m);
    this.healthySince = null;
    this.reevaluate(now);
    this.outbox.deliver();
  }

  /**
   * Grows whenever the level moves or a signal crosses a threshold (or is malformed): compared before
   * and after some signals, it tells whether they did more than update counters.
   */
  notableChanges(): number {
    return this.notable;
  }

  getThresholds(): Thresholds {
    return structuredClone(this.thresholds);
  }

  /** Validates (naming the inconsistent fields), applies at once and records who changed them. */
  setThresholds(input: ThresholdsInput, actor = 'operator', reason = 'thresholds changed'): Thresholds {
    const next = parseOrThrow(thresholdsSchema, input, 'thresholds');
    this.manual('thresholds', reason, actor, { preset: thresholdsPresetName(next) });
    this.thresholds = next;
    const now = this.clock.now();
    this.book.setThresholds(next, this.steady.now());
    this.reevaluate(now);
    this.outbox.deliver();
    return this.getThresholds();
  }

  /** Signals that crossed a threshold (or were malformed) in the last `minutes`, oldest first. */
  recentIssues(minutes: number): Issue[] {
    if (!Number.isFinite(minutes) || minutes < 0)
      throw new ConfigError('recentIssues', [`minutes: must be a number ≥ 0 (got ${minutes})`]);
    const from = this.clock.now() - minutes * 60_000;
    return this.issues.filter((issue) => issue.at >= from);
  }

  /**
   * A fault of the engine itself (history unwritable, configuration invalid) holds the level at
   * least at `level` until released; released, the level steps down by the usual cooldowns.
   * Holds are not saved: the fault is judged afresh at the next start.
   */
  hold(key: string, cause: SignalCause, level: LevelName = 'HALT'): void {
    this.book.setHold(key, { level, cause });
    this.refresh();
  }

  release(key: string): void {
    this.book.setHold(key, null);
    this.refresh();
  }

  /** A maintenance window started or ended: what the service's signals say now counts (or stops). */
  maintenanceChanged(): void {
    this.refresh();
    this.noteChange();
  }

  /** At start: breakers of services that are no longer watched stop holding the level up. */
  keepBreakersOf(watched: readonly string[]): void {
    this.book.keepBreakersOf(new Set(watched));
    this.refresh();
  }

  /** A service no longer watched stops holding the level up. */
  forgetService(service: string): void {
    this.book.forgetService(service);
    this.refresh();
  }

  /** The bot's signals as they stand (failure streak, last slippage, loss, failure rate). */
  botSignals(): BotSignal[] {
    return this.book.botSignals(this.steady.now());
  }

  /** Failed probes in a row of a watched service. */
  probeFailures(service: string): number {
    return this.book.probeFailures(service);
  }

  serialize(): LevelEngineSerialized {
    return {
      version: 1,
      level: this.level,
      since: this.since,
      cause: this.cause,
      override: this.override,
      healthySince: this.healthySince,
      healthyWithoutTradeSince: this.healthyWithoutTradeSince,
      savedAt: this.clock.now(),
      windowsAt: this.steady.now(),
      signals: this.book.serialize(),
      issues: this.issues.slice(-200),
    };
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = null;
    this.timerAt = null;
  }

  private load(input: unknown): void {
    const saved = levelEngineSerializedSchema.safeParse(input);
    if (!saved.success) {
      this.haltForUnknownState(saved.error.issues[0]?.message ?? 'invalid');
      return;
    }
    const r = restoredFields(saved.data, this.clock.now());
    this.level = r.level;
    this.since = r.since;
    this.cause = r.cause;
    this.override = r.override;
    this.healthySince = r.healthySince;
    this.healthyWithoutTradeSince = r.healthyWithoutTradeSince;
    this.issues = r.issues;
    if (r.windows !== undefined) this.steady = new SteadyTime(this.clock, r.windows);
    this.book.restore(saved.data.signals, this.steady.now());
  }

  /** Unknown saved state could hide a HALT or SHUTDOWN: start halted, an operator confirms. */
  private haltForUnknownState(why: string, lastSeen?: { level: LevelName; override: boolean }): void {
    const now = this.clock.now();
    this.moveTo(unknownStateLevel(lastSeen), now, { signal: 'state_lost', value: why });
    if (lastSeen?.override) this.override = keptOverride(now);
  }

  private refresh(): void {
    this.reevaluate(this.clock.now());
    this.outbox.deliver();
  }

  private reevaluate(now: number): void {
    this.trackHealthyWithoutTrade(now);
    const strongest = this.book.assess(this.steady.now());
    this.desired = strongest?.level ?? 'NORMAL';
    const want = levelRank(this.desired);
    const have = levelRank(this.level);
    if (strongest && want > have) {
      this.moveTo(this.desired, now, strongest.cause);
      this.healthySince = null;
    } else if (want === have) {
      this.healthySince = null;
    } else {
      this.healthySince ??= now;
      const stepAt = stepDownAt(this.clocks(), this.thresholds);
      if (stepAt !== null && now >= stepAt) {
        const cooldown = stepAt - this.healthySince;
        this.moveTo(levelAt(have - 1), now, {
          signal: 'cooldown',
          value: now - this.healthySince,
          threshold: cooldown,
        });
        this.healthySince = want < have - 1 ? now : null;
      }
    }
    this.arm(now);
  }

  /**
   * One timer at most: the next step-down, or the next window change. A window change can raise the
   * level too (a gain leaving the loss window, successes leaving the failure-rate window), so the
   * windows are watched at NORMAL as well: the HALT and its notification come when it happens, not
   * at the bot's next question.
   */
  private arm(now: number): void {
    if (this.disposed) return;
    const windowsMatter = this.level !== 'SHUTDOWN';
    const steadyNow = this.steady.now();
    const windowChange = windowsMatter ? this.book.nextWindowChangeAt(steadyNow) : null;
    const at = earliest(
      earliest(
        stepDownAt(this.clocks(), this.thresholds),
        windowChange === null ? null : now + (windowChange - steadyNow),
      ),
      nextConfirmChangeAt(this.clocks(), this.thresholds, now),
    );
    if (at === this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer =
      at === null
        ? null
        : this.clock.setTimer(() => {
            this.timer = null;
            this.timerAt = null;
            this.refresh();
            this.noteChange();
          }, at - now);
  }

  /** The recovery clocks as plain data, for the timing rules in recovery-timing.ts. */
  private clocks(): RecoveryClocks {
    return {
      level: this.level,
      since: this.since,
      healthySince: this.healthySince,
      healthyWithoutTradeSince: this.healthyWithoutTradeSince,
    };
  }

  private confirmState(): ConfirmState {
    const withoutTrade = this.book.assess(this.steady.now(), { ignoreTradeSignals: true });
    return confirmState(this.clocks(), this.thresholds, withoutTrade?.level ?? 'NORMAL');
  }

  /** Only HALT needs it (a confirmation may clear trade signals), so the gate at other levels pays nothing. */
  private trackHealthyWithoutTrade(now: number): void {
    if (this.level !== 'HALT') {
      this.healthyWithoutTradeSince = null;
      return;
    }
    const withoutTrade = this.book.assess(this.steady.now(), { ignoreTradeSignals: true });
    this.healthyWithoutTradeSince = healthyWithoutTradeAfter(
      withoutTrade?.level ?? 'NORMAL',
      this.healthyWithoutTradeSince,
      now,
    );
  }

  private activeCauses(): ActiveCause[] {
    return this.book.contributions(this.steady.now()).map((c) => ({ ...c.cause, level: c.level }));
  }

  /** The strongest signal at the current level holds it; with none (a cooldown running), what raised it. */
  private holdingCause(causes: ActiveCause[]): SignalCause | null {
    const holding = causes.find((c) => c.level === this.level);
    if (!holding) return this.cause;
    const { level: _level, ...cause } = holding;
    return cause;
  }

  /** Tells onChange when what the board shows moved (cheap enough per report, never on the gate's path). */
  private noteChange(): void {
    if (!this.onChange || this.disposed) return;
    const key = JSON.stringify([
      this.level,
      this.desired,
      this.activeCauses(),
      this.awaitingConfirmation(),
      until(this.clocks(), this.thresholds),
      this.override !== null,
      this.confirmState(),
    ]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    try {
      this.onChange();
    } catch {
      // A listener's failure must not stop the engine.
    }
  }

  private awaitingConfirmation(): boolean {
    const at = confirmableAt(this.clocks(), this.thresholds);
    return at !== null && this.clock.now() >= at;
  }

  private moveTo(
    to: LevelName,
    now: number,
    cause: SignalCause,
    by?: { reason: string; actor: string },
  ): void {
    this.outbox.push({ at: now, kind: 'level', from: this.level, to, cause, ...by });
    this.notable++;
    this.level = to;
    this.since = now;
    this.cause = cause;
    // Only HALT keeps this clock; a stale one would differ from a restored copy's.
    if (to !== 'HALT') this.healthyWithoutTradeSince = null;
  }

  private manual(
    action: string,
    reason: string,
    actor: string,
    details?: Record<string, string | number | boolean>,
  ): { reason: string; actor: string } {
    // The reason was checked where it came in (the contract's reasonSchema, trimmed, 3 to 500
    // characters); the actor is the transport's own name for the caller.
    this.outbox.push({
      at: this.clock.now(),
      kind: 'manual',
      action,
      reason,
      actor,
      ...(details ? { details } : {}),
    });
    return { reason, actor };
  }

  private addIssue(issue: Issue): void {
    this.notable++;
    this.issues.push(issue);
    if (this.issues.length > MAX_ISSUES * 2) this.issues = this.issues.slice(-MAX_ISSUES);
  }
}
