import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchNotifications } from '../../../electron/core/notify/watch.ts';
import type { Notice } from '../../../electron/core/notify/notice.ts';
import type { NotificationsPage } from '../../../shared/notify-channels.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { openBotApi, type BotApi } from '../bot-api/harness.ts';
import { startProviderFake, type ProviderFake } from '../../helpers/servers/provider-fake.ts';

let api: BotApi;
let fake: ProviderFake;
let shown: Notice[];
let stop: () => void;
let changes: number[];

beforeEach(async () => {
  fake = await startProviderFake({ status: 200, body: 'ok' });
  api = await openBotApi({
    settings: {
      notifications: {
        channels: [{ kind: 'webhook', name: 'relay', url: `${fake.origin}/relay`, minPriority: 'CRITICAL' }],
      },
    },
  });
  shown = [];
  changes = [];
  api.monitor.events.on('notifications.changed', ({ unread }) => changes.push(unread));
  stop = watchNotifications(api.monitor, { send: (n) => shown.push(n) });
  api.monitor.start();
});
afterEach(async () => {
  stop();
  await api.close();
  await fake.stop();
});

const kill = () =>
  api.post('/v1/reports', {
    reports: [{ type: 'critical_error', category: 'security', message: 'key leaked' }],
  });

async function notices(query = ''): Promise<NotificationsPage> {
  await api.monitor.notifications.idle();
  const response = await api.get(`/v1/notifications${query}`, api.operator);
  expect(response.statusCode).toBe(200);
  return response.json<NotificationsPage>();
}

describe('notifications through the engine and GET /v1/notifications', () => {
  it('a SHUTDOWN is an EMERGENCY notice: stored, sent, listed with its delivery', async () => {
    expect((await kill()).statusCode).toBe(200);
    const page = await notices('?limit=5');
    expect(page.unread).toBe(1);
    expect(page.notices[0]).toMatchObject({
      kind: 'level',
      priority: 'EMERGENCY',
      title: 'Haltwatch: ✕ SHUTDOWN',
      acknowledged: null,
      deliveries: [{ channel: 'relay', state: 'sent', attempts: 1, answer: 'HTTP 200: ok' }],
    });
    expect(fake.requests).toHaveLength(1);
    expect(shown.map((n) => n.priority)).toEqual(['EMERGENCY']);
    expect(changes.at(-1)).toBe(1);
  });

  it('repeats the EMERGENCY every 5 minutes until acknowledged, which leaves the level at SHUTDOWN', async () => {
    await kill();
    await api.monitor.notifications.idle();
    api.clock.advance(5 * 60_000);
    await api.monitor.notifications.idle();
    expect(fake.requests).toHaveLength(2);
    const id = (await notices()).notices[0]?.id;
    const acked = await api.post(
      '/api/rpc/notifications.acknowledge',
      { id, reason: 'rotating the key' },
      api.operator,
    );
    expect(acked.statusCode).toBe(200);
    api.clock.advance(30 * 60_000);
    await api.monitor.notifications.idle();
    expect(fake.requests).toHaveLength(2);
    expect((await api.get('/v1/status')).json<EngineStatus>().level).toBe('SHUTDOWN');
    const audit = await api.get('/v1/history?view=audit&kinds=manual', api.operator);
    expect(JSON.stringify(audit.json())).toContain('notice_acknowledged');
  });

  it('`since` and `limit` select notices; bad values are a 400 naming the field; the token is required', async () => {
    await kill();
    const later = api.clock.now() + 1;
    expect((await notices(`?since=${later}`)).notices).toEqual([]);
    expect((await notices('?since=0')).notices).toHaveLength(1);
    const bad = await api.get('/v1/notifications?limit=0', api.operator);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { issues: { path: string }[] } }>().error.issues[0]?.path).toBe('limit');
    expect((await api.get('/v1/notifications?color=red', api.operator)).statusCode).toBe(400);
    expect((await api.get('/v1/notifications', {})).statusCode).toBe(401);
  });

  it('a channel failing 3 times in a row shows on the board until it works again', async () => {
    fake.fallback = { status: 500, body: 'relay down' };
    await kill();
    await api.monitor.notifications.idle();
    api.clock.advance(30_000);
    await api.monitor.notifications.idle();
    api.clock.advance(60_000);
    await api.monitor.notifications.idle();
    const problems = (await api.get('/v1/status')).json<EngineStatus>().problems;
    expect(problems).toMatchObject([
      // Each retry round carries every notice still owed (the SHUTDOWN and the level changes before it).
      { area: 'notifications', message: expect.stringMatching(/"relay" failed [3-9] times in a row/) },
    ]);
    fake.fallback = { status: 200, body: 'ok' };
    // In steps shorter than a send's 15 s deadline, each answered before the fake clock moves on.
    for (let step = 0; step < 12; step++) {
      api.clock.advance(10_000);
      await api.monitor.notifications.idle();
    }
    expect((await api.get('/v1/status')).json<EngineStatus>().problems).toEqual([]);
  });
});
