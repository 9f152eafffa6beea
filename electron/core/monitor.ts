import fs from 'node:fs';
import type { Handlers } from '../../shared/contract.ts';
import type { ProbeResult } from '../../shared/probe.ts';
import type { ServiceConfig } from '../../shared/services.ts';
import type { CheckReason, CheckRunView, ConfigProblem, EngineStatus } from '../../shared/status.ts';
import { systemClock, type Clock } from './clock.ts';
import { loadServices, servicesFilePath } from './config/services.ts';
import { openSettings, type SettingsStore } from './config/settings.ts';
import { EventHub } from './events.ts';
import { runProbes } from './probes/index.ts';
import { HeartbeatBook } from './probes/heartbeats.ts';
import type { SecretResolver } from './secrets/index.ts';
import { envSecrets } from './secrets/index.ts';
import { openStore, type Store } from './store/index.ts';
import { ServiceBreakers } from './service-breakers.ts';
import { LevelEngine } from './levels/index.ts';
import type { AuditEvent } from '../../shared/audit.ts';
import { errorMessage } from './dispatcher.ts';

export interface MonitorOptions {
  dataDir: string;
  /** A services file to use instead of services.json in the data folder. */
  configFile?: string;
  clock?: Clock;
  secrets?: SecretResolver;
  log?: (message: string) => void;
}

export interface CheckRequest {
  reason: CheckReason;
  checkpoint?: string;
  dueAt?: number;
  /** Only these services (a breaker's trial); all when absent. */
  only?: string[];
}

interface EngineSnapshot {
  version: 1;
  levels: ReturnType<LevelEngine['serialize']>;
  breakers: ReturnType<ServiceBreakers['serialize']>;
  heartbeats: ReturnType<HeartbeatBook['serialize']>;
}

/**
 * The composition root: builds the rooms, runs checks through them and implements the contract.
 * Everything from outside (clock, data folder, secrets) comes in through the options.
 */
export class Monitor {
  readonly events: EventHub;
  readonly settings: SettingsStore;
  readonly handlers: Handlers;
  readonly servicesFile: string;
  private readonly clock: Clock;
  private readonly log: (message: string) => void;
  private readonly store: Store;
  private readonly storeMessage: string | null;
  private readonly services: ServiceConfig[];
  private readonly problems: ConfigProblem[];
  private readonly secrets: SecretResolver;
  private readonly heartbeats: HeartbeatBook;
  private readonly breakers: ServiceBreakers;
  private readonly levels: LevelEngine;
  private readonly last = new Map<string, ProbeResult>();
  private lastCheck: CheckRunView | null = null;
  private running: Promise<CheckRunView> | null = null;

  constructor(options: MonitorOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((message) => console.error(message));
    this.events = new EventHub(this.log);
    fs.mkdirSync(options.dataDir, { recursive: true });
    const now = () => this.clock.now();

    this.settings = openSettings(options.dataDir, now);
    this.servicesFile = servicesFilePath(options.dataDir, options.configFile);
    const loaded = loadServices(this.servicesFile, now);
    this.services = loaded.services.filter((s) => s.enabled);
    this.problems = [loaded.problem, this.settings.problem].filter((p): p is ConfigProblem => p !== null);

    const opened = openStore({ dir: options.dataDir, clock: this.clock });
    this.store = opened.store;
    this.storeMessage = opened.notice?.message ?? null;
    if (opened.notice) this.log(`haltwatch: ${opened.notice.message}`);

    const saved = this.loadSnapshot();
    this.secrets = options.secrets ?? envSecrets(process.env);
    this.heartbeats = new HeartbeatBook(saved?.heartbeats);
    this.levels = new LevelEngine({}, this.clock, {
      restore: saved?.levels,
      onAudit: (event) => this.onAudit(event),
    });
    this.breakers = new ServiceBreakers(this.services, this.clock, {
      restore: saved?.breakers,
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
    for (const result of this.store.latestResults()) this.last.set(result.service, result);

    this.handlers = {
      'status.get': () => this.status(),
      'check.run': () => this.runCheck({ reason: 'manual' }),
    };
  }

  status(): EngineStatus {
    const level = this.levels.status();
    const health = this.store.health();
    return {
      level: level.level,
      levelSince: level.since,
      cause: level.cause,
      services: this.services.map((service) => ({
        name: service.name,
        kind: service.kind,
        criticality: service.criticality,
        breaker: this.breakers.view(service.name),
        last: this.last.get(service.name) ?? null,
      })),
      lastCheck: this.lastCheck,
      checkRunning: this.running !== null,
      problems: this.problems,
      history: {
        persistent: health.persistent,
        message: health.persistent ? null : (health.lastError ?? this.storeMessage),
      },
    };
  }

  /** One check at a time: a request while one runs gets the running one. */
  runCheck(request: CheckRequest): Promise<CheckRunView> {
    if (this.running) return this.running;
    this.running = this.performCheck(request).finally(() => {
      this.running = null;
      this.events.emit('status', this.status());
    });
    this.events.emit('status', this.status());
    return this.running;
  }

  close(): void {
    this.breakers.dispose();
    this.levels.dispose();
    this.saveSnapshot();
    this.store.close();
  }

  private async performCheck(request: CheckRequest): Promise<CheckRunView> {
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
    this.events.emit('check.started', { id, services: targets.map((s) => s.name) });
    const permits = this.breakers.acquire(targets);
    const results = await runProbes(
      targets,
      { clock: this.clock, secrets: this.secrets, heartbeats: this.heartbeats },
      {
        onResult: (result) => {
          this.last.set(result.service, result);
          this.events.emit('check.result', { ...result, checkId: id });
        },
      },
    );
    for (const result of results) {
      this.breakers.record(result, permits.get(result.service));
      if (result.ok) this.levels.observe({ type: 'latency', service: result.service, ms: result.latencyMs });
    }
    const finishedAt = this.clock.now();
    this.store.finishCheck(id, { finishedAt, results });
    this.saveSnapshot();
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

  private onAudit(event: AuditEvent): void {
    this.store.appendAudit(event);
    this.events.emit('status', this.status());
  }

  private loadSnapshot(): EngineSnapshot | null {
    try {
      const saved = this.store.loadEngineState() as EngineSnapshot | null;
      return saved?.version === 1 ? saved : null;
    } catch (error) {
      this.log(`haltwatch: the saved engine state could not be read, starting fresh: ${errorMessage(error)}`);
      return null;
    }
  }

  private saveSnapshot(): void {
    const snapshot: EngineSnapshot = {
      version: 1,
      levels: this.levels.serialize(),
      breakers: this.breakers.serialize(),
      heartbeats: this.heartbeats.serialize(),
    };
    this.store.saveEngineState(snapshot);
  }
}
