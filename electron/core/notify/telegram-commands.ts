import type { ChannelConfig } from '../../../shared/notify-channels.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Dispatch } from '../dispatcher.ts';
import { errorMessage } from '../../../shared/errors.ts';
import type { SecretResolver } from '../secrets/index.ts';
import type { ChannelOf } from './channels/channel.ts';
import { callBotApi, getUpdates, type BotApiOptions } from './telegram-api.ts';
import { answerUpdate } from './telegram-chat.ts';

/** How long Telegram holds a getUpdates open when nothing arrives. */
export const DEFAULT_WAIT_SECONDS = 25;
/** Between polls that found nothing: a server that answers at once must not be asked in a busy loop. */
export const EMPTY_POLL_GAP_MS = 1_000;
export const FIRST_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 60_000;
/** Settings are read again this often: a channel switched on or off starts or stops its poller. */
export const RECONCILE_MS = 30_000;
const REPLY_TIMEOUT_MS = 15_000;

export interface TelegramCommandsOptions {
  dispatch: Dispatch;
  clock: Clock;
  secrets: SecretResolver;
  /** The channels in settings now. */
  channels: () => readonly ChannelConfig[];
  log: (message: string) => void;
  fetch?: typeof fetch;
  waitSeconds?: number;
}

type TelegramChannel = ChannelOf<'telegram'>;

/** One bot can have one getUpdates reader: channels sharing a bot and base URL share a poller. */
function botKey(channel: TelegramChannel): string {
  return `${channel.baseUrl}\n${channel.botToken.secret}`;
}

export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * Two-way Telegram for the channels with `commands: true`: long-polls the Bot API's getUpdates and
 * answers the operator's chat (the channel's chat id) — reply buttons and /status, /halt. A failing
 * or hanging Telegram is retried with backoff; nothing it does reaches the engine but through the
 * contract, and no error leaves the loop.
 */
export class TelegramCommands {
  private readonly options: TelegramCommandsOptions;
  private readonly pollers = new Map<string, BotPoller>();
  private timer: TimerHandle | null = null;
  private started = false;

  constructor(options: TelegramCommandsOptions) {
    this.options = options;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.reconcile();
  }

  stop(): void {
    this.started = false;
    this.timer?.cancel();
    this.timer = null;
    for (const poller of this.pollers.values()) poller.stop();
    this.pollers.clear();
  }

  /** Resolves once every poller has finished what it was doing (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.pollers.values()].map((p) => p.settled()));
  }

  private reconcile(): void {
    if (!this.started) return;
    let wanted: TelegramChannel[] = [];
    try {
      wanted = this.options
        .channels()
        .filter((c): c is TelegramChannel => c.kind === 'telegram' && c.enabled && c.commands);
    } catch (error) {
      this.options.log(`haltwatch: telegram commands: settings unreadable: ${errorMessage(error)}`);
    }
    const byBot = new Map<string, TelegramChannel[]>();
    for (const channel of wanted)
      byBot.set(botKey(channel), [...(byBot.get(botKey(channel)) ?? []), channel]);
    for (const [key, poller] of this.pollers) {
      if (byBot.has(key)) continue;
      poller.stop();
      this.pollers.delete(key);
    }
    for (const [key, channels] of byBot) {
      const chats = channels.map((c) => c.chatId);
      const running = this.pollers.get(key);
      if (running) running.chats = chats;
      else {
        const poller = new BotPoller(channels[0] as TelegramChannel, chats, this.options);
        this.pollers.set(key, poller);
        poller.start();
      }
    }
    this.timer = this.options.clock.setTimer(() => this.reconcile(), RECONCILE_MS);
  }
}

/** The getUpdates loop of one bot. */
class BotPoller {
  chats: string[];
  private readonly channel: TelegramChannel;
  private readonly options: TelegramCommandsOptions;
  private readonly abort = new AbortController();
  private offset = 0;
  private failures = 0;
  private running: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private pause: TimerHandle | null = null;

  constructor(channel: TelegramChannel, chats: string[], options: TelegramCommandsOptions) {
    this.channel = channel;
    this.chats = chats;
    this.options = options;
  }

  start(): void {
    this.running = this.loop();
  }

  stop(): void {
    this.abort.abort();
    this.pause?.cancel();
    this.wake?.();
  }

  settled(): Promise<void> {
    return this.running;
  }

  private api(): BotApiOptions | null {
    const token = this.options.secrets.get(this.channel.botToken.secret);
    if (!token) return null;
    return { baseUrl: this.channel.baseUrl, token, clock: this.options.clock, fetch: this.options.fetch };
  }

  private async loop(): Promise<void> {
    const wait = this.options.waitSeconds ?? DEFAULT_WAIT_SECONDS;
    while (!this.abort.signal.aborted) {
      try {
        const api = this.api();
        if (!api) throw new Error(`the secret "${this.channel.botToken.secret}" (bot token) is not set`);
        const updates = await getUpdates(api, this.offset, wait, this.abort.signal);
        if (this.failures > 0) this.log(`polling works again after ${this.failures} failures`);
        this.failures = 0;
        for (const { id, update } of updates) {
          // Moved past first: an update that cannot be answered is not read again and again.
          this.offset = Math.max(this.offset, id + 1);
          if (update) await this.answer(api, update);
        }
        if (updates.length === 0) await this.sleep(EMPTY_POLL_GAP_MS);
      } catch (error) {
        if (this.abort.signal.aborted) break;
        this.failures++;
        const delay = backoffMs(this.failures);
        this.log(`getUpdates failed (${errorMessage(error)}); trying again in ${delay / 1000} s`);
        await this.sleep(delay);
      }
    }
  }

  private async answer(api: BotApiOptions, update: Parameters<typeof answerUpdate>[0]): Promise<void> {
    const from = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
    const chat = this.chats.find((c) => c === String(from)) ?? this.chats[0] ?? '';
    const limits = { timeoutMs: REPLY_TIMEOUT_MS, signal: this.abort.signal };
    try {
      await answerUpdate(update, chat, {
        dispatch: this.options.dispatch,
        say: async (text) => {
          await callBotApi(api, 'sendMessage', { chat_id: chat, text }, limits);
        },
        answerButton: async (queryId, text) => {
          await callBotApi(api, 'answerCallbackQuery', { callback_query_id: queryId, text }, limits);
        },
        log: (message) => this.options.log(message),
      });
    } catch (error) {
      this.log(`could not answer update ${update.update_id}: ${errorMessage(error)}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) return resolve();
      this.wake = resolve;
      this.pause = this.options.clock.setTimer(resolve, ms);
    });
  }

  private log(message: string): void {
    this.options.log(`haltwatch: telegram "${this.channel.name}": ${message}`);
  }
}
