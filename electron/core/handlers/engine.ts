import type { Handlers } from '../../../shared/contract.ts';
import type { Report } from '../../../shared/reports.ts';
import { THRESHOLD_PRESETS, thresholdsPresetName } from '../../../shared/thresholds.ts';
import { UnavailableError, UserError } from '../../../shared/errors.ts';
import type { HandlerPorts } from './ports.ts';

type EngineHandlers = Pick<
  Handlers,
  | 'status.get'
  | 'check.run'
  | 'check.get'
  | 'gate.decide'
  | 'reports.submit'
  | 'heartbeat.beat'
  | 'level.override'
  | 'level.recover'
  | 'level.confirm'
  | 'level.kill'
  | 'issues.recent'
  | 'thresholds.get'
  | 'thresholds.set'
  | 'breaker.isolate'
  | 'breaker.reset'
  | 'breaker.resetAll'
>;

/**
 * Reports whose effect a crash may lose before the deferred save, when they moved no level and
 * crossed no threshold: restored without them, the engine can only be more cautious. A success
 * resets the failure streak and dilutes the failure rate; a latency under every threshold replaces
 * one that called for as much or more. Failures, slippage, P&L and errors are saved at once.
 */
function safeToLoseInCrash(report: Report): boolean {
  return report.type === 'order_success' || report.type === 'latency';
}

/** The engine's half of the contract: the gate answers from memory, never from the database. */
export function engineHandlers({
  clock,
  engine,
  store,
  settings,
  config,
}: Pick<HandlerPorts, 'clock' | 'engine' | 'store' | 'settings' | 'config'>): EngineHandlers {
  const afterManual = () => {
    engine.saveSnapshot();
    engine.emitStatus();
    return engine.levels.status();
  };
  const service = (name: string) => {
    const found = engine.serviceConfigs.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new UserError(`no service named "${name}"`);
    return found;
  };

  return {
    'status.get': () => engine.status(),
    'check.run': () => engine.runCheck({ reason: 'manual' }),
    'check.get': ({ id }) => store.checkRun(id),
    'gate.decide': (request) => engine.levels.answer(request),
    'reports.submit': ({ reports }) => {
      const receivedAt = clock.now();
      const saved = store.insertReports(reports.map((r) => ({ ...r, receivedAt })));
      // Unsaved reports still count toward the level: forgetting a loss would be the permissive fault.
      const before = engine.levels.notableChanges();
      for (const report of reports) engine.levels.observe(report);
      if (engine.levels.notableChanges() === before && reports.every(safeToLoseInCrash))
        engine.saveSnapshotSoon();
      else engine.saveSnapshot();
      const health = store.health();
      if (!saved || !health.persistent)
        throw new UnavailableError(
          `reports not accepted: the history cannot be written (${health.lastError ?? 'unknown'}); they count toward the level, but are not kept`,
        );
      return { accepted: reports.length };
    },
    'heartbeat.beat': ({ name }) => {
      const at = clock.now();
      if (!engine.heartbeats.beat(name, at))
        throw new UserError(`heartbeat "${name}" refused: too many heartbeat names`);
      return { name, at };
    },
    'level.override': ({ enabled, reason }, { actor }) => {
      engine.levels.setOverride(enabled, reason, actor);
      return afterManual();
    },
    'level.recover': ({ reason }, { actor }) => {
      engine.levels.forceRecover(reason, actor);
      return afterManual();
    },
    'level.confirm': ({ reason }, { actor }) => {
      engine.levels.confirmLeaveHalt(reason, actor);
      return afterManual();
    },
    'level.kill': ({ reason }, { actor }) => {
      engine.levels.kill(reason, actor);
      return afterManual();
    },
    'issues.recent': ({ minutes }) => engine.levels.recentIssues(minutes),
    'thresholds.get': () => {
      const thresholds = engine.levels.getThresholds();
      return { thresholds, preset: thresholdsPresetName(thresholds), presets: THRESHOLD_PRESETS };
    },
    'thresholds.set': ({ thresholds, reason }, { actor }) => {
      const applied = engine.levels.setThresholds(thresholds, actor, reason);
      settings.update({ thresholds: applied });
      config.changed();
      afterManual();
      return applied;
    },
    'breaker.isolate': ({ service: name, reason }, { actor }) => {
      engine.breakers.isolate(service(name).name, reason, actor);
      afterManual();
      return engine.status();
    },
    'breaker.reset': ({ service: name, reason }, { actor }) => {
      engine.breakers.reset(service(name).name, reason, actor);
      afterManual();
      return engine.status();
    },
    'breaker.resetAll': ({ reason }, { actor }) => {
      const services = engine.breakers.resetAll(reason, actor);
      const at = clock.now();
      store.appendAudit({
        at,
        kind: 'manual',
        action: 'reset_all_breakers',
        reason,
        actor,
        details: { services: services.join(', ') },
      });
      afterManual();
      return engine.status();
    },
  };
}
