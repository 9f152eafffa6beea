import { describe, expect, it } from 'vitest';
import { statusText } from '../../../electron/core/notify/telegram-status.ts';
import type { ServiceStatus } from '../../../shared/status.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

const service = (
  name: string,
  state: ServiceStatus['breaker']['state'],
  failures: number,
  last: ServiceStatus['last'] = null,
): ServiceStatus => ({
  name,
  kind: 'http',
  criticality: 'critical',
  breaker: { state, consecutiveFailures: failures, openedAt: null, nextTrialAt: null },
  last,
  failures,
  confirmFailures: 2,
  maintenanceUntil: null,
});
const probe = (ok: boolean, reason: string, latencyMs: number) => ({
  service: 'x',
  kind: 'http',
  outcome: ok ? ('ok' as const) : ('fail' as const),
  ok,
  latencyMs,
  reason,
  at: 0,
});

describe('the /status answer', () => {
  it('level, cause, override and the worst services first, at most five', () => {
    const services = [
      service('db', 'CLOSED', 0, probe(true, '', 12)),
      service('redis', 'CLOSED', 1, probe(false, 'timed out after 2000 ms', 2000)),
      service('broker', 'OPEN', 5, probe(false, 'HTTP 503 from the broker', 40)),
      service('quotes', 'HALF_OPEN', 0),
      ...['a', 'b', 'c'].map((n) => service(n, 'CLOSED', 2)),
    ];
    const text = statusText(
      statusAt('HALT', { services, override: { enabled: true, actor: 'telegram', reason: 'r', since: 0 } }),
    );
    expect(text.split('\n')).toEqual([
      '■ HALT: No new positions; reduce, close and cancel only',
      'Cause: broker breaker open',
      'Trading disabled by telegram (override)',
      'Worst services:',
      '• broker: breaker OPEN, 5 failed checks in a row, HTTP 503 from the broker',
      '• quotes: breaker HALF_OPEN',
      '• a: breaker CLOSED, 2 failed checks in a row',
      '• b: breaker CLOSED, 2 failed checks in a row',
      '• c: breaker CLOSED, 2 failed checks in a row',
      '…and 1 more',
    ]);
  });

  it('all healthy, and a history that is not saved, say so', () => {
    const text = statusText(
      statusAt('NORMAL', {
        services: [service('db', 'CLOSED', 0)],
        history: { persistent: false, message: 'disk full' },
      }),
    );
    expect(text).toBe(
      '✓ NORMAL: Trading allowed at full size\nAll 1 services healthy.\nHistory not saved: disk full',
    );
  });
});
