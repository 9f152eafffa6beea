import type { ThresholdReplay } from '../../shared/contract/settings.ts';
import type { Criticality } from '../../shared/levels.ts';
import type { ServiceConfig } from '../../shared/services.ts';
import type { Thresholds } from '../../shared/thresholds.ts';
import { replayThresholds, type TimedSignal } from './levels/index.ts';
import type { Store } from './store/index.ts';

export interface RecordedSignals {
  signals: TimedSignal[];
  /** Signals recorded in the range, before samples that cannot change a replay were left out. */
  recorded: number;
}

/**
 * The level engine's input over [from, to), rebuilt from history: healthy probe latencies,
 * breaker changes (with the state each breaker was already in at `from`) and the bot's reports.
 *
 * The engine keeps only the latest latency per service, and a latency matters only through the
 * thresholds it reaches. So a sample that reaches the same `latencyBoundsMs` as the previous sample
 * of its service cannot change a replay whose latency thresholds are among those bounds; it is left
 * out (all but the last, where the replay ends), which turns a month of one-minute checks into the
 * few samples that crossed a line.
 */
export function recordedSignals(
  store: Store,
  options: {
    from: number;
    to: number;
    criticalityOf: (service: string) => Criticality;
    latencyBoundsMs: readonly number[];
  },
): RecordedSignals {
  const { from, to, criticalityOf } = options;
  const signals: TimedSignal[] = [];

  for (const change of store.breakerChangesBefore(from)) {
    if (change.to === 'CLOSED') continue;
    signals.push({
      at: from,
      signal: {
        type: 'breaker',
        service: change.service,
        state: change.to,
        criticality: criticalityOf(change.service),
      },
    });
  }

  const latencies = store.forEachLatencyBandChange({ from, to }, options.latencyBoundsMs, (at, service, ms) =>
    signals.push({ at, signal: { type: 'latency', service, ms } }),
  );

  const changes = store.breakerChanges({ from, to });
  for (const change of changes) {
    signals.push({
      at: change.at,
      signal: {
        type: 'breaker',
        service: change.service,
        state: change.to,
        criticality: criticalityOf(change.service),
      },
    });
  }

  const reports = store.reports({ from, to });
  for (const { receivedAt, ...report } of reports)
    signals.push({ at: report.at ?? receivedAt, signal: report });

  return { signals, recorded: latencies + changes.length + reports.length };
}

/** "What would `proposed` have done?": both threshold sets over the same recorded history. */
export function replayHistory(
  store: Store,
  options: {
    services: readonly ServiceConfig[];
    current: Thresholds;
    proposed: Thresholds;
    from: number;
    to: number;
  },
): ThresholdReplay {
  const { current, proposed, from, to } = options;
  const criticality = new Map(options.services.map((s) => [s.name, s.criticality]));
  const { signals, recorded } = recordedSignals(store, {
    from,
    to,
    criticalityOf: (service) => criticality.get(service) ?? 'important',
    latencyBoundsMs: [current, proposed].flatMap((t) => [
      t.latency.alertMs,
      t.latency.throttleMs,
      t.latency.haltMs,
    ]),
  });
  return {
    current: replayThresholds(current, signals, to),
    proposed: replayThresholds(proposed, signals, to),
    from,
    to,
    signals: recorded,
  };
}
