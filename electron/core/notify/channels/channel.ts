import type { ChannelConfig, NoticeContent } from '../../../../shared/notify-channels.ts';
import type { Clock } from '../../clock.ts';
import type { SecretResolver } from '../../secrets/index.ts';

/** A notice as a channel sends it: the stored notice's id and priority travel with it. */
export type OutgoingNotice = NoticeContent;

export interface ChannelContext {
  secrets: SecretResolver;
  clock: Clock;
  /** A provider not answered within this is given up on for this attempt (default 15 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Aborts a request in flight (a long poll being stopped). */
  signal?: AbortSignal;
}

/**
 * One provider. `send` resolves with the provider's answer (for the delivery state and the
 * "Send test" button) and rejects with its error; `key` is the same for every retry of one
 * delivery, passed to the provider where it takes an idempotency key.
 */
export interface DeliveryChannel {
  readonly name: string;
  send(notice: OutgoingNotice, key: string): Promise<string>;
}

export type ChannelOf<K extends ChannelConfig['kind']> = Extract<ChannelConfig, { kind: K }>;

export const DEFAULT_CHANNEL_TIMEOUT_MS = 15_000;

/** The text most providers show: the title, then the body. */
export function plainText(notice: OutgoingNotice): string {
  return `${notice.title}\n\n${notice.body}`;
}
