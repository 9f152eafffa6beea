import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerBotRoutes } from '../../../electron/core/api/bot/routes.ts';
import { buildOpenApi } from '../../../electron/core/api/openapi.ts';

/** The routes registerBotRoutes mounts, as "METHOD /path" in OpenAPI's form ("/v1/checks/{id}"). */
async function mountedRoutes(): Promise<string[]> {
  const app = Fastify();
  const routes = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD')
      routes.add(`${String(route.method)} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
  });
  registerBotRoutes(
    app,
    {
      dispatch: async () => ({ ok: true, result: null }),
      now: () => 0,
      metrics: { text: async () => '', contentType: 'text/plain' },
      metricsRequireToken: () => false,
      contexts: {
        bot: { actor: 'bot', commandsAndSecrets: false },
        operator: { actor: 'dashboard (http)', commandsAndSecrets: false },
      },
    },
    () => 'operator',
  );
  await app.ready();
  await app.close();
  return [...routes].filter((r) => r !== 'GET /v1/openapi.json').sort();
}

describe('the OpenAPI document', () => {
  it('documents exactly the routes the server mounts, each under the method it is served with', async () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(await mountedRoutes());
  });

  it('takes request schemas from the contract', () => {
    const doc = buildOpenApi() as {
      paths: Record<
        string,
        {
          get?: { parameters: { name: string; required: boolean }[] };
          post?: {
            requestBody: {
              content: Record<string, { schema: { properties: Record<string, { maxItems?: number }> } }>;
            };
          };
        }
      >;
    };
    const gate = doc.paths['/v1/gate']?.get?.parameters ?? [];
    expect(gate.map((p) => p.name)).toEqual(['action', 'symbol', 'confidence', 'quantity']);
    expect(gate.find((p) => p.name === 'action')?.required).toBe(true);
    const reports = doc.paths['/v1/reports']?.post?.requestBody.content['application/json']?.schema;
    expect(reports?.properties.reports?.maxItems).toBe(1000);
  });
});
