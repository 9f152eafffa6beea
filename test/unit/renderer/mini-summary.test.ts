import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../../shared/status.ts';
import { miniSummary } from '../../../renderer/src/mini/mini-summary.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

const NOW = Date.UTC(2026, 11, 5, 14, 0);

function service(name: string, extra: Partial<ServiceStatus> = {}): ServiceStatus {
  return {
    name,
    kind: 'http',
    criticality: 'important',
    breaker: { state: 'CLOSED', consecutiveFailures: 0, openedAt: null, nextTrialAt: null },
    last: {
      service: name,
      kind: 'http',
      outcome: 'ok',
      ok: true,
      latencyMs: 12,
      reason: 'HTTP 200',
      at: NOW,
    } as never,
    failures: 0,
    confirmFailures: 5,
    maintenanceUntil: null,
    ...extra,
  };
}

describe('the mini view summary', () => {
  it('promises nothing while nothing is watched', () => {
    expect(miniSummary(statusAt('NORMAL'), NOW)).toMatchObject({
      watching: false,
      headline: 'Not watching',
      service: 'Nothing is watched yet',
    });
  });

  it('all healthy: the level and a count', () => {
    const status = statusAt('NORMAL', { services: [service('broker'), service('redis')] });
    expect(miniSummary(status, NOW)).toMatchObject({
      watching: true,
      headline: 'NORMAL',
      service: 'All 2 services healthy',
      tone: 'ok',
    });
    expect(miniSummary(statusAt('NORMAL', { services: [service('broker')] }), NOW).service).toBe(
      'broker healthy',
    );
  });

  it('the worst service in the board words, and the override beside the level', () => {
    const status = statusAt('HALT', {
      services: [
        service('redis', { failures: 2 }),
        service('broker', {
          criticality: 'critical',
          breaker: { state: 'OPEN', consecutiveFailures: 5, openedAt: NOW, nextTrialAt: null },
        }),
      ],
      override: { enabled: true, reason: 'lunch', actor: 'desktop app', since: 0 },
    });
    expect(miniSummary(status, NOW)).toMatchObject({
      headline: 'HALT · trading off (override)',
      service: 'broker: Stopped — taken offline',
      tone: 'stopped',
    });
  });
});
