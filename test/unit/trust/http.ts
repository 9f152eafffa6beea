import type { BotApi } from '../bot-api/harness.ts';

/** One request over a real socket to the harness's server, with the given token (or none). */
export async function send(
  api: BotApi,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{
  status: number;
  body: {
    ok?: boolean;
    result?: unknown;
    error?: { code: string; message: string; issues?: { path: string }[] };
  } & Record<string, unknown>;
}> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${api.server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : JSON.parse(text) };
}

/** A contract call as the dashboard makes it over HTTP. */
export const rpc = (api: BotApi, method: string, input: unknown, token = api.server.operatorToken) =>
  send(api, 'POST', `/api/rpc/${method}`, { token, body: input });
