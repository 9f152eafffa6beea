import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildChannel, type OutgoingNotice } from '../../../electron/core/notify/channels/index.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { channelSchema, type ChannelConfigInput } from '../../../shared/notify-channels.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { freePort } from '../../helpers/servers/free-port.ts';
import { startProviderFake, type ProviderFake } from '../../helpers/servers/provider-fake.ts';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const secrets = staticSecrets({
  TG_TOKEN: '123456:telegram-secret',
  TWILIO_TOKEN: 'twilio-secret',
  NTFY_TOKEN: 'tk_ntfysecret',
  PO_APP: 'pushover-app-token',
  PO_USER: 'pushover-user-key',
  HOOK_BEARER: 'hook-secret',
});

const notice: OutgoingNotice = {
  id: 7,
  at: Date.UTC(2026, 0, 5, 15, 0),
  kind: 'level',
  priority: 'CRITICAL',
  service: 'broker',
  title: 'Haltwatch: ■ HALT',
  body: 'No new positions.\nCause: broker breaker OPEN',
  target: '#/board',
};

let fake: ProviderFake;
let clock: ManualClock;
beforeEach(async () => {
  fake = await startProviderFake();
  clock = new ManualClock();
});
afterEach(() => fake.stop());

function channel(config: ChannelConfigInput, extraSecrets: Record<string, string> = {}) {
  const all = staticSecrets({
    ...Object.fromEntries(secrets.names().map((n) => [n, secrets.get(n) ?? ''])),
    ...extraSecrets,
  });
  return buildChannel(channelSchema.parse(config), { secrets: all, clock, timeoutMs: 2_000 });
}

const json = (i = 0) => JSON.parse(fake.requests[i]?.body ?? 'null') as unknown;
const form = (i = 0) => Object.fromEntries(new URLSearchParams(fake.requests[i]?.body ?? ''));

describe('notification channels against local servers speaking their protocol', () => {
  it('Telegram: POST /bot<token>/sendMessage with the chat id and the text', async () => {
    fake.fallback = { status: 200, body: { ok: true, result: { message_id: 42 } } };
    const tg = channel({
      kind: 'telegram',
      name: 'phone',
      botToken: { secret: 'TG_TOKEN' },
      chatId: '-100123',
      baseUrl: fake.origin,
    });
    const answer = await tg.send(notice, 'k1');
    expect(answer).toBe('HTTP 200: {"ok":true,"result":{"message_id":42}}');
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: '/bot123456:telegram-secret/sendMessage',
    });
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
    expect(json()).toEqual({
      chat_id: '-100123',
      text: 'Haltwatch: ■ HALT\n\nNo new positions.\nCause: broker breaker OPEN',
      disable_notification: false,
      link_preview_options: { is_disabled: true },
    });
  });

  it('Telegram: INFO arrives silently; a refusal carries Telegram’s description', async () => {
    fake.answers.push({ status: 400, body: { ok: false, description: 'Bad Request: chat not found' } });
    const tg = channel({
      kind: 'telegram',
      name: 'phone',
      botToken: { secret: 'TG_TOKEN' },
      chatId: '@my_channel',
      baseUrl: fake.origin,
    });
    await expect(tg.send({ ...notice, priority: 'INFO' }, 'k')).rejects.toThrow(
      'HTTP 400: {"ok":false,"description":"Bad Request: chat not found"}',
    );
    expect(json()).toMatchObject({ chat_id: '@my_channel', disable_notification: true });
  });

  it('Twilio SMS: form POST to Messages.json with Basic auth of the SID and auth token', async () => {
    fake.fallback = { status: 201, body: { sid: 'SM1', status: 'queued' } };
    const sms = channel({
      kind: 'sms',
      name: 'sms',
      accountSid: SID,
      authToken: { secret: 'TWILIO_TOKEN' },
      from: '+15550001111',
      to: '+15552223333',
      baseUrl: fake.origin,
    });
    expect(await sms.send(notice, 'k')).toBe('HTTP 201: {"sid":"SM1","status":"queued"}');
    const request = fake.requests[0];
    expect(request?.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${SID}:twilio-secret`).toString('base64')}`,
    );
    expect(form()).toEqual({
      To: '+15552223333',
      From: '+15550001111',
      Body: 'Haltwatch: ■ HALT\n\nNo new positions.\nCause: broker breaker OPEN',
    });
  });

  it('Twilio SMS: a long body is cut to a few segments', async () => {
    const sms = channel({
      kind: 'sms',
      name: 'sms',
      accountSid: SID,
      authToken: { secret: 'TWILIO_TOKEN' },
      from: '+15550001111',
      to: '+15552223333',
      baseUrl: fake.origin,
    });
    await sms.send({ ...notice, body: 'x'.repeat(2000) }, 'k');
    expect(form().Body).toHaveLength(480);
    expect(form().Body?.endsWith('…')).toBe(true);
  });

  it('ntfy: JSON to the server root with topic, priority and the access token', async () => {
    fake.fallback = { status: 200, body: { id: 'abc', event: 'message' } };
    const ntfy = channel({
      kind: 'ntfy',
      name: 'ntfy',
      baseUrl: `${fake.origin}/`,
      topic: 'haltwatch-alerts',
      token: { secret: 'NTFY_TOKEN' },
    });
    await ntfy.send({ ...notice, priority: 'EMERGENCY' }, 'k');
    expect(fake.requests[0]?.url).toBe('/');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer tk_ntfysecret');
    expect(json()).toEqual({
      topic: 'haltwatch-alerts',
      title: 'Haltwatch: ■ HALT',
      message: 'No new positions.\nCause: broker breaker OPEN',
      priority: 5,
      tags: ['emergency'],
    });
  });

  it('ntfy: a public topic sends no Authorization header', async () => {
    const ntfy = channel({ kind: 'ntfy', name: 'ntfy', baseUrl: fake.origin, topic: 't1' });
    await ntfy.send({ ...notice, priority: 'WARNING' }, 'k');
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
    expect(json()).toMatchObject({ priority: 3 });
  });

  it('Pushover: form POST to /1/messages.json with the app token and user key', async () => {
    fake.fallback = { status: 200, body: { status: 1, request: 'r-1' } };
    const po = channel({
      kind: 'pushover',
      name: 'pushover',
      appToken: { secret: 'PO_APP' },
      userKey: { secret: 'PO_USER' },
      baseUrl: fake.origin,
    });
    await po.send(notice, 'k');
    expect(fake.requests[0]?.url).toBe('/1/messages.json');
    expect(form()).toEqual({
      token: 'pushover-app-token',
      user: 'pushover-user-key',
      title: 'Haltwatch: ■ HALT',
      message: 'No new positions.\nCause: broker breaker OPEN',
      priority: '1',
      timestamp: String(notice.at / 1000),
    });
  });

  it('Discord: an embed with the priority colour, mentions off, wait=true', async () => {
    fake.fallback = { status: 200, body: { id: '99', channel_id: '1' } };
    const discord = channel(
      { kind: 'discord', name: 'discord', url: { secret: 'DISCORD_URL' } },
      { DISCORD_URL: `${fake.origin}/api/webhooks/1/discord-secret` },
    );
    await discord.send(notice, 'k');
    expect(fake.requests[0]?.url).toBe('/api/webhooks/1/discord-secret?wait=true');
    expect(json()).toEqual({
      username: 'Haltwatch',
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: 'Haltwatch: ■ HALT',
          description: 'No new positions.\nCause: broker breaker OPEN',
          color: 0xe74c3c,
          timestamp: '2026-01-05T15:00:00.000Z',
          footer: { text: 'CRITICAL' },
        },
      ],
    });
  });

  it('Slack: fallback text and blocks, with <, > and & escaped', async () => {
    fake.fallback = { status: 200, body: 'ok' };
    const slack = channel(
      { kind: 'slack', name: 'slack', url: { secret: 'SLACK_URL' } },
      { SLACK_URL: `${fake.origin}/services/T/B/slack-secret` },
    );
    expect(await slack.send({ ...notice, body: 'p&l <0' }, 'k')).toBe('HTTP 200: ok');
    expect(fake.requests[0]?.url).toBe('/services/T/B/slack-secret');
    expect(json()).toEqual({
      text: 'Haltwatch: ■ HALT\n\np&amp;l &lt;0',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Haltwatch: ■ HALT' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'p&amp;l &lt;0' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Priority: *CRITICAL*' }] },
      ],
    });
  });

  it('generic webhook: Haltwatch’s JSON with the idempotency key and a bearer token', async () => {
    const hook = channel({
      kind: 'webhook',
      name: 'hook',
      url: `${fake.origin}/hook`,
      bearer: { secret: 'HOOK_BEARER' },
    });
    await hook.send(notice, 'haltwatch-key-1');
    expect(fake.requests[0]?.headers['idempotency-key']).toBe('haltwatch-key-1');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer hook-secret');
    expect(json()).toEqual({ source: 'haltwatch', ...notice });
  });

  it('a missing secret is named, and nothing is sent', async () => {
    const tg = buildChannel(
      channelSchema.parse({
        kind: 'telegram',
        name: 'phone',
        botToken: { secret: 'NOT_SET' },
        chatId: '1',
        baseUrl: fake.origin,
      }),
      { secrets: staticSecrets({}), clock },
    );
    await expect(tg.send(notice, 'k')).rejects.toThrow('secret "NOT_SET" is not set');
    expect(fake.requests).toHaveLength(0);
  });

  it('an unreachable provider is said so without the URL (it can hold the token)', async () => {
    const port = await freePort();
    const tg = channel({
      kind: 'telegram',
      name: 'phone',
      botToken: { secret: 'TG_TOKEN' },
      chatId: '1',
      baseUrl: `http://127.0.0.1:${port}`,
    });
    const error = await tg.send(notice, 'k').then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^not reached: /);
    expect(error?.message).not.toContain('telegram-secret');
  });

  it('a provider that never answers is given up on after the timeout', async () => {
    fake.fallback = 'hang';
    const hook = channel({ kind: 'webhook', name: 'hook', url: `${fake.origin}/hook` });
    const sent = hook.send(notice, 'k');
    await fake.received(1);
    clock.advance(2_000);
    await expect(sent).rejects.toThrow('no answer within 2000 ms');
  });

  it('a redirect is refused rather than followed (credentials stay with the provider)', async () => {
    fake.fallback = { status: 302, body: '' };
    const hook = channel({ kind: 'webhook', name: 'hook', url: `${fake.origin}/hook` });
    await expect(hook.send(notice, 'k')).rejects.toThrow(/not reached|HTTP 302/);
  });
});

describe('channel settings', () => {
  it('refuse a literal credential and name the field', () => {
    const parsed = channelSchema.safeParse({ kind: 'telegram', name: 'p', botToken: '123:abc', chatId: '1' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['botToken']);
  });

  it('refuse a bad phone number, SID or base URL with a message naming the form', () => {
    const parsed = channelSchema.safeParse({
      kind: 'sms',
      name: 's',
      accountSid: 'AC1',
      authToken: { secret: 'T' },
      from: '5551234',
      to: '+15552223333',
      baseUrl: 'ftp://example.com',
    });
    const messages = parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'accountSid: a Twilio Account SID: AC and 32 hex digits',
      'from: a phone number in E.164 form, e.g. +15551234567',
      'baseUrl: baseUrl must be an http:// or https:// URL, got "ftp://example.com"',
    ]);
  });

  it('default to the providers’ public base URLs and the CRITICAL minimum', () => {
    const tg = channelSchema.parse({ kind: 'telegram', name: 'p', botToken: { secret: 'T' }, chatId: '1' });
    expect(tg).toMatchObject({ baseUrl: 'https://api.telegram.org', minPriority: 'CRITICAL', enabled: true });
  });
});
