import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { joinUrl, ProviderError, requestProvider } from './channels/http-post.ts';

/** The parts of a Bot API update the commands read; the rest is ignored. */
const chatSchema = z.object({ id: z.number().int() });
export const updateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: z
    .object({ chat: chatSchema, text: z.string().max(4096).optional(), date: z.number().optional() })
    .optional(),
  callback_query: z
    .object({
      id: z.string().min(1).max(256),
      data: z.string().max(256).optional(),
      message: z.object({ chat: chatSchema }).optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof updateSchema>;

const answerSchema = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  description: z.string().optional(),
});

export interface BotApiOptions {
  baseUrl: string;
  token: string;
  clock: Clock;
  fetch?: typeof fetch;
}

/**
 * One Bot API method call: POST JSON to /bot<token>/<method>, expect `{"ok":true,"result":…}`.
 * Rejects with a ProviderError naming the method and Telegram's description (never the token).
 */
export async function callBotApi(
  options: BotApiOptions,
  method: string,
  body: unknown,
  limits: { timeoutMs: number; signal?: AbortSignal },
): Promise<unknown> {
  const response = await requestProvider(
    { url: joinUrl(options.baseUrl, `bot${options.token}/${method}`), body },
    { clock: options.clock, fetch: options.fetch, ...limits },
  );
  let parsed: z.infer<typeof answerSchema>;
  try {
    parsed = answerSchema.parse(JSON.parse(response.text));
  } catch {
    throw new ProviderError(`${method}: HTTP ${response.status}, not a Bot API answer`);
  }
  if (!parsed.ok || !response.ok)
    throw new ProviderError(`${method}: HTTP ${response.status}: ${parsed.description ?? 'refused'}`);
  return parsed.result;
}

/**
 * The updates after `offset`, waiting up to `waitSeconds` for one (long polling). Updates that do
 * not parse are returned as their id alone, so the offset still moves past them.
 */
export async function getUpdates(
  options: BotApiOptions,
  offset: number,
  waitSeconds: number,
  signal: AbortSignal,
): Promise<{ id: number; update: TelegramUpdate | null }[]> {
  const result = await callBotApi(
    options,
    'getUpdates',
    { offset, timeout: waitSeconds, allowed_updates: ['message', 'callback_query'] },
    // Telegram answers by `waitSeconds`; a server that holds on longer has hung.
    { timeoutMs: waitSeconds * 1000 + 10_000, signal },
  );
  if (!Array.isArray(result)) throw new ProviderError('getUpdates: the result is not a list');
  return result.flatMap((raw: unknown) => {
    const id = z.object({ update_id: z.number().int().nonnegative() }).safeParse(raw);
    if (!id.success) return [];
    const update = updateSchema.safeParse(raw);
    return [{ id: id.data.update_id, update: update.success ? update.data : null }];
  });
}
