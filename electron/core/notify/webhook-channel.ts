import { z } from 'zod';
import { describeIssues } from '../../../shared/schedule.ts';
import type { Clock } from '../clock.ts';
import { errorMessage } from '../dispatcher.ts';
import type { Notice, NotifierPort } from './notice.ts';

const optionsSchema = z.object({
  timeoutMs: z.number().int().min(100, 'at least 100').max(60_000, 'at most 60000').default(5_000),
});

export interface WebhookChannelOptions {
  /** The URLs to POST to (settings `notifications.webhooks`), read at each notice. */
  urls: () => readonly string[];
  clock: Clock;
  log: (message: string) => void;
  /** A request not answered within this is aborted (default 5 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** What a webhook receives: the notice, when it was sent, and where it came from. */
export interface WebhookPayload extends Notice {
  source: 'haltwatch';
  at: number;
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * POSTs each notice as JSON to every configured http(s) URL, each request aborted after the
 * timeout. A failing hook is logged once per distinct problem and never delays or breaks the others.
 */
export function createWebhookChannel(options: WebhookChannelOptions): NotifierPort {
  const parsed = optionsSchema.safeParse({ timeoutMs: options.timeoutMs });
  if (!parsed.success) throw new RangeError(`webhook channel: ${describeIssues(parsed.error, options)}`);
  const { timeoutMs } = parsed.data;
  const post = options.fetch ?? fetch;
  const logged = new Set<string>();
  const logOnce = (message: string) => {
    if (logged.has(message) || logged.size >= 100) return;
    logged.add(message);
    options.log(`haltwatch: webhook ${message}`);
  };

  const deliver = async (url: string, body: string) => {
    const abort = new AbortController();
    const timer = options.clock.setTimer(
      () => abort.abort(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      const response = await post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: abort.signal,
        redirect: 'error',
      });
      await response.body?.cancel();
      if (!response.ok) logOnce(`${url} answered HTTP ${response.status}`);
    } catch (error) {
      logOnce(
        `${url} failed: ${abort.signal.aborted ? errorMessage(abort.signal.reason) : errorMessage(error)}`,
      );
    } finally {
      timer.cancel();
    }
  };

  return {
    send(notice) {
      let urls: readonly string[];
      try {
        urls = options.urls();
      } catch (error) {
        logOnce(`settings unreadable: ${errorMessage(error)}`);
        return;
      }
      if (urls.length === 0) return;
      const payload: WebhookPayload = { source: 'haltwatch', at: options.clock.now(), ...notice };
      const body = JSON.stringify(payload);
      for (const url of urls) {
        if (!isWebUrl(url)) {
          logOnce(`${JSON.stringify(url)} skipped: only http:// and https:// URLs are called`);
          continue;
        }
        void deliver(url, body);
      }
    },
  };
}
