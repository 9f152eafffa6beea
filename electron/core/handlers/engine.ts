import type { Handlers } from '../../../shared/contract.ts';
import type { Report } from '../../../shared/reports.ts';
import { THRESHOLD_PRESETS, thresholdsPresetName } from '../../../shared/thresholds.ts';
import type { Monitor } from '../monitor.ts';
import { UnavailableError, UserError } from '../../../shared/errors.ts';

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
export function engineHandlers(monitor: Monitor): EngineHandlers {
  const afterManual = () => {
    monitor.saveSnapshot();
    monitor.emitStatus();
    return monitor.levels.status();
  };
  const service = (name: string) => {
    const found = monitor.serviceConfigs.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new UserError(`no service named "${name}"`);
    return found;
  };

  return {
    'status.get': () => monitor.status(),
    'check.run': () => monitor.runCheck({ reason: 'manual' }),
    'check.get': ({ id }) => monitor.store.checkRun(id),
    'gate.decide': (request) => monitor.levels.answer(request),
    'reports.submit': ({ reports }) => {
      const receivedAt = monitor.clock.now();
      const saved = monitor.store.insertReports(reports.map((r) => ({ ...r, receivedAt })));
      // Unsaved reports still count toward the level: forgetting a loss would be the permissive fault.
      const before = monitor.levels.notableChanges();
      for (const report of reports) monitor.levels.observe(report);
      if (monitor.levels.notableChanges() === before && reports.every(safeToLoseInCrash))
        monitor.saveSnapshotSoon();
      else monitor.saveSnapshot();
      const health = monitor.store.health();
      if (!saved || !health.persistent)
        throw new UnavailableError(
          `reports not accepted: the history cannot be written (${health.lastError ?? 'unknown'}); they count toward the level, but are not kept`,
        );
      return { accepted: reports.length };
    },
    'heartbeat.beat': ({ name }) => {
      const at = monitor.clock.now();
      if (!monitor.heartbeats.beat(name, at))
        throw new UserError(`heartbeat "${name}" refused: too many heartbeat names`);
      return { name, at };
    },
    'level.override': ({ enabled, reason }, { actor }) => {
      monitor.levels.setOverride(enabled, reason, actor);
      return afterManual();
    },
    'level.recover': ({ reason }, { actor }) => {
      monitor.levels.forceRecover(reason, actor);
      return afterManual();
    },
    'level.confirm': ({ reason }, { actor }) => {
      monitor.levels.confirmLeaveHalt(reason, actor);
      return afterManual();
    },
    'level.kill': ({ reason }, { actor }) => {
      monitor.levels.kill(reason, actor);
      return afterManual();
    },
    'issues.recent': ({ minutes }) => monitor.levels.recentIssues(minutes),
    'thresholds.get': () => {
      const thresholds = monitor.levels.getThresholds();
      return { thresholds, preset: thresholdsPresetName(thresholds), presets: THRESHOLD_PRESETS };
    },
    'thresholds.set': ({ thresholds, reason }, { actor }) => {
      const applied = monitor.levels.setThresholds(thresholds, actor, reason);
      monitor.settings.update({ thresholds: applied });
      monitor.configChanged();
      afterManual();
      return applied;
    },
    'breaker.isolate': ({ service: name, reason }, { actor }) => {
      monitor.breakers.isolate(service(name).name, reason, actor);
      afterManual();
      return monitor.status();
    },
    'breaker.reset': ({ service: name, reason }, { actor }) => {
      monitor.breakers.reset(service(name).name, reason, actor);
      afterManual();
      return monitor.status();
    },
    'breaker.resetAll': ({ reason }, { actor }) => {
      const services = monitor.breakers.resetAll(reason, actor);
      const at = monitor.clock.now();
      monitor.store.appendAudit({
        at,
        kind: 'manual',
        action: 'reset_all_breakers',
        reason,
        actor,
        details: { services: services.join(', ') },
      });
      afterManual();
      return monitor.status();
    },
  };
}
