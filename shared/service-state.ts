import { LEVEL_FOR_OPEN_BREAKER, levelRank } from './levels.ts';
import { formatClock } from './format.ts';
import type { ProbeResult } from './probe.ts';
import type { ServiceStatus } from './status.ts';

export type ServiceTone = 'ok' | 'slow' | 'failing' | 'stopped' | 'maintenance' | 'unknown';

export interface ServiceState {
  words: string;
  tone: ServiceTone;
}

/**
 * A service's state as a trader reads it: "Healthy", "Failing 2 of 5", "Stopped — retry at 14:32",
 * "Maintenance until Sat 10:00". `last` is the result shown (a check in progress may be newer).
 */
export function serviceState(
  service: Pick<ServiceStatus, 'breaker' | 'failures' | 'confirmFailures' | 'maintenanceUntil'>,
  last: ProbeResult | null,
  now: number,
): ServiceState {
  if (service.maintenanceUntil !== null)
    return { words: `Maintenance until ${formatClock(service.maintenanceUntil, now)}`, tone: 'maintenance' };
  const { state, nextTrialAt } = service.breaker;
  if (state === 'OPEN')
    return {
      words:
        nextTrialAt === null
          ? 'Stopped — taken offline'
          : `Stopped — retry at ${formatClock(nextTrialAt, now)}`,
      tone: 'stopped',
    };
  if (state === 'HALF_OPEN') return { words: 'Stopped — retrying now', tone: 'stopped' };
  if (service.failures > 0)
    return { words: `Failing ${service.failures} of ${service.confirmFailures}`, tone: 'failing' };
  if (last === null) return { words: 'Not checked yet', tone: 'unknown' };
  if (!last.ok) return { words: 'Failing', tone: 'failing' };
  return last.slow ? { words: 'Healthy but slow', tone: 'slow' } : { words: 'Healthy', tone: 'ok' };
}

const TONE_RANK: Record<ServiceTone, number> = {
  stopped: 5,
  failing: 4,
  slow: 3,
  unknown: 2,
  ok: 1,
  maintenance: 0,
};

/** Worst first: stopped, failing, slow, unchecked, healthy, in maintenance; then by criticality, then name. */
export function worstFirst(services: readonly ServiceStatus[]): string[] {
  const keyed = services.map((s) => ({
    name: s.name,
    tone: TONE_RANK[serviceState(s, s.last, 0).tone],
    weight: levelRank(LEVEL_FOR_OPEN_BREAKER[s.criticality]),
  }));
  keyed.sort((a, b) => b.tone - a.tone || b.weight - a.weight || a.name.localeCompare(b.name));
  return keyed.map((k) => k.name);
}

/** "last 30 checks: 28 ok, 2 failed" for a heartbeat bar, newest last. */
export function heartbeatLabel(results: readonly Pick<ProbeResult, 'ok'>[]): string {
  const ok = results.filter((r) => r.ok).length;
  return `last ${results.length} checks: ${ok} ok, ${results.length - ok} failed`;
}
