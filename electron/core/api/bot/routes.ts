import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CallContext, CallOutcome, MethodName } from '../../../../shared/contract.ts';
import type { GateAnswer } from '../../../../shared/gate.ts';
import { describeIssues, fieldIssues } from '../../../../shared/validation.ts';
import type { Dispatch } from '../../dispatcher.ts';
import type { HaltwatchMetrics } from '../metrics.ts';
import { buildOpenApi } from '../openapi.ts';
import { forbidden, type Authorize, type Scope } from '../scopes.ts';
import { sendError, STATUS_FOR_CONTRACT_ERROR } from './errors.ts';
import { HISTORY_QUERY_FIELDS, historyCall, type HistoryCall } from './history.ts';
import { gateAnswerJson } from './gate-answer-json.ts';
import { coerceQuery } from './query.ts';

export interface BotRoutesOptions {
  dispatch: Dispatch;
  now: () => number;
  metrics: Pick<HaltwatchMetrics, 'text' | 'contentType'>;
  metricsRequireToken: () => boolean;
  /** The call context of each scope, made once by the server. */
  contexts: Record<Scope, CallContext>;
  log?: (message: string) => void;
}

/**
 * The routes the bot token may use, as OpenAPI names them. Every other route needs the operator
 * token (`POST /v1/override` with `enabled: false` too); a test holds every documented route to one side.
 */
export const BOT_ROUTES: readonly string[] = [
  'GET /v1/gate',
  'POST /v1/reports',
  'POST /v1/heartbeats/{name}',
  'GET /v1/status',
  'GET /v1/issues',
  'POST /v1/override',
];

const GATE_QUERY_FIELDS = { numbers: ['confidence', 'quantity'] } as const;

/** Bot ids in the URL: digits only, so "/v1/checks/1e3" is a 400, not check 1000. */
const checkIdParam = z.object({
  id: z.string().regex(/^\d{1,15}$/, 'a check id is a positive whole number'),
});

/**
 * The versioned bot API under /v1 and /metrics. Every call goes through the same dispatcher as the
 * UI; success bodies are the method's result, errors `{ ok: false, error: { code, message, issues? } }`.
 */
export function registerBotRoutes(
  app: FastifyInstance,
  options: BotRoutesOptions,
  authorize: Authorize,
): void {
  const openApi = JSON.stringify(buildOpenApi());
  const { contexts } = options;
  // Callback hooks, not async ones: each promise round trip on a bot's path shows in its latency.
  // They run as the request arrives, so a body is never read for a token that may not send it.
  const guard = (need: Scope) => (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (authorize(request, reply, need)) done();
  };
  const send = (reply: FastifyReply, outcome: CallOutcome, okStatus: number) => {
    if (outcome.ok) reply.code(okStatus).send(outcome.result);
    else sendError(reply, STATUS_FOR_CONTRACT_ERROR[outcome.error.code], outcome.error);
  };
  /** Answers at once when the handler is synchronous (the gate), after it settles otherwise. */
  const settle = (reply: FastifyReply, outcome: ReturnType<Dispatch>, okStatus: number) => {
    if (!(outcome instanceof Promise)) return send(reply, outcome, okStatus);
    return outcome.then((settled) => send(reply, settled, okStatus));
  };
  const call = (
    request: FastifyRequest,
    reply: FastifyReply,
    name: MethodName,
    input: unknown,
    okStatus = 200,
  ) => settle(reply, options.dispatch(name, input, contexts[request.haltwatchScope ?? 'bot']), okStatus);
  const bot = { onRequest: guard('bot') };
  const operator = { onRequest: guard('operator') };

  app.get('/v1/openapi.json', (_request, reply) => reply.type('application/json').send(openApi));

  // The token is checked in the handler rather than by a hook: the gate is asked before every
  // order, and fastify's hook runner is a measurable part of its time.
  app.get('/v1/gate', (request, reply) => {
    const scope = authorize(request, reply, 'bot');
    if (scope === null) return;
    const query = coerceQuery(request.query, GATE_QUERY_FIELDS);
    const outcome = options.dispatch('gate.decide', query, contexts[scope]);
    if (outcome instanceof Promise || !outcome.ok) return settle(reply, outcome, 200);
    sendJsonDirectly(reply, gateAnswerJson(outcome.result as GateAnswer));
  });
  app.post('/v1/reports', bot, (request, reply) => call(request, reply, 'reports.submit', request.body));
  app.post<{ Params: { name: string } }>('/v1/heartbeats/:name', bot, (request, reply) =>
    call(request, reply, 'heartbeat.beat', { name: request.params.name }),
  );
  app.get('/v1/status', bot, (request, reply) => call(request, reply, 'status.get', {}));
  app.post('/v1/override', bot, (request, reply) => {
    // A bot may always make things safer: holding trading off, never releasing it.
    // Only a boolean false can release it (the schema refuses anything else), so that alone is refused.
    if (request.haltwatchScope === 'bot' && (request.body as { enabled?: unknown } | null)?.enabled === false)
      return forbidden(reply, 'POST /v1/override with "enabled": false');
    return call(request, reply, 'level.override', request.body);
  });
  app.post('/v1/recover', operator, (request, reply) => call(request, reply, 'level.recover', request.body));
  app.post('/v1/confirm', operator, (request, reply) => call(request, reply, 'level.confirm', request.body));
  app.post('/v1/check', operator, (request, reply) => call(request, reply, 'check.start', {}, 202));
  app.get('/v1/checks/:id', operator, async (request, reply) => {
    const params = checkIdParam.safeParse(request.params);
    if (!params.success) return invalid(reply, params.error);
    const id = Number(params.data.id);
    const outcome = await options.dispatch('check.get', { id }, contexts.operator);
    if (outcome.ok && outcome.result === null)
      return sendError(reply, 404, { code: 'not_found', message: `no check with id ${id}` });
    if (outcome.ok) return reply.send(outcome.result);
    return sendError(reply, STATUS_FOR_CONTRACT_ERROR[outcome.error.code], outcome.error);
  });
  app.get('/v1/issues', bot, (request, reply) =>
    call(request, reply, 'issues.recent', coerceQuery(request.query, { numbers: ['minutes'] })),
  );
  app.get('/v1/notifications', operator, (request, reply) =>
    call(request, reply, 'notifications.list', coerceQuery(request.query, { numbers: ['since', 'limit'] })),
  );
  app.get('/v1/history', operator, async (request, reply) => {
    let asked: HistoryCall;
    try {
      asked = historyCall(coerceQuery(request.query, HISTORY_QUERY_FIELDS), options.now());
    } catch (error) {
      if (error instanceof z.ZodError) return invalid(reply, error);
      throw error;
    }
    const outcome = await options.dispatch(asked.method, asked.input, contexts.operator);
    if (outcome.ok) return reply.send(asked.frame(outcome.result));
    if (outcome.error.code !== 'internal')
      return sendError(reply, STATUS_FOR_CONTRACT_ERROR[outcome.error.code], outcome.error);
    options.log?.(`haltwatch api: history query failed: ${outcome.error.message}`);
    return sendError(reply, 503, { code: 'unavailable', message: 'the history cannot be read right now' });
  });

  app.get(
    '/metrics',
    {
      // Read-only and no more than /v1/status tells: either token will do, so a scraper need not
      // hold the operator's powers.
      onRequest: (request, reply, done) => {
        if (options.metricsRequireToken()) bot.onRequest(request, reply, done);
        else done();
      },
    },
    async (_request, reply) => reply.type(options.metrics.contentType).send(await options.metrics.text()),
  );
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Writes a 200 JSON answer on the raw response. The gate's route has no hooks and its body is
 * already text, so fastify's reply pipeline (serializer, onSend hooks, header merging) is work
 * the bot waits for before every order without any use.
 */
function sendJsonDirectly(reply: FastifyReply, body: string): void {
  reply.hijack();
  reply.raw
    .writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) })
    .end(body);
}

function invalid(reply: FastifyReply, error: z.ZodError) {
  const issues = fieldIssues(error);
  return sendError(reply, 400, { code: 'invalid_input', message: describeIssues(issues), issues });
}
