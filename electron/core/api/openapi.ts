import { z } from 'zod';
import { contract } from '../../../shared/contract.ts';
import { GATE_REASONS, gateAnswerSchema as answerSchema, gateRequestSchema } from '../../../shared/gate.ts';
import { nameSchema } from '../../../shared/names.ts';
import { HISTORY_VIEWS } from './bot/history.ts';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of what a method accepts, as OpenAPI 3.1 embeds it. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** Query parameters from an object schema's properties; `action` etc. stay required as in the contract. */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const errorSchema = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string', examples: ['reports[3].expectedPrice'] },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

const gateAnswerSchema = inputSchema(answerSchema.extend({ reasons: z.array(z.enum(GATE_REASONS)) }));

const json = (schema: JsonSchema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const anyObject = { type: 'object' };
const errors = {
  '400': json(errorSchema, 'Invalid input; `issues` names each field (e.g. `reports[3].expectedPrice`).'),
  '401': json(errorSchema, 'Missing or wrong token.'),
  '403': json(errorSchema, 'The bot token on a route that needs the operator token (code forbidden).'),
  '413': json(errorSchema, 'Body over 64 KiB.'),
  '415': json(errorSchema, 'Body not sent as application/json.'),
  '500': json(errorSchema, 'A bug in Haltwatch (code internal); its log has the details.'),
};
const body = (name: keyof typeof contract) => ({
  required: true,
  content: { 'application/json': { schema: inputSchema(contract[name].input) } },
});
const levelAction = (name: 'level.override' | 'level.recover' | 'level.confirm', summary: string) => ({
  post: {
    summary,
    requestBody: body(name),
    responses: {
      '200': json(anyObject, 'The level status after the action.'),
      '409': json(errorSchema, 'Not possible in the current state (e.g. HALT does not await confirmation).'),
      ...errors,
    },
  },
});

/** The bot API as OpenAPI 3.1, served at /v1/openapi.json; request schemas come from the contract. */
export function buildOpenApi(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Haltwatch bot API',
      version: '1',
      description:
        'Ask before every order, report what happened. Send `Authorization: Bearer <token>` on every /v1 call. ' +
        'The bot token may call GET /v1/gate, POST /v1/reports, POST /v1/heartbeats/{name}, GET /v1/status, ' +
        'GET /v1/issues and POST /v1/override with enabled: true; every other route needs the operator token (403 otherwise).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/v1/gate': {
        get: {
          summary: 'May I trade? Answered from memory.',
          parameters: queryParameters(gateRequestSchema),
          responses: { '200': json(gateAnswerSchema, 'The gate’s answer.'), ...errors },
        },
      },
      '/v1/reports': {
        post: {
          summary:
            'A batch of reports (1–1000). A batch with one bad item is rejected whole, naming the item.',
          requestBody: body('reports.submit'),
          responses: {
            '200': json({ type: 'object', properties: { accepted: { type: 'integer' } } }, 'All stored.'),
            ...errors,
            '503': json(
              errorSchema,
              'The history cannot be written (disk full, read-only, deleted): the reports moved the level but are not kept (code unavailable).',
            ),
          },
        },
      },
      '/v1/heartbeats/{name}': {
        post: {
          summary: 'The dead man’s switch: a heartbeat service fails when beats stop.',
          parameters: [{ name: 'name', in: 'path', required: true, schema: inputSchema(nameSchema) }],
          responses: { '200': json(anyObject, '`{ name, at }`'), ...errors },
        },
      },
      '/v1/status': {
        get: {
          summary: 'Level, cause, breakers, override, next scheduled check.',
          responses: { '200': json(anyObject, 'The engine status.'), ...errors },
        },
      },
      '/v1/override': levelAction(
        'level.override',
        'Hold trading disabled (enabled: true; either token) or release it (enabled: false; operator token).',
      ),
      '/v1/recover': levelAction('level.recover', 'Force the level back to NORMAL (operator token).'),
      '/v1/confirm': levelAction(
        'level.confirm',
        'Confirm leaving HALT once its cooldown is over (operator token).',
      ),
      '/v1/check': {
        post: {
          summary: 'Run a check now; answers with its id once it has begun (operator token).',
          responses: {
            '202': json({ type: 'object', properties: { id: { type: 'integer' } } }, 'Begun.'),
            ...errors,
          },
        },
      },
      '/v1/checks/{id}': {
        get: {
          summary: 'A check run and its results (operator token).',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': json(anyObject, 'The run.'),
            '404': json(errorSchema, 'No such check.'),
            ...errors,
          },
        },
      },
      '/v1/issues': {
        get: {
          summary: 'Signals that crossed a threshold recently.',
          parameters: queryParameters(contract['issues.recent'].input),
          responses: { '200': json({ type: 'array', items: anyObject }, 'Issues, newest last.'), ...errors },
        },
      },
      '/v1/history': {
        get: {
          summary:
            'The level timeline, checkpoints or audit log over [from, to) (default: the last 24 h; operator token).',
          parameters: [
            { name: 'view', in: 'query', schema: { enum: [...HISTORY_VIEWS], default: 'levels' } },
            { name: 'from', in: 'query', schema: { type: 'integer', description: 'UTC epoch ms' } },
            { name: 'to', in: 'query', schema: { type: 'integer', description: 'UTC epoch ms' } },
            {
              name: 'kinds',
              in: 'query',
              schema: { type: 'string', description: 'audit: level,breaker,manual' },
            },
            { name: 'service', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          ],
          responses: {
            '200': json(anyObject, '`{ view, from, to, points | checkpoints }` or `{ view, total, rows }`'),
            '503': json(errorSchema, 'The history cannot be read right now (code unavailable).'),
            ...errors,
          },
        },
      },
      '/v1/notifications': {
        get: {
          summary:
            'Recent notices, newest first: priority, acknowledgement and each channel’s delivery state.',
          parameters: queryParameters(contract['notifications.list'].input),
          responses: {
            '200': json(anyObject, '`{ notices, unread, snoozes }`'),
            ...errors,
          },
        },
      },
      '/metrics': {
        get: {
          summary:
            'Prometheus text format. Needs the token only when settings api.metricsRequireToken is true.',
          security: [{}, { bearer: [] }],
          responses: { '200': { description: 'text/plain; version=0.0.4' } },
        },
      },
    },
  };
}
