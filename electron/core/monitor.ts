import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AuditEvent } from '../../shared/audit.ts';
import type { BreakerSerialized } from '../../shared/breaker.ts';
import type { Handlers } from '../../shared/contract.ts';
import type { ProbeResult } from '../../shared/probe.ts';
import type { MissedCheck, ScheduledRun } from '../../shared/schedule.ts';
import { DEFAULT_CONFIRM_FAILURES } from '../../shared/service-watch.ts';
import type { ServiceConfig } from '../../shared/services.ts';
import type { CheckReason, CheckRunView, ConfigProblem, EngineStatus } from '../../shared/status.ts';
import { getCalendar } from './calendar/index.ts';
import { systemClock, type Clock, type TimerHandle } from './clock.ts';
import { loadServices, servicesFilePath } from './config/services.ts';
import { openSettings, type SettingsStore } from './config/settings.ts';
import type { LocalApiControl } from './api/local-server.ts';
import { createDispatcher } from './dispatcher.ts';
import { EventHub } from './events.ts';
import { apiHandlers } from './handlers/api.ts';
import { engineHandlers } from './handlers/engine.ts';
import { historyHandlers } from './handlers/history.ts';
import { notificationsHandlers } from './handlers/notifications.ts';
import { scheduleHandlers } from './handlers/schedule.ts';
import { secretsHandlers } from './handlers/secrets.ts';
import { servicesHandlers } from './handlers/services.ts';
import { settingsHandlers } from './handlers/settings.ts';
import { LevelEngine } from './levels/index.ts';
import { NotificationCenter } from './notify/center.ts';
import { TelegramCommands } from './notify/telegram-commands.ts';
import { SETTINGS_FILE } from './paths.ts';
import { probeSignalOf } from './levels/service-signals.ts';
import { HeartbeatBook, runProbe, runProbes, type ProbeContext } from './probes/index.ts';
import { createScheduler, type Scheduler } from './scheduler/index.ts';
import { retryFailedCheckpoint } from './scheduler/checkpoint-retries.ts';
import { ServiceWatch } from './scheduler/service-intervals.ts';
import type { SecretResolver } from './secrets/index.ts';
import { SecretBindings } from './secrets/host-binding.ts';
import type { SecretVault } from './secrets/vault.ts';
import { headlessSecrets, vaultSecrets } from './config/headless-secrets.ts';
import { BreakerCounters } from './breaker-counters.ts';
import { ServiceBreakers } from './service-breakers.ts';
import { inMaintenance, maintenanceEndsAt } from './maintenance.ts';
import { MaintenanceTimer } from './maintenance-timer.ts';
import { judgeSavedState, type EngineSnapshot } from './saved-state.ts';
import { openStore, type Store } from './store/index.ts';
import { StateWitness } from './store/state-witness.ts';
import { guardHistory } from './history-guard.ts';
import { makePrivateDir } from './private-files.ts';
import { errorMessage } from '../../shared/errors.ts';

export interface MonitorOptions {
  dataDir: string;
  /** A services file to use instead of services.json in the data folder. */
  configFile?: string;
  clock?: Clock;
  /** Where secrets entered in the UI are kept (the desktop app's keychain); headless: an owner-only file. */
  vault?: SecretVault;
  log?: (message: string) => void;
}

export interface CheckRequest {
  reason: CheckReason;
  checkpoint?: string;
  dueAt?: number;
  /** Only these services (a breaker's trial); all when absent. */
  only?: string[];
}

/** How long a deferred engine-state save waits (saveSnapshotSoon): the most a crash can lose. */
export const SNAPSHOT_SOON_MS = 250;

/**
 * The composition root: builds the rooms, runs checks through them and implements the contract.
 * Everything from outside (clock, data folder, secrets) comes in through the options. Nothing runs
 * until `start()`; `close()` stops every timer and flushes the store.
 */
export class Monitor {
  readonly events: EventHub;
  readonly settings: SettingsStore;
  readonly handlers: Handlers;
  readonly servicesFile: string;
  readonly clock: Clock;
  readonly store: Store;
  readonly levels: LevelEngine;
  readonly heartbeats: HeartbeatBook;
  readonly scheduler: Scheduler;
  /** Probes each service on its own interval between the scheduled checks. */
  readonly watch: ServiceWatch;
  readonly breakerCounts = new BreakerCounters();
  readonly log: (message: string) => void;
  /** Notices: stored, logged, sent on the configured channels through the outbox. */
  readonly notifications: NotificationCenter;
  /** /status, /halt and reply buttons from the operator's Telegram chat (channels with `commands`). */
  private readonly telegram: TelegramCommands;
  /** The local server once it listens (headless or desktop); null before. */
  localApi: LocalApiControl | null = null;
  /** Which host each secret may be sent to: the one it was saved with. */
  readonly secretBindings = new SecretBindings(() => this.configured);
  private readonly storeMessage: string | null;
  /** As configured, disabled ones included; `services` are the enabled ones the engine watches. */
  private configured: ServiceConfig[];
  private services: ServiceConfig[];
  private serviceBreakers: ServiceBreakers;
  private servicesApplied: Promise<void> = Promise.resolve();
  /** Services and secrets problems; the settings problem is read live from the settings. */
  private problems: ConfigProblem[];
  /** The services file failed to load and no good copy exists. */
  private servicesInvalid = false;
  private readonly secrets: SecretResolver;
  /** Null when the secrets file is unusable: saving a secret is refused with the problem. */
  readonly vault: SecretVault | null;
  readonly secretsProblem: ConfigProblem | null;
  private readonly last = new Map<string, ProbeResult>();
  private readonly maintenance: MaintenanceTimer;
  private lastCheck: CheckRunView | null = null;
  private running: { request: CheckRequest; id: Promise<number>; done: Promise<CheckRunView> } | null = null;
  private lastMissed: MissedCheck | null = null;
  private snapshotSoon: TimerHandle | null = null;
  private readonly witness: StateWitness;
  /** Names the engine state; kept in the witness file, so a replaced database is told apart. */
  private readonly instance: string;
  private readonly stopHistoryGuard: () => void;
  /** When the saved state was saved: the engine ran until then. Null on a first or lost start. */
  private readonly lastRanAt: number | null;
  private built = false;

  constructor(options: MonitorOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((message) => console.error(message));
    this.events = new EventHub(this.log);
    makePrivateDir(options.dataDir);
    const now = () => this.clock.now();

    this.settings = openSettings(options.dataDir, now);
    this.servicesFile = servicesFilePath(options.dataDir, options.configFile);
    const loaded = loadServices(this.servicesFile, now);
    this.configured = loaded.services;
    this.services = loaded.services.filter((s) => s.enabled);
    const secrets = options.vault
      ? vaultSecrets(options.vault, process.env)
      : headlessSecrets(options.dataDir, process.env);
    this.vault = secrets.vault;
    this.secretsProblem = secrets.problem;
    this.secrets = secrets.resolver;
    this.servicesInvalid = loaded.invalid;
    this.problems = [loaded.problem, secrets.problem].filter((p): p is ConfigProblem => p !== null);

    const opened = openStore({
      dir: options.dataDir,
      clock: this.clock,
      retention: this.settings.get().retention,
    });
    this.store = opened.store;
    this.storeMessage = opened.notice?.message ?? null;
    if (opened.notice) this.log(`haltwatch: ${opened.notice.message}`);

    this.witness = new StateWitness(options.dataDir);
    const witnessed = this.witness.read();
    const judged = judgeSavedState({
      notice: opened.notice,
      read: this.store.readEngineState(),
      witness: witnessed,
      lastLevelChangeAt: this.store.lastLevelChangeAt(),
    });
    const saved = judged.kind === 'restored' ? judged.snapshot : null;
    const unreadableState = judged.kind === 'lost' ? judged.why : undefined;
    if (unreadableState) this.log(`haltwatch: starting at HALT: ${unreadableState}`);
    this.instance = saved?.instance ?? randomUUID();
    this.lastRanAt = saved?.levels.savedAt ?? null;
    this.heartbeats = new HeartbeatBook(saved?.heartbeats);
    this.levels = new LevelEngine(this.settings.get().thresholds, this.clock, {
      restore: saved?.levels,
      unreadableState,
      ...(witnessed.kind === 'ok' ? { lastSeen: witnessed.witness } : {}),
      inMaintenance: (name) => this.inMaintenance(name),
      onAudit: (event) => this.onAudit(event),
      onChange: () => this.onLevelChange(),
    });
    this.maintenance = new MaintenanceTimer(
      this.clock,
      () => this.services,
      () => {
        this.levels.maintenanceChanged();
        if (this.built) this.emitStatus();
      },
    );
    this.maintenance.refresh();
    this.notifications = this.buildNotifications(options.dataDir);
    this.serviceBreakers = this.buildBreakers(this.services, saved?.breakers);
    this.levels.keepBreakersOf(this.services.map((s) => s.name));
    for (const result of this.store.latestResults()) this.last.set(result.service, result);

    const schedule = this.settings.get().schedule;
    this.scheduler = createScheduler({
      clock: this.clock,
      calendar: getCalendar(schedule.exchange, { adhoc: schedule.adhoc }),
      entries: schedule.entries,
      catchUp: schedule.catchUp,
      onRun: (run) => this.onScheduledRun(run),
      onMissed: (miss) => this.onMissedCheck(miss),
      onError: (error) => this.log(`haltwatch: scheduled check failed: ${errorMessage(error)}`),
    });
    this.watch = new ServiceWatch({
      clock: this.clock,
      settings: () => this.settings.get().monitoring,
      services: () => this.services,
      inSession: (at, preOpenMs) => {
        const { exchange } = this.settings.get().schedule;
        return this.inSession(exchange, at) || this.inSession(exchange, at + preOpenMs);
      },
      escalated: () => this.levels.status().level !== 'NORMAL',
      failures: (service) => this.levels.probeFailures(service),
      last: (service) => this.last.get(service) ?? null,
      probe: (service) => this.runCheck({ reason: 'interval', only: [service] }),
      peek: (service) => this.probeOnce(service),
      onError: (error) => this.log(`haltwatch: interval probe failed: ${errorMessage(error)}`),
    });

    this.stopHistoryGuard = guardHistory({
      store: this.store,
      levels: this.levels,
      clock: this.clock,
      log: this.log,
      save: () => this.saveSnapshot(),
      changed: () => {
        if (this.built) this.emitStatus();
      },
    });
    this.configChanged();
    this.built = true;
    // Binds this folder's witness to the engine state from the first start on.
    this.saveSnapshot();
    this.recordWitness();

    this.handlers = {
      ...engineHandlers(this),
      ...scheduleHandlers(this),
      ...historyHandlers(this),
      ...servicesHandlers(this),
      ...settingsHandlers(this),
      ...apiHandlers(this),
      ...secretsHandlers(this),
      ...notificationsHandlers(this),
    };
    this.telegram = new TelegramCommands({
      dispatch: createDispatcher(this.handlers, this.log),
      clock: this.clock,
      secrets: this.secrets,
      channels: () => this.settings.get().notifications.channels,
      log: this.log,
    });
    this.built = true;
  }

  /**
   * Starts the schedule. A check due just before start (within its expiry) runs as a catch-up; market
   * open and close checks due since the engine last ran (within the day) are recorded as missed.
   */
  start(): void {
    this.scheduler.start(this.lastRanAt ?? undefined);
    this.notifications.start();
    this.telegram.start();
    this.watch.start();
  }

  /** The laptop woke up or the clock jumped: run what is due, record what was missed. */
  resync(reason: 'resume' | 'clock_jump'): void {
    this.scheduler.resync(reason);
  }

  get serviceConfigs(): readonly ServiceConfig[] {
    return this.services;
  }

  get configuredServices(): readonly ServiceConfig[] {
    return this.configured;
  }

  get breakers(): ServiceBreakers {
    return this.serviceBreakers;
  }

  /** What was wrong with the services file when it was loaded; null once a save replaced it. */
  get servicesFileProblem(): ConfigProblem | null {
    return this.problems.find((p) => p.file === this.servicesFile) ?? null;
  }

  /**
   * Watches `all` (the enabled ones) from now on. Breakers of services whose breaker settings did not
   * change keep their state; a removed service stops holding the level up. The swap waits for the
   * check in progress, whose breaker permits belong to the breakers it started with.
   */
  replaceServices(all: ServiceConfig[]): Promise<void> {
    this.configured = all;
    this.problems = this.problems.filter((p) => p.file !== this.servicesFile);
    this.servicesInvalid = false;
    this.configChanged();
    const applied = this.servicesApplied.then(async () => {
      while (this.running) await this.running.done.catch(() => undefined);
      this.applyServices();
    });
    this.servicesApplied = applied.catch(() => undefined);
    return applied;
  }

  /**
   * A settings or services file that failed with no good copy to fall back on holds HALT with cause
   * config_invalid: the engine must not trade on defaults it was never given. Saving a good file
   * (settings or services) releases the hold; the level then steps down by the usual cooldowns.
   */
  configChanged(): void {
    const bad = [
      this.settings.invalid ? this.settings.problem : null,
      this.servicesInvalid ? this.servicesFileProblem : null,
    ].filter((p): p is ConfigProblem => p !== null);
    if (bad.length === 0) this.levels.release('config');
    else
      this.levels.hold('config', { signal: 'config_invalid', value: bad.map((p) => p.message).join('; ') });
  }

  /** One probe with the checks' context; nothing is stored and no breaker or level moves. */
  probeOnce(service: ServiceConfig): Promise<ProbeResult> {
    return runProbe(service, this.probeContext());
  }

  status(): EngineStatus {
    this.store.checkFile();
    const level = this.levels.status();
    const health = this.store.health();
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
        maintenanceUntil: maintenanceEndsAt(service, this.clock.now()),
      })),
      lastCheck: this.lastCheck,
      checkRunning: this.running !== null,
      nextCheck: this.scheduler.upcoming(1)[0] ?? null,
      lastMissed: this.lastMissed,
      problems: [
        ...this.problems,
        ...(this.settings.problem ? [this.settings.problem] : []),
        ...this.notifications.problems(),
      ],
      history: {
        persistent: health.persistent,
        message: health.persistent ? null : (health.lastError ?? this.storeMessage),
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
  startCheck(request: CheckRequest): { id: Promise<number>; done: Promise<CheckRunView> } {
    const current = this.running;
    if (current && covers(current.request, request)) return { id: current.id, done: current.done };
    const previous = current?.done.catch(() => undefined) ?? Promise.resolve();
    const began = Promise.withResolvers<number>();
    const done = previous.then(() => this.performCheck(request, began.resolve));
    done.catch((error: unknown) => began.reject(error));
    began.promise.catch(() => undefined); // runCheck's callers never read the id
    const entry = { request, id: began.promise, done };
    this.running = entry;
    void done
      .finally(() => {
        if (this.running === entry) this.running = null;
        this.emitStatus();
      })
      .catch(() => undefined);
    this.emitStatus();
    return { id: entry.id, done };
  }

  emitStatus(): void {
    this.events.emit('status', this.status());
  }

  /** Persists the engine state (level, override, breakers, heartbeats) for a restart or a crash. */
  saveSnapshot(): void {
    this.snapshotSoon?.cancel();
    this.snapshotSoon = null;
    const snapshot: EngineSnapshot = {
      version: 1,
      instance: this.instance,
      levels: this.levels.serialize(),
      breakers: this.breakers.serialize(),
      heartbeats: this.heartbeats.serialize(),
    };
    this.store.saveEngineState(snapshot);
  }

  /**
   * One save within SNAPSHOT_SOON_MS for changes a crash may lose (see reports.submit): a bot
   * reporting fill after fill pays for a few saves a second, not one per report.
   */
  saveSnapshotSoon(): void {
    this.snapshotSoon ??= this.clock.setTimer(() => this.saveSnapshot(), SNAPSHOT_SOON_MS);
  }

  close(): void {
    this.stopHistoryGuard();
    this.scheduler.stop();
    this.notifications.stop();
    this.telegram.stop();
    this.watch.stop();
    this.breakers.dispose();
    this.maintenance.dispose();
    this.saveSnapshot();
    this.levels.dispose();
    this.store.close();
  }

  private async performCheck(request: CheckRequest, onBegun: (id: number) => void): Promise<CheckRunView> {
    const startedAt = this.clock.now();
    const targets = request.only
      ? this.services.filter((s) => request.only?.includes(s.name))
      : this.services;
    const id = this.store.beginCheck({
      reason: request.reason,
      checkpoint: request.checkpoint,
      dueAt: request.dueAt,
      lagMs: request.dueAt === undefined ? undefined : startedAt - request.dueAt,
      startedAt,
    });
    onBegun(id);
    this.events.emit('check.started', { id, services: targets.map((s) => s.name) });
    const permits = this.breakers.acquire(targets);
    const results = await runProbes(targets, this.probeContext(), {
      onResult: (result) => {
        this.last.set(result.service, result);
        this.events.emit('check.result', { ...result, checkId: id });
      },
    });
    for (const result of results) {
      const permit = permits.get(result.service);
      this.breakers.record(result, permit);
      if (permit && !result.ok) this.breakerCounts.failure(result.service);
      const service = targets.find((s) => s.name === result.service);
      if (service) this.levels.observe(probeSignalOf(service, result));
    }
    const finishedAt = this.clock.now();
    this.store.finishCheck(id, { finishedAt, results });
    this.saveSnapshot();
    this.watch.refresh(); // a failure found by any check is re-probed soon to confirm it
    const run: CheckRunView = {
      id,
      reason: request.reason,
      checkpoint: request.checkpoint ?? null,
      startedAt,
      finishedAt,
      results,
    };
    this.lastCheck = run;
    this.events.emit('check.finished', run);
    return run;
  }

  private probeContext(): ProbeContext {
    return {
      clock: this.clock,
      secrets: this.secrets,
      heartbeats: this.heartbeats,
      isInSession: (exchange, at) => this.inSession(exchange, at),
    };
  }

  private buildNotifications(dataDir: string): NotificationCenter {
    return new NotificationCenter({
      notices: this.store.notices,
      clock: this.clock,
      settings: () => this.settings.get().notifications,
      secrets: this.secrets,
      nextSessionOpen: (now) => {
        const schedule = this.settings.get().schedule;
        return getCalendar(schedule.exchange, { adhoc: schedule.adhoc }).nextSession(now).open;
      },
      audit: (event) => this.store.appendAudit(event),
      log: this.log,
      onChange: () => this.events.emit('notifications.changed', { unread: this.store.notices.unread() }),
      onProblemsChange: () => this.emitStatus(),
      settingsFile: path.join(dataDir, SETTINGS_FILE),
    });
  }

  private buildBreakers(
    services: ServiceConfig[],
    restore: Record<string, BreakerSerialized> | undefined,
  ): ServiceBreakers {
    return new ServiceBreakers(services, this.clock, {
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
      log: this.log,
    });
  }

  /**
   * Applies the configured services live. A breaker keeps its state across a change of its settings
   * (an open breaker stays open); new, renamed or changed services are checked at once.
   */
  private applyServices(): void {
    const enabled = this.configured.filter((s) => s.enabled);
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
    this.watch.refresh();
    if (fresh.length > 0) void this.runCheck({ reason: 'manual', only: fresh });
  }

  /** Whether the watched service `name` is in one of its maintenance windows now. */
  private inMaintenance(name: string): boolean {
    const service = this.services.find((s) => s.name === name);
    return service !== undefined && inMaintenance(service, this.clock.now());
  }

  /** Market data counts as stale only while its exchange is in session (the user's closures included). */
  private inSession(exchange: string, at: number): boolean {
    const schedule = this.settings.get().schedule;
    const calendar = getCalendar(exchange, { adhoc: exchange === schedule.exchange ? schedule.adhoc : [] });
    return calendar.sessionAt(at) !== null;
  }

  private async onScheduledRun(run: ScheduledRun): Promise<void> {
    this.events.emit('schedule.run', run);
    const reason: CheckReason = run.catchUp
      ? 'catch_up'
      : run.checkpoint === 'interval'
        ? 'interval'
        : 'scheduled';
    const first = await this.runCheck({ reason, checkpoint: run.checkpoint, dueAt: run.dueAt });
    const { checkpointRetries, checkpointRetrySeconds } = this.settings.get().monitoring;
    if (run.checkpoint === 'interval' || first.results.every((r) => r.ok)) return;
    let failure = await retryFailedCheckpoint(first, run, {
      clock: this.clock,
      retries: checkpointRetries,
      spacingMs: checkpointRetrySeconds * 1000,
      recheck: (only) => this.runCheck({ reason: 'scheduled', checkpoint: run.checkpoint, only }),
    });
    if (!failure) return;
    // A service in its maintenance window notifies nothing: only the others' failures are told.
    const told = failure.services.filter((s) => !this.inMaintenance(s.service));
    if (told.length === 0) return;
    failure = { ...failure, services: told };
    this.log(
      `haltwatch: the ${run.name} check failed after ${failure.attempts} tries: ${failure.services.map((s) => s.service).join(', ')}`,
    );
    this.events.emit('checkpoint.failed', failure);
  }

  /** The causes, the confirmation or the next step-down moved: the board and the intervals follow. */
  private onLevelChange(): void {
    if (!this.built) return;
    this.watch.refresh();
    this.emitStatus();
  }

  private onMissedCheck(miss: MissedCheck): void {
    this.lastMissed = miss;
    this.store.recordMissedCheck({
      checkpoint: miss.checkpoint,
      dueAt: miss.dueAt,
      detectedAt: miss.detectedAt,
    });
    this.log(`haltwatch: missed the ${miss.checkpoint} check due ${new Date(miss.dueAt).toISOString()}`);
    this.events.emit('schedule.missed', miss);
    this.emitStatus();
  }

  private onAudit(event: AuditEvent): void {
    if (event.kind === 'breaker') this.breakerCounts.transition(event.service, event.to);
    this.store.appendAudit(event);
    if (this.built && event.kind !== 'breaker') {
      this.recordWitness();
      if (event.kind === 'level') this.saveSnapshotSoon();
    }
    this.emitStatus();
  }

  /** The last level the trader saw, kept beside the database even when the database cannot be written. */
  private recordWitness(): void {
    const failed = this.witness.write({ version: 1, instance: this.instance, ...this.levels.current() });
    if (failed) this.log(`haltwatch: the last level could not be recorded: ${failed}`);
  }
}

function covers(running: CheckRequest, wanted: CheckRequest): boolean {
  if (!running.only) return true;
  return wanted.only !== undefined && wanted.only.every((name) => running.only?.includes(name));
}
