// Longer than 300 lines: the composition root wires every room in one place on purpose, so the order of construction reads top to bottom.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Handlers } from '../../shared/contract.ts';
import type { EngineStatus } from '../../shared/status.ts';
import { createMetrics, type HaltwatchMetrics } from './api/metrics.ts';
import { startLocalServer, type LocalServer, type LocalServerOptions } from './api/local-server.ts';
import { getCalendar } from './calendar/index.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigState } from './config/config-state.ts';
import { headlessSecrets, vaultSecrets } from './config/headless-secrets.ts';
import { loadServices, servicesFilePath } from './config/services.ts';
import { openSettings, type SettingsStore } from './config/settings.ts';
import { createDispatcher, type Dispatch } from './dispatcher.ts';
import { errorMessage } from '../../shared/errors.ts';
import { Engine } from './engine.ts';
import { EventHub } from './events.ts';
import { createHandlers } from './handlers/index.ts';
import type { LocalApiControl, SecretsPort } from './handlers/ports.ts';
import { guardHistory } from './history-guard.ts';
import { NotificationCenter } from './notify/center.ts';
import { TelegramCommands } from './notify/telegram-commands.ts';
import { SETTINGS_FILE } from './paths.ts';
import { makePrivateDir } from './private-files.ts';
import { judgeSavedState } from './saved-state.ts';
import { nextCheckCache, scheduledChecks } from './scheduled-checks.ts';
import { createScheduler, type Scheduler } from './scheduler/index.ts';
import { ServiceWatch } from './scheduler/service-intervals.ts';
import { SecretBindings } from './secrets/host-binding.ts';
import type { SecretVault } from './secrets/vault.ts';
import { openStore, type Store } from './store/index.ts';
import { StateWitness } from './store/state-witness.ts';

export interface HaltwatchOptions {
  dataDir: string;
  /** A services file to use instead of services.json in the data folder. */
  configFile?: string;
  clock?: Clock;
  /** Where secrets entered in the UI are kept (the desktop app's keychain); headless: an owner-only file. */
  vault?: SecretVault;
  /** Where `secret:` references may also be read from; default: the process environment. */
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
}

/** The application on one data folder: every room built and wired, nothing running until `start()`. */
export interface Haltwatch {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly log: (message: string) => void;
  readonly events: EventHub;
  readonly settings: SettingsStore;
  readonly store: Store;
  readonly engine: Engine;
  readonly config: ConfigState;
  readonly secrets: SecretsPort;
  readonly notifications: NotificationCenter;
  readonly scheduler: Scheduler;
  /** Probes each service on its own interval between the scheduled checks. */
  readonly watch: ServiceWatch;
  readonly handlers: Handlers;
  /** The one dispatcher every transport (IPC, HTTP, tray) calls; counted by the metrics. */
  readonly dispatch: Dispatch;
  readonly metrics: HaltwatchMetrics;
  status(): EngineStatus;
  saveSnapshot(): void;
  /**
   * Starts the schedule. A check due just before start (within its expiry) runs as a catch-up; market
   * open and close checks due since the engine last ran (within the day) are recorded as missed.
   */
  start(): void;
  /** The laptop woke up or the clock jumped: run what is due, record what was missed. */
  resync(reason: 'resume' | 'clock_jump'): void;
  /** Starts the local server (dashboard transport, bot API, /metrics) on the one dispatcher. */
  serve(options?: LocalServerOptions): Promise<LocalServer>;
  /** Stops every timer and flushes the store (a running server is closed by its owner). */
  close(): void;
}

/**
 * The composition root: builds the rooms on a data folder and wires them through their ports.
 * Everything from outside (clock, data folder, secrets, environment) comes in through the options.
 */
export function openHaltwatch(options: HaltwatchOptions): Haltwatch {
  const { dataDir } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message: string) => console.error(message));
  const env = options.env ?? process.env;
  const events = new EventHub(log);
  makePrivateDir(dataDir);
  const now = () => clock.now();

  const settings = openSettings(dataDir, now);
  const loaded = loadServices(servicesFilePath(dataDir, options.configFile), now);
  const keptSecrets = options.vault ? vaultSecrets(options.vault, env) : headlessSecrets(dataDir, env);
  const opened = openStore({ dir: dataDir, clock, retention: settings.get().retention });
  const store = opened.store;
  if (opened.notice) log(`haltwatch: ${opened.notice.message}`);

  const witness = new StateWitness(dataDir);
  const witnessed = witness.read();
  const judged = judgeSavedState({
    notice: opened.notice,
    read: store.readEngineState(),
    witness: witnessed,
    lastLevelChangeAt: store.lastLevelChangeAt(),
  });
  const saved = judged.kind === 'restored' ? judged.snapshot : null;
  const unreadableState = judged.kind === 'lost' ? judged.why : undefined;
  if (unreadableState) log(`haltwatch: starting at HALT: ${unreadableState}`);

  /** Market data counts as stale only while its exchange is in session (the user's closures included). */
  const inSession = (exchange: string, at: number) => {
    const schedule = settings.get().schedule;
    const calendar = getCalendar(exchange, { adhoc: exchange === schedule.exchange ? schedule.adhoc : [] });
    return calendar.sessionAt(at) !== null;
  };
  let scheduler: Scheduler | null = null;
  const nextCheck = nextCheckCache(clock, () => scheduler);

  const engine: Engine = new Engine({
    clock,
    journal: store,
    events,
    secrets: keptSecrets.resolver,
    schedule: { inSession, nextCheck: () => nextCheck.get() },
    thresholds: settings.get().thresholds,
    services: loaded.services.filter((s) => s.enabled),
    start: {
      instance: saved?.instance ?? randomUUID(),
      snapshot: saved,
      unreadableState,
      ...(witnessed.kind === 'ok' ? { lastSeen: witnessed.witness } : {}),
    },
    problems: () => [...config.problems(), ...notifications.problems()],
    storeMessage: opened.notice?.message ?? null,
    witness,
    moved: () => watch.refresh(),
    log,
  });
  const config = new ConfigState({
    loaded,
    secretsProblem: keptSecrets.problem,
    settings,
    levels: engine.levels,
    apply: (enabled) => engine.replaceServices(enabled),
  });
  const notifications = new NotificationCenter({
    notices: store.notices,
    clock,
    settings: () => settings.get().notifications,
    secrets: keptSecrets.resolver,
    nextSessionOpen: (at) => {
      const schedule = settings.get().schedule;
      return getCalendar(schedule.exchange, { adhoc: schedule.adhoc }).nextSession(at).open;
    },
    audit: (event) => store.appendAudit(event),
    log,
    onChange: () => events.emit('notifications.changed', { unread: store.notices.unread() }),
    onProblemsChange: () => engine.emitStatus(),
    settingsFile: path.join(dataDir, SETTINGS_FILE),
  });

  const schedule = settings.get().schedule;
  const checks = scheduledChecks({ clock, engine, events, log, monitoring: () => settings.get().monitoring });
  const theScheduler = createScheduler({
    clock,
    calendar: getCalendar(schedule.exchange, { adhoc: schedule.adhoc }),
    entries: schedule.entries,
    catchUp: schedule.catchUp,
    onRun: checks.onRun,
    onMissed: checks.onMissed,
    onError: (error) => log(`haltwatch: scheduled check failed: ${errorMessage(error)}`),
  });
  scheduler = theScheduler;
  events.on('schedule.run', () => nextCheck.forget());
  events.on('schedule.missed', () => nextCheck.forget());

  const watch = new ServiceWatch({
    clock,
    settings: () => settings.get().monitoring,
    services: () => engine.serviceConfigs,
    inSession: (at, preOpenMs) => {
      const { exchange } = settings.get().schedule;
      return inSession(exchange, at) || inSession(exchange, at + preOpenMs);
    },
    escalated: () => engine.levels.status().level !== 'NORMAL',
    failures: (service) => engine.levels.probeFailures(service),
    last: (service) => engine.lastResult(service),
    probe: (service) => engine.runCheck({ reason: 'interval', only: [service] }),
    peek: (service) => engine.probeOnce(service),
    onError: (error) => log(`haltwatch: interval probe failed: ${errorMessage(error)}`),
  });

  const stopHistoryGuard = guardHistory({
    store,
    levels: engine.levels,
    clock,
    log,
    save: () => engine.saveSnapshot(),
    changed: () => engine.emitStatus(),
  });
  config.changed();
  engine.ready();

  const secrets: SecretsPort = {
    vault: keptSecrets.vault,
    problem: keptSecrets.problem,
    bindings: new SecretBindings(() => config.configuredServices),
  };
  let localApi: LocalApiControl | null = null;
  const handlers = createHandlers({
    clock,
    engine,
    store,
    settings,
    config,
    scheduler: {
      update: (change) => {
        theScheduler.update(change);
        nextCheck.forget();
      },
      upcoming: (limit) => theScheduler.upcoming(limit),
    },
    watch,
    secrets,
    notifications,
    localApi: () => localApi,
    log,
  });
  const metrics = createMetrics({
    events,
    state: () => ({
      level: engine.levels.status().level,
      breakers: engine.serviceConfigs.map((s) => ({
        service: s.name,
        state: engine.breakers.view(s.name).state,
      })),
      breakerFailures: engine.breakerCounts.failureCounts(),
      breakerTransitions: engine.breakerCounts.transitionCounts(),
    }),
  });
  const dispatch = metrics.counting(createDispatcher(handlers, log));
  // /status, /halt and reply buttons from the operator's Telegram chat (channels with `commands`).
  const telegram = new TelegramCommands({
    dispatch,
    clock,
    secrets: keptSecrets.resolver,
    channels: () => settings.get().notifications.channels,
    log,
  });

  return {
    dataDir,
    clock,
    log,
    events,
    settings,
    store,
    engine,
    config,
    secrets,
    notifications,
    scheduler: theScheduler,
    watch,
    handlers,
    dispatch,
    metrics,
    status: () => engine.status(),
    saveSnapshot: () => engine.saveSnapshot(),
    start() {
      theScheduler.start(saved?.levels.savedAt ?? undefined);
      nextCheck.forget();
      notifications.start();
      telegram.start();
      watch.start();
    },
    resync(reason) {
      theScheduler.resync(reason);
      nextCheck.forget();
    },
    serve: (serverOptions = {}) =>
      startLocalServer(
        {
          dataDir,
          dispatch,
          metrics,
          events,
          clock,
          apiSettings: () => settings.get().api,
          audit: (event) => store.appendAudit(event),
          listening: (control) => {
            localApi = control;
          },
          stopped: (control) => {
            if (localApi === control) localApi = null;
          },
        },
        { log, ...serverOptions },
      ),
    close() {
      stopHistoryGuard();
      theScheduler.stop();
      notifications.stop();
      telegram.stop();
      watch.stop();
      engine.close();
      store.close();
      metrics.close();
    },
  };
}
