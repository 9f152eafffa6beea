import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fs from 'node:fs';
import type { CallOutcome, ContractError } from '../../../shared/contract.ts';
import type { Dispatch } from '../dispatcher.ts';
import type { EventHub } from '../events.ts';
import { bearerToken, tokenMatches } from './token.ts';

export interface ApiServerOptions {
  dispatch: Dispatch;
  events: EventHub;
  token: string;
  /** The built dashboard (out/renderer); served at / when present. */
  staticDir?: string | null;
  log?: (message: string) => void;
}

const BODY_LIMIT = 64 * 1024;
const SSE_KEEPALIVE_MS = 25_000;

const STATUS_FOR: Record<ContractError['code'], number> = {
  unknown_method: 404,
  invalid_input: 400,
  failed: 409,
  internal: 500,
};

/**
 * The local HTTP transport of the contract: POST /api/rpc/:method and the event stream at
 * GET /api/events, both behind the token, plus the dashboard's static files.
 */
export async function createApiServer(options: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT });
  const authorized = (request: FastifyRequest): boolean =>
    tokenMatches(options.token, bearerToken(request.headers.authorization));

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) options.log?.(`haltwatch api: ${error.message}`);
    void reply.code(status).send({
      ok: false,
      error: { code: status === 500 ? 'internal' : 'invalid_input', message: error.message },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      ok: false,
      error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    });
  });

  app.post<{ Params: { method: string } }>('/api/rpc/:method', async (request, reply) => {
    if (!authorized(request)) return unauthorized(reply);
    const outcome: CallOutcome = await options.dispatch(request.params.method, request.body ?? {}, {
      actor: 'dashboard',
    });
    return reply.code(outcome.ok ? 200 : STATUS_FOR[outcome.error.code]).send(outcome);
  });

  const streams = new Set<NodeJS.WritableStream & { end(): void }>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get<{ Querystring: { token?: string } }>('/api/events', (request, reply) => {
    // EventSource cannot send headers, so the stream alone also takes the token as a query parameter.
    const presented = bearerToken(request.headers.authorization) ?? request.query.token;
    if (!tokenMatches(options.token, presented)) return unauthorized(reply);
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
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    keepAlive.unref();
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(raw);
    });
  });

  if (options.staticDir && fs.existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, index: 'index.html' });
  }
  return app;
}

function unauthorized(reply: FastifyReply) {
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer')
    .send({
      ok: false,
      error: {
        code: 'unauthorized',
        message: 'a valid API token is required (Authorization: Bearer <token>)',
      },
    });
}
