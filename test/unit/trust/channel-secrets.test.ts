import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { openBotApi, type BotApi } from '../bot-api/harness.ts';
import { rpc } from './http.ts';

const SECRET = 'sk-live-SUPERSECRET-0123456789';
let api: BotApi | null = null;
let catcher: HttpFixture | null = null;
afterEach(async () => {
  await api?.close();
  await catcher?.stop();
  api = catcher = null;
});

/** An ntfy channel whose access token is a stored secret, pointed at `baseUrl`. */
const ntfy = (baseUrl: string, name = 'phone') => ({
  name,
  kind: 'ntfy',
  baseUrl,
  topic: 'halts',
  token: { secret: 'BROKER_KEY' },
  minPriority: 'CRITICAL',
  enabled: true,
});

function notifications(channels: unknown[]) {
  return { notifications: { levels: ['HALT', 'SHUTDOWN'], sound: true, webhooks: [], channels } };
}

async function setUp(): Promise<{ bot: BotApi; url: string }> {
  const bot = (api = await openBotApi());
  catcher = await startHttpFixture();
  const dispatch = createDispatcher(bot.monitor.handlers, () => {});
  const desktop = { actor: 'desktop', commandsAndSecrets: true };
  expect((await dispatch('secrets.set', { name: 'BROKER_KEY', value: SECRET }, desktop)).ok).toBe(true);
  return { bot, url: catcher.origin };
}

describe('notification channels that use a stored secret, over HTTP', () => {
  it('cannot be added, repointed or tested with the operator token: 403, nothing sent', async () => {
    const { bot, url } = await setUp();
    for (const [method, input] of [
      ['settings.set', notifications([ntfy(url)])],
      ['notifications.test', { channel: ntfy(url) }],
    ] as const) {
      const answer = await rpc(bot, method, input);
      expect(answer.status, method).toBe(403);
      expect(answer.body.error?.message).toContain('"phone"');
      expect(answer.body.error?.message).toContain('--allow-remote-commands');
    }
    expect(catcher?.requests).toEqual([]);
    expect(bot.monitor.settings.get().notifications.channels).toEqual([]);
  });

  it('set up at the desktop, may be kept and tested as saved, but not moved to another address', async () => {
    const { bot, url } = await setUp();
    const dispatch = createDispatcher(bot.monitor.handlers, () => {});
    const desktop = { actor: 'desktop', commandsAndSecrets: true };
    const saved = await dispatch('settings.set', notifications([ntfy(url)]), desktop);
    expect(saved.ok, JSON.stringify(saved)).toBe(true);

    const kept = await rpc(bot, 'settings.set', { ...notifications([ntfy(url)]), theme: 'dark' });
    expect(kept.status).toBe(200);
    const tested = await rpc(bot, 'notifications.test', { channel: ntfy(url) });
    expect(tested).toMatchObject({ status: 200, body: { ok: true, result: { ok: true } } });
    expect(catcher?.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);

    const sent = catcher?.requests.length;
    const moved = ntfy('http://127.0.0.1:9', 'phone');
    expect((await rpc(bot, 'settings.set', notifications([moved]))).status).toBe(403);
    expect((await rpc(bot, 'notifications.test', { channel: moved })).status).toBe(403);
    expect(catcher?.requests.length).toBe(sent);
    expect(bot.monitor.settings.get().notifications.channels[0]).toMatchObject({ baseUrl: url });
  });

  it('without a secret are the operator token’s to set up', async () => {
    const { bot, url } = await setUp();
    const { token: _token, ...open } = ntfy(url);
    expect((await rpc(bot, 'settings.set', notifications([open]))).status).toBe(200);
  });
});
