import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fs from 'node:fs';
import type { CallOutcome } from '../../../shared/contract.ts';
import { systemClock, type Clock, type TimerHandle } from '../clock.ts';
import type { Dispatch } from '../dispatcher.ts';
import type { EventHub } from '../events.ts';
import { BODY_LIMIT, frameworkError, sendError, STATUS_FOR_CONTRACT_ERROR } from './bot/errors.ts';
import { registerBotRoutes, type BotRoutesOptions } from './bot/routes.ts';
import { parseJsonBodies } from './json-body.ts';
import { bearerToken, tokenMatches } from './token.ts';

export interface ApiServerOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** The token, or how to read it now (it can be rotated while the server runs). */
  token: string | (() => string);
  /** The built dashboard (out/renderer); served at / when present. */
  staticDir?: string | null;
  /** The bot API under /v1 and /metrics; absent, only the dashboard transport is served. */
  bot?: Omit<BotRoutesOptions, 'dispatch'>;
  clock?: Clock;
  log?: (message: string) => void;
}

const SSE_KEEPALIVE_MS = 25_000;
/**
 * The dashboard has kill and override buttons: no other site may frame it (a page's own CSP cannot
 * say frame-ancestors; only a header can), nor have its files read as another type.
 */
export const DASHBOARD_HEADERS = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
} as const;
const MAX_URL_IN_MESSAGE = 200;

/**
 * The local HTTP server: the dashboard's transport of the contract (POST /api/rpc/:method and the
 * event stream at GET /api/events), the bot API, /metrics, and the dashboard's static files.
 * Every error is a 4xx JSON body naming the problem; a 5xx means a bug.
 */
export async function createApiServer(options: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // A URL that cannot be decoded never reaches the router or the error handler: answer it here.
    frameworkErrors: (error, _request, reply) => {
      const mapped = frameworkError(error);
      void sendError(reply, mapped.status, mapped.error);
    },
  });
  const clock = options.clock ?? systemClock;
  const currentToken = typeof options.token === 'function' ? options.token : () => options.token as string;
  // Only JSON bodies: a text/plain body would otherwise reach the handlers as a string.
  app.removeContentTypeParser('text/plain');
  parseJsonBodies(app);

  const authorize = (
    request: FastifyRequest,
    reply: FastifyReply,
    presented = bearerToken(request.headers.authorization),
  ) => {
    if (tokenMatches(currentToken(), presented)) return true;
    void unauthorized(reply, presented === undefined && request.headers.authorization === undefined);
    return false;
  };

  app.setErrorHandler((error: { code?: string; statusCode?: number; message: string }, _request, reply) => {
    const mapped = frameworkError(error);
    if (mapped.status >= 500) options.log?.(`haltwatch api: ${error.message}`);
    void sendError(reply, mapped.status, mapped.error);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]?.slice(0, MAX_URL_IN_MESSAGE) ?? '';
    void sendError(reply, 404, { code: 'not_found', message: `no route ${request.method} ${path}` });
  });

  app.post<{ Params: { method: string } }>('/api/rpc/:method', async (request, reply) => {
    if (!authorize(request, reply)) return reply;
    const outcome: CallOutcome = await options.dispatch(request.params.method, request.body ?? {}, {
      actor: 'dashboard',
    });
    return reply.code(outcome.ok ? 200 : STATUS_FOR_CONTRACT_ERROR[outcome.error.code]).send(outcome);
  });

  const streams = new Set<NodeJS.WritableStream & { end(): void }>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get<{ Querystring: { token?: string } }>('/api/events', (request, reply) => {
    // EventSource cannot send headers, so the stream alone also takes the token as a query parameter.
    const presented = bearerToken(request.headers.authorization) ?? request.query.token;
    if (!authorize(request, reply, typeof presented === 'string' ? presented : undefined)) return;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    raw.write(': connected\n\n');
    streams.add(raw);
    const unsubscribe = options.events.subscribe((name, payload) => {
      raw.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    let keepAlive: TimerHandle;
    const ping = () => {
      raw.write(': keep-alive\n\n');
      keepAlive = clock.setTimer(ping, SSE_KEEPALIVE_MS);
    };
    keepAlive = clock.setTimer(ping, SSE_KEEPALIVE_MS);
    request.raw.on('close', () => {
      keepAlive.cancel();
      unsubscribe();
      streams.delete(raw);
    });
  });

  if (options.bot) registerBotRoutes(app, { ...options.bot, dispatch: options.dispatch }, authorize);

  if (options.staticDir && fs.existsSync(options.staticDir)) {
    await app.register(fastifyStatic, {
      root: options.staticDir,
      index: 'index.html',
      setHeaders: (reply) => reply.headers(DASHBOARD_HEADERS),
    });
  }
  return app;
}

function unauthorized(reply: FastifyReply, missing: boolean) {
  return sendError(reply.header('www-authenticate', 'Bearer'), 401, {
    code: 'unauthorized',
    message: missing
      ? 'an API token is required: send "Authorization: Bearer <token>"'
      : 'the API token is wrong or malformed: send "Authorization: Bearer <token>"',
  });
}
