import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../../electron/core/notify/notice.ts';
import { RETRY_FOR_MS } from '../../../electron/core/notify/outbox.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { centerHarness, type CenterHarness } from '../../helpers/notification-center.ts';
import { startProviderFake, type ProviderFake } from '../../helpers/servers/provider-fake.ts';

const MIN = 60_000;

function notice(priority: Notice['priority'], extra: Partial<Notice> = {}): Notice {
  return {
    kind: 'level',
    title: `Haltwatch: ${priority}`,
    body: 'body',
    urgency: 'normal',
    priority,
    target: '#/board',
    ...extra,
  };
}

let fake: ProviderFake;
let clock: ManualClock;
let h: CenterHarness;
let shown: Notice[];

function hook(name: string, minPriority: string, extra: Record<string, unknown> = {}) {
  return { kind: 'webhook', name, url: `${fake.origin}/${name}`, minPriority, ...extra };
}

/** The center with `channels`, started, showing local notices in `shown`. */
function start(channels: unknown[], notifications: Record<string, unknown> = {}, secrets = {}) {
  h = centerHarness({ clock, notifications: { channels, ...notifications }, secrets });
  shown = [];
  h.center.attachLocal({ send: (n) => shown.push(n) });
  h.center.start();
}

/** Moves the fake clock and waits for the outbox round it started. */
async function advance(ms: number) {
  clock.advance(ms);
  await h.center.idle();
}

const paths = () => fake.requests.map((r) => r.url);

beforeEach(async () => {
  fake = await startProviderFake({ status: 200, body: { ok: true } });
  clock = new ManualClock();
});
afterEach(async () => {
  h.center.stop();
  h.store.close();
  await fake.stop();
});

describe('notification center: priorities and channels', () => {
  it('sends each notice on the enabled channels whose minimum it reaches, and logs every notice', async () => {
    start([hook('all', 'INFO'), hook('critical', 'CRITICAL'), hook('off', 'INFO', { enabled: false })]);
    h.center.publish(notice('WARNING'));
    await h.center.idle();
    expect(paths()).toEqual(['/all']);
    h.center.publish(notice('CRITICAL'));
    await h.center.idle();
    expect(paths().slice(1).sort()).toEqual(['/all', '/critical']);
    expect(h.logs.filter((l) => l.startsWith('haltwatch: notice ['))).toEqual([
      'haltwatch: notice [WARNING] Haltwatch: WARNING: body',
      'haltwatch: notice [CRITICAL] Haltwatch: CRITICAL: body',
    ]);
    const page = h.center.list(0, 10);
    expect(page.unread).toBe(2);
    expect(page.notices.map((n) => [n.priority, n.deliveries.map((d) => `${d.channel}:${d.state}`)])).toEqual(
      [
        ['CRITICAL', ['all:sent', 'critical:sent']],
        ['WARNING', ['all:sent']],
      ],
    );
    expect(shown.map((n) => n.priority)).toEqual(['WARNING', 'CRITICAL']);
  });

  it('the plain webhook list of older settings carries every notice', async () => {
    start([], { webhooks: [`${fake.origin}/legacy`] });
    h.center.publish(notice('INFO'));
    await h.center.idle();
    expect(paths()).toEqual(['/legacy']);
    expect(JSON.parse(fake.requests[0]?.body ?? '{}')).toMatchObject({
      source: 'haltwatch',
      priority: 'INFO',
    });
  });
});

describe('notification center: delivery you can trust', () => {
  it('a notice the store refuses is still shown on the desktop and logged, never thrown', async () => {
    start([hook('hook', 'INFO')]);
    h.store.close();
    expect(() => h.center.publish(notice('CRITICAL'))).not.toThrow();
    await h.center.idle();
    expect(shown).toHaveLength(1);
    expect(h.logs).toContain('haltwatch: notice "Haltwatch: CRITICAL" could not be stored or sent on');
  });

  it('retries with growing backoff, keeping the provider’s error visible, until it is sent', async () => {
    start([hook('hook', 'INFO')]);
    fake.answers.push({ status: 502, body: 'bad gateway' }, { status: 503, body: 'busy' });
    h.center.publish(notice('CRITICAL'));
    await h.center.idle();
    let delivery = h.center.list(0, 1).notices[0]?.deliveries[0];
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, answer: 'HTTP 502: bad gateway' });
    expect(delivery?.nextAttemptAt).toBe(clock.now() + 30_000);
    await advance(29_999);
    expect(fake.requests).toHaveLength(1);
    await advance(1);
    expect(fake.requests).toHaveLength(2);
    await advance(59_999);
    expect(fake.requests).toHaveLength(2);
    await advance(1);
    delivery = h.center.list(0, 1).notices[0]?.deliveries[0];
    expect(delivery).toMatchObject({ state: 'sent', attempts: 3, answer: 'HTTP 200: {"ok":true}' });
    // One key for every attempt of one delivery.
    expect(new Set(fake.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('three failures in a row raise a board problem; a success clears it', async () => {
    start([hook('hook', 'INFO')]);
    fake.fallback = { status: 500, body: 'down' };
    h.center.publish(notice('CRITICAL'));
    await h.center.idle();
    await advance(30_000);
    expect(h.center.problems()).toEqual([]);
    await advance(60_000);
    expect(h.center.problems()).toEqual([
      {
        file: '/data/settings.json',
        area: 'notifications',
        message:
          'the notification channel "hook" failed 3 times in a row (last: HTTP 500: down); its notices are retried for 24 h',
        issues: [{ path: 'notifications.channels.hook', message: 'HTTP 500: down' }],
        keptAt: null,
      },
    ]);
    expect(h.counts.problemChanges).toBe(1);
    fake.fallback = { status: 200, body: 'ok' };
    await advance(120_000);
    expect(h.center.problems()).toEqual([]);
    expect(h.counts.problemChanges).toBe(2);
  });

  it('gives up after 24 h and keeps the last error', async () => {
    start([hook('hook', 'INFO')]);
    fake.fallback = { status: 500, body: 'down' };
    h.center.publish(notice('CRITICAL'));
    await h.center.idle();
    const first = () => h.center.list(0, 1).notices[0]?.deliveries[0];
    for (let i = 0; i < 100 && first()?.state === 'pending'; i++)
      await advance((first()?.nextAttemptAt ?? 0) - clock.now());
    const delivery = first();
    expect(delivery).toMatchObject({ state: 'failed', answer: 'HTTP 500: down', nextAttemptAt: null });
    // 30 s, 1, 2, 4, 8, 16 min, then every 30 min: attempt 53 is at 23 h 51.5 min, the next would be late.
    expect(delivery?.attempts).toBe(53);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5, 14, 0) + (31.5 + 46 * 30) * MIN);
    expect(clock.pendingTimers()).toBe(0);
    expect(h.logs.some((l) => l.includes('given up after 53 attempts'))).toBe(true);
    expect(RETRY_FOR_MS).toBe(24 * 60 * MIN);
  });

  it('stores and logs the provider’s answer with secrets replaced by their names', async () => {
    start([hook('hook', 'INFO', { bearer: { secret: 'HOOK_TOKEN' } })], {}, { HOOK_TOKEN: 'abc-secret-123' });
    fake.answers.push({ status: 401, body: 'token abc-secret-123 refused' });
    h.center.publish(notice('CRITICAL'));
    await h.center.idle();
    expect(h.center.list(0, 1).notices[0]?.deliveries[0]?.answer).toBe(
      'HTTP 401: token [secret HOOK_TOKEN] refused',
    );
  });

  it('a delivery whose channel was removed from the settings fails, saying so', async () => {
    start([hook('hook', 'INFO')]);
    fake.fallback = { status: 500, body: 'down' };
    h.center.publish(notice('CRITICAL'));
    await h.center.idle();
    h.settings = { ...h.settings, channels: [] };
    await advance(30_000);
    expect(h.center.list(0, 1).notices[0]?.deliveries[0]).toMatchObject({
      state: 'failed',
      answer: 'the channel "hook" is no longer configured',
    });
  });
});

describe('notification center: EMERGENCY repeats until acknowledged', () => {
  it('repeats every N minutes on every channel and locally; acknowledging stops it and is audited', async () => {
    start([hook('hook', 'CRITICAL')], { emergencyRepeatMinutes: 5 });
    h.center.publish(notice('EMERGENCY', { title: 'Haltwatch: ✕ SHUTDOWN' }));
    await h.center.idle();
    expect(fake.requests).toHaveLength(1);
    await advance(5 * MIN - 1);
    expect(fake.requests).toHaveLength(1);
    await advance(1);
    expect(fake.requests).toHaveLength(2);
    await advance(5 * MIN);
    expect(fake.requests).toHaveLength(3);
    expect(shown).toHaveLength(3);
    // Each repeat is a delivery of its own (a new key), not a retry of the first.
    expect(new Set(fake.requests.map((r) => r.headers['idempotency-key'])).size).toBe(3);

    const id = h.center.list(0, 1).notices[0]?.id ?? 0;
    const acked = h.center.acknowledge(id, 'dashboard', 'on it, broker support called');
    expect(acked.acknowledged).toEqual({
      at: clock.now(),
      actor: 'dashboard',
      reason: 'on it, broker support called',
    });
    expect(acked.repeats).toBe(2);
    await advance(30 * MIN);
    expect(fake.requests).toHaveLength(3);
    expect(h.audits).toEqual([
      {
        at: acked.acknowledged?.at,
        kind: 'manual',
        action: 'notice_acknowledged',
        reason: 'on it, broker support called',
        actor: 'dashboard',
        details: { notice: id, title: 'Haltwatch: ✕ SHUTDOWN' },
      },
    ]);
  });

  it('stops repeating once the level has left SHUTDOWN', async () => {
    start([hook('hook', 'CRITICAL')]);
    h.center.publish(notice('EMERGENCY'));
    await h.center.idle();
    h.center.observeLevel('SHUTDOWN');
    await advance(5 * MIN);
    expect(fake.requests).toHaveLength(2);
    h.center.observeLevel('HALT');
    await advance(20 * MIN);
    expect(fake.requests).toHaveLength(2);
  });

  it('does not repeat below EMERGENCY, and an unknown notice cannot be acknowledged', async () => {
    start([hook('hook', 'CRITICAL')]);
    h.center.publish(notice('CRITICAL'));
    await h.center.idle();
    await advance(60 * MIN);
    expect(fake.requests).toHaveLength(1);
    expect(() => h.center.acknowledge(999, 'dashboard', 'nothing')).toThrow('no notice with id 999');
  });
});

describe('notification center: snooze', () => {
  it('silences a service’s notices for the time chosen, records them, and is audited', async () => {
    start([hook('hook', 'INFO')]);
    const snooze = h.center.snooze('broker', '1h', 'dashboard', 'known outage, ticket 42');
    expect(snooze).toEqual({
      service: 'broker',
      at: clock.now(),
      until: clock.now() + 60 * MIN,
      reason: 'known outage, ticket 42',
      actor: 'dashboard',
    });
    h.center.publish(notice('CRITICAL', { service: 'broker' }));
    h.center.publish(notice('CRITICAL', { service: 'quotes', title: 'quotes' }));
    await h.center.idle();
    expect(paths()).toEqual(['/hook']);
    expect(JSON.parse(fake.requests[0]?.body ?? '{}')).toMatchObject({ title: 'quotes' });
    expect(shown.map((n) => n.title)).toEqual(['quotes']);
    const page = h.center.list(0, 10);
    expect(page.notices.map((n) => [n.service, n.snoozed, n.deliveries.length])).toEqual([
      ['quotes', false, 1],
      ['broker', true, 0],
    ]);
    expect(page.snoozes).toEqual([snooze]);
    expect(h.audits[0]).toMatchObject({
      kind: 'manual',
      action: 'notices_snoozed',
      reason: 'known outage, ticket 42',
      details: { service: 'broker', until: snooze.until, duration: '1h' },
    });

    await advance(60 * MIN);
    h.center.publish(notice('CRITICAL', { service: 'broker' }));
    await h.center.idle();
    expect(fake.requests).toHaveLength(2);
    expect(h.center.list(0, 10).snoozes).toEqual([]);
  });

  it('never silences an EMERGENCY', async () => {
    start([hook('hook', 'INFO')]);
    h.center.snooze('broker', '4h', 'dashboard', 'known outage');
    h.center.publish(notice('EMERGENCY', { service: 'broker' }));
    await h.center.idle();
    expect(fake.requests).toHaveLength(1);
  });

  it('"until the next session" ends when the exchange next opens; lifting it early is audited', () => {
    start([]);
    const opens = clock.now() + 17 * 60 * MIN;
    expect(h.center.snooze('quotes', 'session', 'dashboard', 'closed today').until).toBe(opens);
    h.center.unsnooze('quotes', 'dashboard', 'fixed');
    expect(h.audits.map((a) => (a.kind === 'manual' ? a.action : a.kind))).toEqual([
      'notices_snoozed',
      'notices_unsnoozed',
    ]);
    expect(() => h.center.unsnooze('quotes', 'dashboard', 'again')).toThrow('are not snoozed');
  });
});

describe('notification center: Send test and read marks', () => {
  it('reports the provider’s answer, or its error, without storing anything', async () => {
    start([]);
    const ok = await h.center.test({
      kind: 'webhook',
      name: 'hook',
      url: `${fake.origin}/t`,
      enabled: true,
      minPriority: 'WARNING',
    });
    expect(ok).toEqual({ ok: true, answer: 'HTTP 200: {"ok":true}' });
    expect(JSON.parse(fake.requests[0]?.body ?? '{}')).toMatchObject({
      kind: 'test',
      priority: 'WARNING',
      title: 'Haltwatch: test notice',
    });
    fake.answers.push({ status: 404, body: { error: 'no such topic' } });
    const failed = await h.center.test({
      kind: 'webhook',
      name: 'hook',
      url: `${fake.origin}/t`,
      enabled: true,
      minPriority: 'WARNING',
    });
    expect(failed).toEqual({ ok: false, answer: 'HTTP 404: {"error":"no such topic"}' });
    expect(h.center.list(0, 10).notices).toEqual([]);
  });

  it('marks notices read up to an id', () => {
    start([]);
    h.center.publish(notice('INFO'));
    h.center.publish(notice('INFO'));
    const [second, first] = h.center.list(0, 10).notices;
    expect(h.center.markRead(first?.id ?? 0)).toEqual({ unread: 1 });
    expect(h.center.list(0, 10).notices.map((n) => n.read)).toEqual([false, true]);
    expect(h.center.markRead(second?.id ?? 0)).toEqual({ unread: 0 });
  });
});
