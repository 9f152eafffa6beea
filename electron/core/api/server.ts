import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fs from 'node:fs';
import http from 'node:http';
import type { CallOutcome } from '../../../shared/contract.ts';
import { systemClock, type Clock, type TimerHandle } from '../clock.ts';
import type { Dispatch } from '../dispatcher.ts';
import type { EventHub } from '../events.ts';
import { BODY_LIMIT, frameworkError, sendError, STATUS_FOR_CONTRACT_ERROR } from './bot/errors.ts';
import { registerBotRoutes, type BotRoutesOptions } from './bot/routes.ts';
import { hostAllowList } from './host-allow-list.ts';
import { parseJsonBodies } from './json-body.ts';
import { forbidden, httpContexts, type Authorize, type Scope } from './scopes.ts';
import { bearerToken, tokenMatches } from './token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The scope of the token the request carried, once checked; null before or without one. */
    haltwatchScope: Scope | null;
  }
}

export interface ApiServerOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** The bot's token, or how to read it now (it can be rotated while the server runs). */
  token: string | (() => string);
  /** The operator's token, likewise; it must differ from the bot's. */
  operatorToken: string | (() => string);
  /** The host the server was told to listen on; loopback names are always allowed in Host. */
  host?: string;
  /** Commands and secrets may be changed over HTTP (serve --allow-remote-commands). */
  allowRemoteCommands?: boolean;
  /** How long a request may take to arrive whole, and a connection may sit idle (ms). */
  timeouts?: { requestMs: number; connectionMs: number };
  /** The built dashboard (out/renderer); served at / when present. */
  staticDir?: string | null;
  /** The bot API under /v1 and /metrics; absent, only the dashboard transport is served. */
  bot?: Omit<BotRoutesOptions, 'dispatch' | 'contexts'>;
  clock?: Clock;
  log?: (message: string) => void;
}

const SSE_KEEPALIVE_MS = 25_000;
/** A request (headers and body) must arrive within this; a slow-drip body is cut. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** An idle connection is closed after this (the event stream pings more often). */
export const CONNECTION_TIMEOUT_MS = 30_000;
/** Keep-alive between a bot's questions, as fastify's default. */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;
/**
 * The dashboard has kill and override buttons: no other site may frame it (a page's own CSP cannot
 * say frame-ancestors; only a header can), nor have its files read as another type.
 */
export const DASHBOARD_HEADERS = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // The dashboard's address carries its token until the page removes it: never send it on.
  'referrer-policy': 'no-referrer',
} as const;
const MAX_URL_IN_MESSAGE = 200;

/**
 * The local HTTP server: the dashboard's transport of the contract (POST /api/rpc/:method and the
 * event stream at GET /api/events), the bot API, /metrics, and the dashboard's static files.
 * Every error is a 4xx JSON body naming the problem; a 5xx means a bug.
 */
export async function createApiServer(options: ApiServerOptions): Promise<FastifyInstance> {
  const timeouts = options.timeouts ?? { requestMs: REQUEST_TIMEOUT_MS, connectionMs: CONNECTION_TIMEOUT_MS };
  const hostAllowed = hostAllowList(options.host ?? '127.0.0.1');
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // The Host check runs before fastify sees the request: a plain Set lookup, no hook on the gate.
    serverFactory: (handler) => {
      // Node looks for overdue requests every connectionsCheckingInterval (30 s by default):
      // looked at every second, a slow body is cut within a second of its deadline.
      const checking = { connectionsCheckingInterval: Math.min(1000, timeouts.requestMs) };
      const server = http.createServer(checking, (request, response) => {
        if (hostAllowed(request.headers.host)) handler(request, response);
        else misdirected(response, request.headers.host);
      });
      server.requestTimeout = timeouts.requestMs;
      server.headersTimeout = timeouts.requestMs;
      server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
      server.setTimeout(timeouts.connectionMs);
      return server;
    },
    // A URL that cannot be decoded never reaches the router or the error handler: answer it here.
    frameworkErrors: (error, _request, reply) => {
      const mapped = frameworkError(error);
      void sendError(reply, mapped.status, mapped.error);
    },
  });
  const clock = options.clock ?? systemClock;
  const botToken = reader(options.token);
  const operatorToken = reader(options.operatorToken);
  const contexts = httpContexts(options.allowRemoteCommands ?? false);
  // Only JSON bodies: a text/plain body would otherwise reach the handlers as a string.
  app.removeContentTypeParser('text/plain');
  parseJsonBodies(app);
  app.decorateRequest('haltwatchScope', null);

  /** The scope the request's token grants, if it grants `need`; else answers 401 or 403 itself. */
  const authorize: Authorize = (
    request,
    reply,
    need,
    presented = bearerToken(request.headers.authorization),
  ) => {
    const scope: Scope | null = tokenMatches(botToken(), presented)
      ? 'bot'
      : tokenMatches(operatorToken(), presented)
        ? 'operator'
        : null;
    if (scope === null) {
      void unauthorized(reply, presented === undefined && request.headers.authorization === undefined);
      return null;
    }
    if (need === 'operator' && scope === 'bot') {
      void forbidden(reply, `${request.method} ${routePath(request)}`);
      return null;
    }
    request.haltwatchScope = scope;
    return scope;
  };
  /** The token is checked as the request arrives, before its body is read. */
  const operatorOnly = {
    onRequest: (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (authorize(request, reply, 'operator')) done();
    },
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

  app.post<{ Params: { method: string } }>('/api/rpc/:method', operatorOnly, async (request, reply) => {
    const outcome: CallOutcome = await options.dispatch(
      request.params.method,
      request.body ?? {},
      contexts.operator,
    );
    return reply.code(outcome.ok ? 200 : STATUS_FOR_CONTRACT_ERROR[outcome.error.code]).send(outcome);
  });

  const streams = new Set<NodeJS.WritableStream & { end(): void }>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get<{ Querystring: { token?: string } }>('/api/events', (request, reply) => {
    // EventSource cannot send headers, so the stream alone also takes the token as a query parameter.
    const presented = bearerToken(request.headers.authorization) ?? request.query.token;
    if (!authorize(request, reply, 'operator', typeof presented === 'string' ? presented : undefined)) return;
    reply.hijack();
    // The stream pings on its own schedule: the idle-connection timeout is not for it.
    request.raw.socket.setTimeout(0);
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

  if (options.bot)
    registerBotRoutes(app, { ...options.bot, dispatch: options.dispatch, contexts }, authorize);

  if (options.staticDir && fs.existsSync(options.staticDir)) {
    await app.register(fastifyStatic, {
      root: options.staticDir,
      index: 'index.html',
      setHeaders: (reply) => reply.headers(DASHBOARD_HEADERS),
    });
  }
  return app;
}

function reader(value: string | (() => string)): () => string {
  return typeof value === 'function' ? value : () => value;
}

function routePath(request: FastifyRequest): string {
  return (request.routeOptions.url ?? request.url.split('?')[0] ?? '').slice(0, MAX_URL_IN_MESSAGE);
}

/** 421: the request named a host this server is not (DNS rebinding, a proxy sending it astray). */
function misdirected(response: http.ServerResponse, host: string | undefined): void {
  const shown = host === undefined ? 'no Host header' : `Host ${JSON.stringify(host.slice(0, 100))}`;
  const body = JSON.stringify({
    ok: false,
    error: {
      code: 'misdirected_request',
      message: `${shown} is not an address of this Haltwatch; use 127.0.0.1, localhost or the configured api.host`,
    },
  });
  response
    .writeHead(421, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    })
    .end(body);
}

function unauthorized(reply: FastifyReply, missing: boolean) {
  return sendError(reply.header('www-authenticate', 'Bearer'), 401, {
    code: 'unauthorized',
    message: missing
      ? 'an API token is required: send "Authorization: Bearer <token>"'
      : 'the API token is wrong or malformed: send "Authorization: Bearer <token>"',
  });
}
