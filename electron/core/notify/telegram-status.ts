import { formatSignalCause } from '../../../shared/cause-text.ts';
import { formatLatency, LEVEL_GLYPH, LEVEL_MEANING } from '../../../shared/format.ts';
import type { EngineStatus, ServiceStatus } from '../../../shared/status.ts';

const BREAKER_RANK = { OPEN: 2, HALF_OPEN: 1, CLOSED: 0 } as const;
const WORST_SHOWN = 5;

function worstFirst(a: ServiceStatus, b: ServiceStatus): number {
  return BREAKER_RANK[b.breaker.state] - BREAKER_RANK[a.breaker.state] || b.failures - a.failures;
}

function serviceLine(service: ServiceStatus): string {
  const parts = [`breaker ${service.breaker.state}`];
  if (service.failures > 0) parts.push(`${service.failures} failed checks in a row`);
  if (service.last) parts.push(service.last.ok ? formatLatency(service.last.latencyMs) : service.last.reason);
  return `• ${service.name}: ${parts.join(', ')}`;
}

/** The answer to /status: level and what it means, the cause, the override, the worst services. */
export function statusText(status: EngineStatus): string {
  const lines = [`${LEVEL_GLYPH[status.level]} ${status.level}: ${LEVEL_MEANING[status.level]}`];
  const cause = formatSignalCause(status.cause, 'level');
  if (cause) lines.push(`Cause: ${cause}`);
  if (status.override?.enabled) lines.push(`Trading disabled by ${status.override.actor} (override)`);
  const troubled = status.services.filter((s) => s.breaker.state !== 'CLOSED' || s.failures > 0);
  if (troubled.length === 0) lines.push(`All ${status.services.length} services healthy.`);
  else {
    lines.push('Worst services:');
    lines.push(...[...troubled].sort(worstFirst).slice(0, WORST_SHOWN).map(serviceLine));
    if (troubled.length > WORST_SHOWN) lines.push(`…and ${troubled.length - WORST_SHOWN} more`);
  }
  if (!status.history.persistent) lines.push(`History not saved: ${status.history.message ?? 'unknown'}`);
  return lines.join('\n');
}
