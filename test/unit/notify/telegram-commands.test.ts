import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildChannel } from '../../../electron/core/notify/channels/index.ts';
import { watchNotifications } from '../../../electron/core/notify/watch.ts';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import {
  backoffMs,
  EMPTY_POLL_GAP_MS,
  TelegramCommands,
} from '../../../electron/core/notify/telegram-commands.ts';
import { HELP_TEXT } from '../../../electron/core/notify/telegram-chat.ts';
import {
  channelSchema,
  type ChannelConfig,
  type NotificationsPage,
} from '../../../shared/notify-channels.ts';
import { openBotApi, type BotApi } from '../bot-api/harness.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startTelegramFake, type TelegramFake } from '../../helpers/servers/telegram-fake.ts';

const TOKEN = '123456:operator-bot-secret';
const OPERATOR_CHAT = 4242;
const STRANGER_CHAT = 666;
const WAIT_SECONDS = 5;
/** When a getUpdates that never answers is given up on. */
const HANG_LIMIT_MS = WAIT_SECONDS * 1000 + 10_000;

let api: BotApi;
let tg: TelegramFake;
/** Records every timer's length: the poller's pauses (gap, backoff) are the only ones under 10 s. */
class RecordingClock extends ManualClock {
  readonly lengths: number[] = [];
  override setTimer(fn: () => void, ms: number) {
    this.lengths.push(ms);
    return super.setTimer(fn, ms);
  }
}

let clock: RecordingClock;
let commands: TelegramCommands;
let logged: string[];

const channelConfig = () =>
  channelSchema.parse({
    kind: 'telegram',
    name: 'phone',
    botToken: { secret: 'TG_TOKEN' },
    chatId: String(OPERATOR_CHAT),
    baseUrl: tg.origin,
    minPriority: 'INFO',
    commands: true,
  });

beforeEach(async () => {
  tg = await startTelegramFake(TOKEN);
  api = await openBotApi();
  api.monitor.start();
  // The poller's own clock: its timers are the only ones counted while a test waits for a pause.
  clock = new RecordingClock();
  logged = [];
  commands = new TelegramCommands({
    dispatch: createDispatcher(api.monitor.handlers, () => {}),
    clock,
    secrets: staticSecrets({ TG_TOKEN: TOKEN }),
    channels: () => [channelConfig()],
    log: (message) => logged.push(message),
    waitSeconds: WAIT_SECONDS,
  });
});
afterEach(async () => {
  commands.stop();
  await commands.settled();
  await api.close();
  await tg.stop();
});

const WAIT = { timeout: 5_000, interval: 10 };
const polls = () => tg.callsOf('getUpdates').length;
const waitForPolls = (count: number) => vi.waitFor(() => expect(polls()).toBeGreaterThanOrEqual(count), WAIT);
/** The poller has begun its `count`th pause (backoff or the gap after an empty answer). */
const waitForPause = (count: number) =>
  vi.waitFor(() => expect(clock.lengths.filter((ms) => ms < 10_000).length).toBe(count), WAIT);
const message = (chat: number, text: string) => ({
  message: { message_id: 1, date: 0, chat: { id: chat, type: 'private' }, text },
});
const press = (chat: number, data: string) => ({
  callback_query: {
    id: `q${data}`,
    from: { id: chat },
    data,
    message: { message_id: 9, chat: { id: chat, type: 'private' } },
  },
});
const gateOpen = async () => (await api.get('/v1/gate?action=open')).json<{ allowed: boolean }>();
const audit = () =>
  api.db((db) =>
    (
      db.prepare("SELECT event FROM audit_log WHERE kind = 'manual' ORDER BY id").all() as { event: string }[]
    ).map((row) => {
      const { action, actor, reason } = JSON.parse(row.event) as Record<string, unknown>;
      return { action, actor, reason };
    }),
  );
const sent = () => tg.callsOf('sendMessage').map((c) => c.body);

describe('Telegram two-way commands against a local Bot API', () => {
  it('a notice sent on a commands channel carries Acknowledge and Snooze buttons', async () => {
    const channel = buildChannel(channelConfig(), { secrets: staticSecrets({ TG_TOKEN: TOKEN }), clock });
    await channel.send(
      {
        id: 12,
        at: 0,
        kind: 'level',
        priority: 'CRITICAL',
        service: 'broker',
        title: 'Haltwatch: ■ HALT',
        body: 'x',
        target: '#/board',
      },
      'k',
    );
    expect(sent()[0]?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Acknowledge', callback_data: 'ack:12' },
          { text: 'Snooze 1 h', callback_data: 'snz:1h:broker' },
          { text: 'Snooze 4 h', callback_data: 'snz:4h:broker' },
        ],
      ],
    });
    const sendOnly = buildChannel(channelSchema.parse({ ...channelConfig(), commands: false }), {
      secrets: staticSecrets({ TG_TOKEN: TOKEN }),
      clock,
    });
    await sendOnly.send(
      { id: 13, at: 0, kind: 'x', priority: 'INFO', service: null, title: 't', body: 'b', target: '#/' },
      'k',
    );
    expect(sent()[1]).not.toHaveProperty('reply_markup');
  });

  it('commands are off by default and need a numeric chat id', () => {
    const { commands, ...sendOnly } = channelConfig() as Extract<ChannelConfig, { kind: 'telegram' }>;
    expect(commands).toBe(true);
    const parsed = channelSchema.parse({ ...sendOnly, chatId: '@mychannel' });
    expect(parsed).toMatchObject({ kind: 'telegram', commands: false });
    const refused = channelSchema.safeParse({ ...sendOnly, chatId: '@mychannel', commands: true });
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({
        path: ['chatId'],
        message: 'commands need the numeric chat id of your chat with the bot, not an @channelname',
      }),
    ]);
  });

  it('the Acknowledge button acknowledges the notice as "telegram" and answers the press', async () => {
    const stopWatching = watchNotifications(api.monitor, { send: () => {} });
    await api.post('/v1/reports', {
      reports: [{ type: 'critical_error', category: 'security', message: 'key leaked' }],
    });
    await api.monitor.notifications.idle();
    const page = (await api.get('/v1/notifications', api.operator)).json<NotificationsPage>();
    const id = page.notices[0]?.id as number;
    commands.start();
    tg.push(press(OPERATOR_CHAT, `ack:${id}`));
    await vi.waitFor(() => expect(tg.callsOf('answerCallbackQuery')).toHaveLength(1), WAIT);
    expect(tg.callsOf('answerCallbackQuery')[0]?.body).toEqual({
      callback_query_id: `qack:${id}`,
      text: 'Acknowledged. The level stays as it is.',
    });
    const after = (await api.get('/v1/notifications', api.operator)).json<NotificationsPage>();
    expect(after.notices[0]?.acknowledged).toMatchObject({
      actor: 'telegram',
      reason: 'acknowledged from Telegram',
    });
    expect(api.monitor.status().level).toBe('SHUTDOWN');
    stopWatching();
  });

  it('Snooze 1 h snoozes the service, audited, and leaves the gate as it was', async () => {
    const before = await gateOpen();
    commands.start();
    tg.push(press(OPERATOR_CHAT, 'snz:1h:broker'));
    await vi.waitFor(() => expect(tg.callsOf('answerCallbackQuery')).toHaveLength(1), WAIT);
    expect(String(tg.callsOf('answerCallbackQuery')[0]?.body.text)).toMatch(
      /^Notices of broker snoozed until .* UTC/,
    );
    const page = (await api.get('/v1/notifications', api.operator)).json<NotificationsPage>();
    expect(page.snoozes).toEqual([
      expect.objectContaining({ service: 'broker', until: api.clock.now() + 3_600_000, actor: 'telegram' }),
    ]);
    expect(audit()).toEqual([
      { action: 'notices_snoozed', actor: 'telegram', reason: 'snoozed 1 h from Telegram' },
    ]);
    expect(await gateOpen()).toEqual(before);
  });

  it('/halt <reason> turns the override on as "telegram": opens are refused', async () => {
    expect((await gateOpen()).allowed).toBe(true);
    commands.start();
    tg.push(message(OPERATOR_CHAT, '/halt broker acting up'));
    await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
    expect(sent()[0]).toMatchObject({ chat_id: String(OPERATOR_CHAT) });
    expect(String(sent()[0]?.text)).toMatch(/^Trading disabled \(override on\), reason "broker acting up"/);
    expect((await gateOpen()).allowed).toBe(false);
    expect(api.monitor.status().override).toMatchObject({ enabled: true, actor: 'telegram' });
    expect(audit()).toEqual([
      expect.objectContaining({ action: 'override_on', actor: 'telegram', reason: 'broker acting up' }),
    ]);
  });

  it('/halt without a reason asks for one and changes nothing', async () => {
    commands.start();
    tg.push(message(OPERATOR_CHAT, '/halt@HaltwatchBot'));
    await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
    expect(sent()[0]?.text).toBe('Say why: /halt <reason>, e.g. /halt broker is acting up');
    expect((await gateOpen()).allowed).toBe(true);
  });

  it('/status answers the level, the cause and the worst services', async () => {
    await api.post('/v1/reports', {
      reports: [{ type: 'slippage', expectedPrice: 100, actualPrice: 100.6 }],
    });
    commands.start();
    tg.push(message(OPERATOR_CHAT, '/status'));
    await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
    const text = String(sent()[0]?.text);
    expect(text).toMatch(/^■ HALT: /);
    expect(text).toMatch(/\nCause: .*slippage/i);
    expect(text).toMatch(/All 0 services healthy\./);
  });

  it('never recovers, confirms or lifts the override from chat: those get the help text', async () => {
    await api.post('/v1/override', { enabled: true, reason: 'held by the bot' });
    commands.start();
    for (const text of ['/recover now', '/confirm', '/override off', '/unhalt', 'hello'])
      tg.push(message(OPERATOR_CHAT, text));
    await vi.waitFor(() => expect(sent()).toHaveLength(5), WAIT);
    expect(sent().map((m) => m.text)).toEqual(Array(5).fill(HELP_TEXT));
    expect(api.monitor.status().override?.enabled).toBe(true);
    expect((await gateOpen()).allowed).toBe(false);
  });

  it('another chat is ignored and logged: no reply, no halt, no acknowledge', async () => {
    commands.start();
    tg.push(message(STRANGER_CHAT, '/halt gotcha'));
    tg.push(press(STRANGER_CHAT, 'snz:4h:broker'));
    tg.push(message(OPERATOR_CHAT, '/status'));
    await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
    expect(sent()[0]?.chat_id).toBe(String(OPERATOR_CHAT));
    expect(tg.callsOf('answerCallbackQuery')).toHaveLength(0);
    expect((await gateOpen()).allowed).toBe(true);
    expect(audit()).toEqual([]);
    expect(logged.filter((l) => l.includes(`ignored an update from chat ${STRANGER_CHAT}`))).toHaveLength(2);
  });

  it('moves the offset past every update, so nothing is answered twice', async () => {
    commands.start();
    const id = tg.push(message(OPERATOR_CHAT, '/status'));
    await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
    await waitForPolls(2);
    expect(tg.callsOf('getUpdates')[1]?.body).toMatchObject({ offset: id + 1, timeout: WAIT_SECONDS });
  });

  it('a failing Telegram is retried with growing backoff, then answers again; the engine runs on', async () => {
    tg.mode = 'fail';
    commands.start();
    await waitForPolls(1);
    await waitForPause(1);
    clock.advance(backoffMs(1));
    await waitForPolls(2);
    await waitForPause(2);
    // The second failure waits 2 s: 1 s is not enough.
    clock.advance(backoffMs(1));
    expect(clock.pendingTimers()).toBe(2); // the reconcile timer and the backoff, not yet over
    expect(polls()).toBe(2);
    tg.mode = 'ok';
    clock.advance(backoffMs(2) - backoffMs(1));
    tg.push(message(OPERATOR_CHAT, '/halt telegram recovered'));
    await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
    expect(
      logged.some((l) =>
        /getUpdates failed \(getUpdates: HTTP 502: Bad Gateway\); trying again in 1 s/.test(l),
      ),
    ).toBe(true);
    expect(logged.some((l) => l.includes('trying again in 2 s'))).toBe(true);
    expect(logged.some((l) => l.includes('polling works again after 2 failures'))).toBe(true);
    expect((await gateOpen()).allowed).toBe(false);
  });

  it('a getUpdates that never answers is given up on after its bound, then polled again', async () => {
    tg.mode = 'hang';
    commands.start();
    await waitForPolls(1);
    clock.advance(HANG_LIMIT_MS);
    await waitForPause(1);
    expect(logged.some((l) => l.includes(`no answer within ${HANG_LIMIT_MS} ms`))).toBe(true);
    tg.mode = 'ok';
    clock.advance(backoffMs(1));
    await waitForPolls(2);
    tg.push(message(OPERATOR_CHAT, '/status'));
    await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
    expect(api.monitor.status().level).toBe('NORMAL');
  });

  it('backoff doubles from 1 s and stops growing at 60 s', () => {
    expect([1, 2, 3, 6, 7, 20].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
  });

  it('an empty answer waits a gap before the next poll (no busy loop against a server that answers at once)', async () => {
    tg.mode = 'empty';
    commands.start();
    await waitForPolls(1);
    await waitForPause(1);
    expect(polls()).toBe(1);
    clock.advance(EMPTY_POLL_GAP_MS);
    await waitForPolls(2);
    expect(logged).toEqual([]);
  });

  it('stops polling when the channel turns commands off, and with a missing token says so and retries', async () => {
    let channels = [channelConfig()];
    const local = new TelegramCommands({
      dispatch: createDispatcher(api.monitor.handlers, () => {}),
      clock,
      secrets: staticSecrets({}),
      channels: () => channels,
      log: (m) => logged.push(m),
      waitSeconds: WAIT_SECONDS,
    });
    local.start();
    await vi.waitFor(
      () => expect(logged.join('\n')).toContain('the secret "TG_TOKEN" (bot token) is not set'),
      WAIT,
    );
    expect(polls()).toBe(0);
    channels = [];
    clock.advance(30_000);
    const told = logged.length;
    // The poller is gone: no retry comes any more, however long.
    clock.advance(10 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged).toHaveLength(told);
    local.stop();
  });

  it('the engine itself polls for a channel with commands on, and stops when it closes', async () => {
    vi.stubEnv('HALTWATCH_SECRET_TG_TOKEN', TOKEN);
    const engine = await openBotApi({
      settings: { notifications: { channels: [{ ...channelConfig(), minPriority: 'CRITICAL' }] } },
    });
    try {
      engine.monitor.start();
      tg.push(message(OPERATOR_CHAT, '/halt from the engine'));
      await vi.waitFor(() => expect(sent()).toHaveLength(1), WAIT);
      expect(engine.monitor.status().override).toMatchObject({ enabled: true, actor: 'telegram' });
    } finally {
      await engine.close();
      vi.unstubAllEnvs();
    }
    // A poll sent just before the close may still arrive: count from after it has.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
    await pause();
    const polled = polls();
    tg.push(message(OPERATOR_CHAT, '/status'));
    await pause();
    expect(polls()).toBe(polled);
    expect(sent()).toHaveLength(1);
  });
});
