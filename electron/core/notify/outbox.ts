import type { Clock, TimerHandle } from '../clock.ts';
import type { NoticeStore, DueDelivery } from '../store/notices.ts';
import type { DeliveryChannel } from './channels/index.ts';
import { errorMessage } from '../../../shared/errors.ts';

/** A delivery is retried for this long after its notice, then marked failed for good. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** Failed attempts in a row after which a channel is shown as a problem on the board. */
export const FAILURES_FOR_PROBLEM = 3;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 30 * 60_000;
const BATCH = 50;

/** 30 s, 1 min, 2 min, … doubling up to 30 min between attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface ChannelFailure {
  channel: string;
  failures: number;
  lastError: string;
}

export interface OutboxWorkerOptions {
  notices: NoticeStore;
  clock: Clock;
  /** The configured channels by name, read at each round (settings can change in between). */
  channels: () => ReadonlyMap<string, DeliveryChannel>;
  /** Replaces secret values in a provider's answer before it is stored or logged. */
  redact: (text: string) => string;
  log: (message: string) => void;
  /** A channel started or stopped failing FAILURES_FOR_PROBLEM times in a row. */
  onHealthChange?: () => void;
}

/**
 * Sends what the outbox holds. Each attempt is recorded as begun before the provider is called and
 * as sent once it answered, so a crash in between sends that delivery again at the next start (at
 * least once, under the same key) and a recorded success is never sent again. One channel's
 * deliveries go out one after another, in order; channels do not wait for each other.
 */
export class OutboxWorker {
  private readonly options: OutboxWorkerOptions;
  private timer: TimerHandle | null = null;
  private timerAt: number | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly failing = new Map<string, ChannelFailure>();

  constructor(options: OutboxWorkerOptions) {
    this.options = options;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.timerAt = null;
  }

  /** Something was queued: send what is due now. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.scheduleNext();
    });
  }

  /** Resolves once the round in progress (if any) has finished. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Channels whose last FAILURES_FOR_PROBLEM or more attempts all failed. */
  failingChannels(): ChannelFailure[] {
    return [...this.failing.values()].filter((f) => f.failures >= FAILURES_FOR_PROBLEM);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let due: DueDelivery[];
      try {
        due = this.options.notices.due(this.options.clock.now(), BATCH);
      } catch (error) {
        this.options.log(`haltwatch: the notification outbox cannot be read: ${errorMessage(error)}`);
        return;
      }
      if (due.length === 0) return;
      const byChannel = Map.groupBy(due, (d) => d.channel);
      const channels = this.options.channels();
      await Promise.all(
        [...byChannel].map(async ([name, deliveries]) => {
          for (const delivery of deliveries) await this.attempt(delivery, channels.get(name));
        }),
      );
      if (due.length < BATCH) return;
    }
  }

  private async attempt(delivery: DueDelivery, channel: DeliveryChannel | undefined): Promise<void> {
    const { notices, clock } = this.options;
    if (this.stopped || !notices.beginAttempt(delivery.id)) return;
    if (!channel) {
      notices.markFailed(delivery.id, `the channel "${delivery.channel}" is no longer configured`);
      return;
    }
    try {
      const answer = this.options.redact(await channel.send(delivery.notice, delivery.key));
      notices.markSent(delivery.id, clock.now(), answer);
      this.recordHealth(delivery.channel, null);
    } catch (error) {
      const message = this.options.redact(errorMessage(error));
      const now = clock.now();
      const attempts = delivery.attempts + 1;
      const nextAt = now + retryDelayMs(attempts);
      if (nextAt - delivery.notice.at > RETRY_FOR_MS) {
        notices.markFailed(delivery.id, message);
        this.options.log(
          `haltwatch: notice ${delivery.notice.id} not delivered on ${delivery.channel}, given up after ${attempts} attempts: ${message}`,
        );
      } else {
        notices.markRetry(delivery.id, nextAt, message);
      }
      this.recordHealth(delivery.channel, message);
    }
  }

  private recordHealth(channel: string, error: string | null): void {
    const before = (this.failing.get(channel)?.failures ?? 0) >= FAILURES_FOR_PROBLEM;
    if (error === null) this.failing.delete(channel);
    else {
      const failures = (this.failing.get(channel)?.failures ?? 0) + 1;
      this.failing.set(channel, { channel, failures, lastError: error });
      if (failures === FAILURES_FOR_PROBLEM)
        this.options.log(`haltwatch: notification channel "${channel}" failed ${failures} times: ${error}`);
    }
    const after = (this.failing.get(channel)?.failures ?? 0) >= FAILURES_FOR_PROBLEM;
    if (before !== after) this.options.onHealthChange?.();
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    let next: number | null;
    try {
      next = this.options.notices.nextDueAt();
    } catch {
      return;
    }
    if (next === null || (this.timerAt !== null && this.timerAt <= next)) return;
    this.timer?.cancel();
    this.timerAt = next;
    this.timer = this.options.clock.setTimer(() => {
      this.timer = null;
      this.timerAt = null;
      this.kick();
    }, next - this.options.clock.now());
  }
}
