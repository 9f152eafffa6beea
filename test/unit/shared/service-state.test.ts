import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../shared/probe.ts';
import { heartbeatLabel, serviceState, worstFirst } from '../../../shared/service-state.ts';
import type { ServiceStatus } from '../../../shared/status.ts';

const NOW = new Date(2026, 11, 5, 14, 0).getTime(); // local time: formatClock shows local times
const at = (h: number, m: number, day = 5) => new Date(2026, 11, day, h, m).getTime();

const result = (ok: boolean, extra: Partial<ProbeResult> = {}): ProbeResult =>
  ({
    service: 'x',
    at: NOW,
    ok,
    outcome: ok ? 'ok' : 'fail',
    latencyMs: 10,
    reason: ok ? null : 'HTTP 503',
    ...extra,
  }) as ProbeResult;

function status(name: string, over: Partial<ServiceStatus> = {}): ServiceStatus {
  return {
    name,
    kind: 'http',
    criticality: 'important',
    breaker: { state: 'CLOSED', consecutiveFailures: 0, openedAt: null, nextTrialAt: null },
    last: result(true),
    failures: 0,
    confirmFailures: 5,
    maintenanceUntil: null,
    ...over,
  };
}

describe('a service state in words', () => {
  it.each<[string, Partial<ServiceStatus>, ProbeResult | null, string]>([
    ['healthy', {}, result(true), 'Healthy'],
    ['slow', {}, result(true, { slow: true }), 'Healthy but slow'],
    ['never checked', {}, null, 'Not checked yet'],
    ['failing, not yet down', { failures: 2 }, result(false), 'Failing 2 of 5'],
    [
      'stopped by its breaker',
      { breaker: { state: 'OPEN', consecutiveFailures: 5, openedAt: NOW, nextTrialAt: at(14, 32) } },
      result(false),
      'Stopped — retry at 14:32',
    ],
    [
      'taken offline (no trial)',
      { breaker: { state: 'OPEN', consecutiveFailures: 0, openedAt: NOW, nextTrialAt: null } },
      result(true),
      'Stopped — taken offline',
    ],
    [
      'in maintenance, even failing',
      { maintenanceUntil: at(10, 0, 6), failures: 3 },
      result(false),
      'Maintenance until Sun 10:00',
    ],
  ])('%s', (_what, over, last, words) => {
    expect(serviceState(status('x', over), last, NOW).words).toBe(words);
  });
});

describe('cards worst first', () => {
  it('orders stopped, failing, slow, unchecked, healthy, maintenance; critical first among equals', () => {
    const open = { state: 'OPEN', consecutiveFailures: 3, openedAt: NOW, nextTrialAt: NOW + 60_000 } as const;
    const services = [
      status('a-healthy'),
      status('b-maintenance', { maintenanceUntil: NOW + 1000, failures: 4 }),
      status('c-slow', { last: result(true, { slow: true }) }),
      status('d-failing', { failures: 1, last: result(false) }),
      status('e-unchecked', { last: null }),
      status('f-open-informational', { criticality: 'informational', breaker: open }),
      status('g-open-critical', { criticality: 'critical', breaker: open }),
    ];
    expect(worstFirst(services)).toEqual([
      'g-open-critical',
      'f-open-informational',
      'd-failing',
      'c-slow',
      'e-unchecked',
      'a-healthy',
      'b-maintenance',
    ]);
  });
});

describe('heartbeat label', () => {
  it('counts ok and failed results', () => {
    const results = [...Array(28).fill({ ok: true }), { ok: false }, { ok: false }];
    expect(heartbeatLabel(results)).toBe('last 30 checks: 28 ok, 2 failed');
  });
});
