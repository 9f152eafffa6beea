// Longer than 300 lines: status, checks, services and the engine state share the breakers and the level engine; status() and the check loop are the candidates to move out.
import type { AuditEvent } from '../../shared/audit.ts';
import type { ProbeResult } from '../../shared/probe.ts';
import type { MissedCheck } from '../../shared/schedule.ts';
import { DEFAULT_CONFIRM_FAILURES } from '../../shared/service-watch.ts';
import type { ServiceConfig } from '../../shared/services.ts';
import type { CheckRunView, EngineStatus } from '../../shared/status.ts';
import { BreakerCounters } from './breaker-counters.ts';
import { CheckQueue, type CheckRequest, type StartedCheck } from './check-queue.ts';
import type { TimerHandle } from './clock.ts';
import { LevelEngine } from './levels/index.ts';
import { probeSignalOf } from './levels/service-signals.ts';
import { inMaintenance, maintenanceEndsAt } from './maintenance.ts';
import { MaintenanceTimer } from './maintenance-timer.ts';
import { HeartbeatBook, runProbe, runProbes, type ProbeContext } from './probes/index.ts';
import type { EngineSnapshot } from './saved-state.ts';
import { ServiceBreakers } from './service-breakers.ts';
import type { EngineOptions } from './engine-ports.ts';

/** How long a deferred engine-state save waits (saveSnapshotSoon): the most a crash can lose. */
export const SNAPSHOT_SOON_MS = 250;

/**
 * Checks, status, services and the engine state: the level engine and the breakers fed by probes.
 * Knows nothing of handlers or transports; everything reaches it through `EngineOptions`.
 */
export class Engine {
  readonly levels: LevelEngine;
  readonly heartbeats: HeartbeatBook;
  readonly breakerCounts = new BreakerCounters();
  private readonly o: EngineOptions;
  private services: ServiceConfig[];
  private serviceBreakers: ServiceBreakers;
  private readonly last = new Map<string, ProbeResult>();
  private readonly maintenance: MaintenanceTimer;
  private lastCheck: CheckRunView | null = null;
  private readonly checks = new CheckQueue(
    (request, onBegun) => this.performCheck(request, onBegun),
    () => this.emitStatus(),
  );
  private lastMissed: MissedCheck | null = null;
  private snapshotSoon: TimerHandle | null = null;
  /** While a check feeds its results to the breakers and levels (see performCheck). */
  private statusHeld = false;
  private built = false;

  constructor(options: EngineOptions) {
    this.o = options;
    const { clock, start } = options;
    this.services = options.services;
    this.heartbeats = new HeartbeatBook(start.snapshot?.heartbeats);
    this.levels = new LevelEngine(options.thresholds, clock, {
      restore: start.snapshot?.levels,
      unreadableState: start.unreadableState,
      ...(start.lastSeen ? { lastSeen: start.lastSeen } : {}),
      inMaintenance: (name) => this.inMaintenance(name),
      onAudit: (event) => this.onAudit(event),
      onChange: () => this.onLevelChange(),
    });
    this.maintenance = new MaintenanceTimer(
      clock,
      () => this.services,
      () => {
        this.levels.maintenanceChanged();
        this.emitStatus();
      },
    );
    this.maintenance.refresh();
    this.serviceBreakers = this.buildBreakers(this.services, start.snapshot?.breakers);
    this.levels.keepBreakersOf(this.services.map((s) => s.name));
    for (const result of options.journal.latestResults()) this.last.set(result.service, result);
  }

  /** Everything around the engine is built: from now on it emits status and records the witness. */
  ready(): void {
    this.built = true;
    // Binds this folder's witness to the engine state from the first start on.
    this.saveSnapshot();
    this.recordWitness();
  }

  get serviceConfigs(): readonly ServiceConfig[] {
    return this.services;
  }

  get breakers(): ServiceBreakers {
    return this.serviceBreakers;
  }

  lastResult(service: string): ProbeResult | null {
    return this.last.get(service) ?? null;
  }

  /** One probe with the checks' context; nothing is stored and no breaker or level moves. */
  probeOnce(service: ServiceConfig): Promise<ProbeResult> {
    return runProbe(service, this.probeContext());
  }

  status(): EngineStatus {
    const { journal, clock } = this.o;
    journal.checkFile();
    const level = this.levels.status();
    const health = journal.health();
    return {
      level: level.level,
      levelSince: level.since,
      cause: level.cause,
      causes: level.causes,
      signals: this.levels.botSignals(),
      confirm: level.confirm,
      desiredLevel: level.desired,
      override: level.override,
      awaitingConfirmation: level.awaitingConfirmation,
      nextStepDownAt: level.nextStepDownAt,
      services: this.services.map((service) => ({
        name: service.name,
        kind: service.kind,
        criticality: service.criticality,
        breaker: this.breakers.view(service.name),
        last: this.last.get(service.name) ?? null,
        failures: this.levels.probeFailures(service.name),
        confirmFailures: service.confirmFailures ?? DEFAULT_CONFIRM_FAILURES,
        maintenanceUntil: maintenanceEndsAt(service, clock.now()),
      })),
      lastCheck: this.lastCheck,
      checkRunning: this.checks.busy,
      nextCheck: this.o.schedule.nextCheck(),
      lastMissed: this.lastMissed,
      problems: this.o.problems(),
      history: {
        persistent: health.persistent,
        message: health.persistent ? null : (health.lastError ?? this.o.storeMessage),
      },
    };
  }

  /**
   * One check at a time. A request while a check runs shares it when that check covers the same
   * services; otherwise it runs right after.
   */
  runCheck(request: CheckRequest): Promise<CheckRunView> {
    return this.startCheck(request).done;
  }

  /** As runCheck; `id` resolves as soon as the check has begun (after the one running, if queued). */
  startCheck(request: CheckRequest): StartedCheck {
    return this.checks.start(request);
  }

  /** A scheduled check expired unrun: kept for the board and the history. */
  recordMissed(miss: MissedCheck): void {
    this.lastMissed = miss;
    this.o.journal.recordMissedCheck({
      checkpoint: miss.checkpoint,
      dueAt: miss.dueAt,
      detectedAt: miss.detectedAt,
    });
  }

  emitStatus(): void {
    if (!this.built || this.statusHeld) return;
    this.o.events.emit('status', this.status());
  }

  /** Persists the engine state (level, override, breakers, heartbeats) for a restart or a crash. */
  saveSnapshot(): void {
    this.snapshotSoon?.cancel();
    this.snapshotSoon = null;
    this.o.journal.saveEngineState({
      version: 1,
      instance: this.o.start.instance,
      levels: this.levels.serialize(),
      breakers: this.breakers.serialize(),
      heartbeats: this.heartbeats.serialize(),
    });
  }

  /**
   * One save within SNAPSHOT_SOON_MS for changes a crash may lose (see reports.submit): a bot
   * reporting fill after fill pays for a few saves a second, not one per report.
   */
  saveSnapshotSoon(): void {
    this.snapshotSoon ??= this.o.clock.setTimer(() => this.saveSnapshot(), SNAPSHOT_SOON_MS);
  }

  /**
   * Watches `enabled` from now on, once the check in progress is done (its breaker permits belong
   * to the breakers it started with). A breaker keeps its state across a change of its settings (an
   * open breaker stays open); a removed service stops holding the level up; new, renamed or changed
   * services are checked at once.
   */
  async replaceServices(enabled: ServiceConfig[]): Promise<void> {
    await this.checks.idle();
    const before = new Map(this.services.map((s) => [s.name, JSON.stringify(s)]));
    const fresh = enabled.filter((s) => before.get(s.name) !== JSON.stringify(s)).map((s) => s.name);
    const saved = this.serviceBreakers.serialize();
    this.serviceBreakers.dispose();
    for (const old of this.services) {
      if (enabled.some((s) => s.name === old.name)) continue;
      this.levels.forgetService(old.name);
      this.last.delete(old.name);
    }
    this.services = enabled;
    this.serviceBreakers = this.buildBreakers(enabled, saved);
    this.maintenance.refresh();
    this.levels.maintenanceChanged();
    this.saveSnapshot();
    this.emitStatus();
    this.o.moved();
    if (fresh.length > 0) void this.runCheck({ reason: 'manual', only: fresh });
  }

  /** Whether the watched service `name` is in one of its maintenance windows now. */
  inMaintenance(name: string): boolean {
    const service = this.services.find((s) => s.name === name);
    return service !== undefined && inMaintenance(service, this.o.clock.now());
  }

  close(): void {
    this.breakers.dispose();
    this.maintenance.dispose();
    this.saveSnapshot();
    this.levels.dispose();
  }

  private async performCheck(request: CheckRequest, onBegun: (id: number) => void): Promise<CheckRunView> {
    const { clock, journal, events } = this.o;
    const startedAt = clock.now();
    const targets = request.only
      ? this.services.filter((s) => request.only?.includes(s.name))
      : this.services;
    const id = journal.beginCheck({
      reason: request.reason,
      checkpoint: request.checkpoint,
      dueAt: request.dueAt,
      lagMs: request.dueAt === undefined ? undefined : startedAt - request.dueAt,
      startedAt,
    });
    onBegun(id);
    events.emit('check.started', { id, services: targets.map((s) => s.name) });
    const permits = this.breakers.acquire(targets);
    const results = await runProbes(targets, this.probeContext(), {
      onResult: (result) => {
        this.last.set(result.service, result);
        events.emit('check.result', { ...result, checkId: id });
      },
    });
    // Every breaker and level move of this check is one status, sent by the check queue once the
    // check settles, not one per audit event and level change; level.changed and breaker.changed
    // still go out as each move happens.
    this.statusHeld = true;
    try {
      for (const result of results) {
        const permit = permits.get(result.service);
        this.breakers.record(result, permit);
        if (permit && !result.ok) this.breakerCounts.failure(result.service);
        const service = targets.find((s) => s.name === result.service);
        if (service) this.levels.observe(probeSignalOf(service, result));
      }
    } finally {
      this.statusHeld = false;
    }
    const finishedAt = clock.now();
    journal.finishCheck(id, { finishedAt, results });
    this.saveSnapshot();
    this.o.moved(); // a failure found by any check is re-probed soon to confirm it
    const run: CheckRunView = {
      id,
      reason: request.reason,
      checkpoint: request.checkpoint ?? null,
      startedAt,
      finishedAt,
      results,
    };
    this.lastCheck = run;
    events.emit('check.finished', run);
    return run;
  }

  private probeContext(): ProbeContext {
    return {
      clock: this.o.clock,
      secrets: this.o.secrets,
      heartbeats: this.heartbeats,
      isInSession: (exchange, at) => this.o.schedule.inSession(exchange, at),
    };
  }

  private buildBreakers(services: ServiceConfig[], restore: EngineSnapshot['breakers'] | undefined) {
    return new ServiceBreakers(services, this.o.clock, {
      restore,
      onAudit: (event) => this.onAudit(event),
      onBreakerState: (service, state) =>
        this.levels.observe({
          type: 'breaker',
          service: service.name,
          state,
          criticality: service.criticality,
        }),
      onTrialDue: (service) => void this.runCheck({ reason: 'trial', only: [service] }),
      log: this.o.log,
    });
  }

  /** The causes, the confirmation or the next step-down moved: the board and the intervals follow. */
  private onLevelChange(): void {
    if (!this.built) return;
    this.o.moved();
    this.emitStatus();
  }

  private onAudit(event: AuditEvent): void {
    if (event.kind === 'breaker') this.breakerCounts.transition(event.service, event.to);
    this.o.journal.appendAudit(event);
    if (this.built && event.kind !== 'breaker') {
      this.recordWitness();
      if (event.kind === 'level') this.saveSnapshotSoon();
    }
    if (this.built && event.kind === 'level') this.o.events.emit('level.changed', event);
    if (this.built && event.kind === 'breaker') this.o.events.emit('breaker.changed', event);
    this.emitStatus();
  }

  /** The last level the trader saw, kept beside the database even when the database cannot be written. */
  private recordWitness(): void {
    const failed = this.o.witness.write({
      version: 1,
      instance: this.o.start.instance,
      ...this.levels.current(),
    });
    if (failed) this.o.log(`haltwatch: the last level could not be recorded: ${failed}`);
  }
}
