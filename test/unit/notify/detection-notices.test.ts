import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointFailure } from '../../../shared/schedule.ts';
import type { ServiceStatus } from '../../../shared/status.ts';
import type { Notice } from '../../../electron/core/notify/notice.ts';
import { NotificationPolicy } from '../../../electron/core/notify/policy.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

let sent: Notice[];
let policy: NotificationPolicy;

beforeEach(() => {
  sent = [];
  policy = new NotificationPolicy({
    clock: new ManualClock(),
    send: (n) => sent.push(n),
    chosenLevels: () => [],
  });
});

const service = (name: string, criticality: ServiceStatus['criticality'], open: boolean): ServiceStatus => ({
  name,
  kind: 'http',
  criticality,
  breaker: { state: open ? 'OPEN' : 'CLOSED', consecutiveFailures: 0, openedAt: null, nextTrialAt: null },
  maintenanceUntil: null,
  last: null,
  failures: 0,
  confirmFailures: 2,
});

describe('detection notices', () => {
  it('tells when a checkpoint still fails after its retries, as critical for the market open', () => {
    const failure: CheckpointFailure = {
      name: 'market open',
      checkpoint: 'market_open',
      priority: 100,
      dueAt: 0,
      attempts: 4,
      failedAt: 180_000,
      services: [{ service: 'broker', reason: 'HTTP 503' }],
    };
    policy.observeCheckpointFailed(failure);
    policy.observeCheckpointFailed({ ...failure, name: 'lunch', checkpoint: 'midday', priority: 60 });
    expect(sent.map((n) => [n.kind, n.urgency, n.title])).toEqual([
      ['checkpoint_failed', 'critical', 'Haltwatch: the market open check failed'],
      ['checkpoint_failed', 'normal', 'Haltwatch: the lunch check failed'],
    ]);
    expect(sent[0]?.body).toBe('Still failing after 4 tries (priority 100):\nbroker: HTTP 503');
  });

  it('tells once when every critical breaker is open, and again only after one closed', () => {
    const at = (brokerOpen: boolean, quotesOpen: boolean) =>
      statusAt('HALT', {
        services: [
          service('broker', 'critical', brokerOpen),
          service('quotes', 'critical', quotesOpen),
          service('llm', 'informational', false),
        ],
      });
    policy.observeStatus(at(true, false));
    policy.observeStatus(at(true, true));
    policy.observeStatus(at(true, true));
    policy.observeStatus(at(false, true));
    policy.observeStatus(at(true, true));
    const kinds = sent.filter((n) => n.kind === 'critical_breakers_open');
    expect(kinds).toHaveLength(2);
    expect(kinds[0]).toMatchObject({
      urgency: 'critical',
      title: 'Haltwatch: every critical service is down',
    });
    expect(kinds[0]?.body).toContain('(broker, quotes)');
  });

  it('says nothing of a critical breaker open during its maintenance window', () => {
    const broker = { ...service('broker', 'critical', true), maintenanceUntil: Date.UTC(2026, 11, 5, 15) };
    policy.observeStatus(statusAt('NORMAL', { services: [broker] }));
    expect(sent).toEqual([]);
    policy.observeStatus(statusAt('HALT', { services: [{ ...broker, maintenanceUntil: null }] }));
    expect(sent.filter((n) => n.kind === 'critical_breakers_open')).toHaveLength(1);
  });

  it('says nothing of critical breakers when no service is critical', () => {
    policy.observeStatus(statusAt('ALERT', { services: [service('llm', 'informational', true)] }));
    expect(sent.filter((n) => n.kind === 'critical_breakers_open')).toEqual([]);
  });
});
