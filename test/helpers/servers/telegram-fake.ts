import type http from 'node:http';
import { listenLocalHttp } from './local-http.ts';

export interface BotApiCall {
  method: string;
  body: Record<string, unknown>;
}

/** How the fake answers getUpdates: as Telegram does, at once with nothing, with a server error, or never. */
export type GetUpdatesMode = 'ok' | 'empty' | 'fail' | 'hang';

export interface TelegramFake {
  origin: string;
  /** Every Bot API call in order (sendMessage, getUpdates, answerCallbackQuery, …). */
  calls: BotApiCall[];
  mode: GetUpdatesMode;
  /** Queues an update (its update_id is assigned) and answers a waiting getUpdates. */
  push(update: Record<string, unknown>): number;
  callsOf(method: string): BotApiCall[];
  stop(): Promise<void>;
}

/**
 * A local Telegram Bot API for one bot token: POST /bot<token>/<method> with a JSON body, answered
 * `{"ok":true,"result":…}`. getUpdates returns the queued updates from `offset` on and, with none,
 * holds the request open until one is pushed (long polling). A wrong token gets 401 as Telegram's.
 */
export async function startTelegramFake(token: string): Promise<TelegramFake> {
  const updates: Record<string, unknown>[] = [];
  let nextId = 100;
  let waiting: { offset: number; respond: (result: unknown) => void }[] = [];
  const pending = (offset: number) => updates.filter((u) => (u.update_id as number) >= offset);
  const send = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const fake: TelegramFake = {
    origin: '',
    calls: [],
    mode: 'ok',
    push(update) {
      const id = nextId++;
      updates.push({ update_id: id, ...update });
      const ready = waiting;
      waiting = [];
      for (const waiter of ready) waiter.respond(pending(waiter.offset));
      return id;
    },
    callsOf: (method) => fake.calls.filter((c) => c.method === method),
    stop: () => local.stop(),
  };
  const local = await listenLocalHttp((request, response, text) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match)
      return send(response, 404, { ok: false, description: 'Not Found' });
    if (match[1] !== token)
      return send(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2] as string;
    const body = JSON.parse(text || '{}') as Record<string, unknown>;
    fake.calls.push({ method, body });
    if (method === 'getUpdates') {
      if (fake.mode === 'hang') return;
      if (fake.mode === 'fail')
        return send(response, 502, { ok: false, error_code: 502, description: 'Bad Gateway' });
      if (fake.mode === 'empty') return send(response, 200, { ok: true, result: [] });
      const offset = typeof body.offset === 'number' ? body.offset : 0;
      const ready = pending(offset);
      if (ready.length > 0) return send(response, 200, { ok: true, result: ready });
      waiting.push({ offset, respond: (result) => send(response, 200, { ok: true, result }) });
      return;
    }
    if (method === 'sendMessage')
      return send(response, 200, {
        ok: true,
        result: { message_id: fake.calls.length, chat: { id: Number(body.chat_id) }, text: body.text },
      });
    if (method === 'answerCallbackQuery') return send(response, 200, { ok: true, result: true });
    send(response, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
  });
  fake.origin = local.origin;
  return fake;
}
