import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Notice, NotifierPort } from './notice.ts';
import { errorMessage, parseOrThrow } from '../../../shared/errors.ts';

/** The one call of node-notifier this channel uses (its default export fits). */
export interface NodeNotifierLike {
  notify(
    options: { title: string; message: string; urgency?: string; sound?: boolean; wait?: boolean },
    callback: (error: Error | null) => void,
  ): unknown;
}

const optionsSchema = z.object({
  timeoutMs: z.number().int().min(100, 'at least 100').max(120_000, 'at most 120000').default(10_000),
  maxInFlight: z.number().int().min(1, 'at least 1').max(100, 'at most 100').default(8),
});

export interface NodeNotifierChannelOptions {
  notifier: NodeNotifierLike;
  clock: Clock;
  log: (message: string) => void;
  /** Whether notifications play the system sound (settings `notifications.sound`); default yes. */
  sound?: () => boolean;
  /** A notification not answered within this is given up on (default 10 s). */
  timeoutMs?: number;
  /** Notifications still waiting on the system beyond this are dropped, and said so (default 8). */
  maxInFlight?: number;
}

/**
 * Headless notifications through node-notifier (notify-send, terminal-notifier, SnoreToast).
 * Machines without a notification service are common (servers, CI): a failure, a hang or a throw
 * is logged once per distinct message and never reaches the engine.
 */
export function createNodeNotifierChannel(options: NodeNotifierChannelOptions): NotifierPort {
  const { timeoutMs, maxInFlight } = parseOrThrow(
    optionsSchema,
    { timeoutMs: options.timeoutMs, maxInFlight: options.maxInFlight },
    'node-notifier channel',
  );
  const logged = new Set<string>();
  const logOnce = (message: string) => {
    if (logged.has(message) || logged.size >= 50) return;
    logged.add(message);
    options.log(`haltwatch: desktop notification: ${message}`);
  };
  let inFlight = 0;

  return {
    send(notice: Notice) {
      if (inFlight >= maxInFlight) {
        logOnce(`the notification system is not answering; "${notice.title}" was not shown`);
        return;
      }
      inFlight++;
      let settled = false;
      const settle = (problem: string | null) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        inFlight--;
        if (problem) logOnce(problem);
      };
      const timer = options.clock.setTimer(
        () => settle(`no answer within ${timeoutMs} ms; is a notification service running?`),
        timeoutMs,
      );
      try {
        options.notifier.notify(
          {
            title: notice.title,
            message: notice.body,
            urgency: notice.urgency,
            sound: options.sound?.() ?? true,
            wait: false,
          },
          (error) => settle(error ? `not shown: ${errorMessage(error)}` : null),
        );
      } catch (error) {
        settle(`not shown: ${errorMessage(error)}`);
      }
    },
  };
}
