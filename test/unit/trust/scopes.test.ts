import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../electron/core/api/openapi.ts';
import { BOT_ROUTES } from '../../../electron/core/api/bot/routes.ts';
import { main } from '../../../electron/cli.ts';
import { METHOD_NAMES } from '../../../shared/contract-names.ts';
import { openBotApi, OPERATOR_TOKEN, TOKEN, type BotApi } from '../bot-api/harness.ts';
import { rpc, send } from './http.ts';

let api: BotApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

/** Every route the bot API documents (the OpenAPI test holds it to the mounted ones), as "GET /v1/x". */
function documentedRoutes(): string[] {
  const doc = buildOpenApi() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([route, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
  );
}

/** A concrete URL for a documented route and a body it would accept. */
function request(route: string): { method: 'GET' | 'POST'; url: string; body?: unknown } {
  const [method, template] = route.split(' ') as ['GET' | 'POST', string];
  const url = template.replace('{id}', '1').replace('{name}', 'bot');
  const bodies: Record<string, unknown> = {
    '/v1/recover': { reason: 'all clear' },
    '/v1/confirm': { reason: 'fills look fine' },
  };
  return { method, url, body: bodies[url] };
}

const auditTotal = (bot: BotApi) => bot.monitor.store.audit({ limit: 1 }).total;

describe('the bot token', () => {
  it('is refused with 403 forbidden, naming the operator scope, on every contract method over HTTP', async () => {
    const bot = (api = await openBotApi());
    const before = auditTotal(bot);
    for (const method of METHOD_NAMES) {
      const answer = await rpc(bot, method, {}, TOKEN);
      expect(answer.status, method).toBe(403);
      expect(answer.body.error?.code, method).toBe('forbidden');
      expect(answer.body.error?.message, method).toContain('operator token');
    }
    const events = await send(bot, 'GET', `/api/events?token=${TOKEN}`);
    expect(events.status).toBe(403);
    expect(auditTotal(bot)).toBe(before);
    expect(bot.monitor.status().level).toBe('NORMAL');
  });

  it('is refused with 403 on every documented /v1 route outside its scope; the list cannot go stale', async () => {
    const bot = (api = await openBotApi());
    const routes = documentedRoutes().filter((r) => r !== 'GET /v1/openapi.json' && r !== 'GET /metrics');
    // Every route is either the bot's or the operator's; a new route must be placed in one.
    for (const route of BOT_ROUTES) expect(routes).toContain(route);
    const operatorRoutes = routes.filter((r) => !BOT_ROUTES.includes(r));
    expect(operatorRoutes).toEqual(
      expect.arrayContaining(['POST /v1/recover', 'POST /v1/confirm', 'POST /v1/check', 'GET /v1/history']),
    );
    bot.monitor.engine.levels.kill('the operator killed it', 'trader');
    const before = auditTotal(bot);
    for (const route of operatorRoutes) {
      const { method, url, body } = request(route);
      const answer = await send(bot, method, url, { token: TOKEN, body });
      expect(answer.status, route).toBe(403);
      expect(answer.body.error?.code, route).toBe('forbidden');
      expect(answer.body.error?.message, route).toContain('scope "operator"');
    }
    expect(bot.monitor.status().level).toBe('SHUTDOWN');
    expect(auditTotal(bot)).toBe(before);
  });

  it('may turn the override on but not off; a wrong token is still 401', async () => {
    const bot = (api = await openBotApi());
    const on = await send(bot, 'POST', '/v1/override', {
      token: TOKEN,
      body: { enabled: true, reason: 'earnings call' },
    });
    expect(on.status).toBe(200);
    const off = await send(bot, 'POST', '/v1/override', {
      token: TOKEN,
      body: { enabled: false, reason: 'done' },
    });
    expect(off.status).toBe(403);
    expect(off.body.error?.code).toBe('forbidden');
    expect(bot.monitor.status().override?.enabled).toBe(true);
    const wrong = await send(bot, 'POST', '/v1/recover', { token: `${TOKEN}x`, body: { reason: 'x' } });
    expect(wrong.status).toBe(401);
    const released = await send(bot, 'POST', '/v1/override', {
      token: OPERATOR_TOKEN,
      body: { enabled: false, reason: 'done' },
    });
    expect(released.status).toBe(200);
    expect(bot.monitor.status().override).toBeNull();
  });

  it('does what it may: gate, reports, heartbeats, status, issues', async () => {
    const bot = (api = await openBotApi());
    for (const route of BOT_ROUTES) {
      const { method, url } = request(route);
      const body =
        url === '/v1/reports'
          ? { reports: [{ type: 'order_success' }] }
          : url === '/v1/override'
            ? { enabled: true, reason: 'safer' }
            : undefined;
      const query = url === '/v1/gate' ? '?action=open' : '';
      for (const token of [TOKEN, OPERATOR_TOKEN]) {
        const answer = await send(bot, method, `${url}${query}`, { token, body });
        expect(answer.status, `${route} with ${token}`).toBe(200);
      }
    }
  });
});

describe('the operator token', () => {
  it('does everything, and the audit names "dashboard (http)" for it and "bot" for the bot', async () => {
    const bot = (api = await openBotApi());
    await send(bot, 'POST', '/v1/override', { token: TOKEN, body: { enabled: true, reason: 'fomc' } });
    expect(
      (await send(bot, 'POST', '/v1/recover', { token: OPERATOR_TOKEN, body: { reason: 'checked' } })).status,
    ).toBe(200);
    const thresholds = (await rpc(bot, 'thresholds.get', {})).body.result as { thresholds: unknown };
    expect(
      (await rpc(bot, 'thresholds.set', { thresholds: thresholds.thresholds, reason: 'same again' })).status,
    ).toBe(200);
    const rows = bot.monitor.store.audit({ kinds: ['manual'] }).rows as { action?: string; actor?: string }[];
    const actorOf = (action: string) => rows.find((r) => r.action === action)?.actor;
    expect(actorOf('override_on')).toBe('bot');
    expect(actorOf('recover')).toBe('dashboard (http)');
    expect(actorOf('thresholds')).toBe('dashboard (http)');
  });

  it('audits settings changes with the actor: the API address before and after, webhooks by host only', async () => {
    const bot = (api = await openBotApi());
    const webhook = 'https://hooks.example.com/services/T000/B000/very-secret-path';
    const saved = await rpc(bot, 'settings.set', {
      api: { host: '0.0.0.0', port: 18555 },
      notifications: { webhooks: [webhook] },
    });
    expect(saved.status).toBe(200);
    const schedule = (await rpc(bot, 'schedule.get', {})).body.result;
    expect((await rpc(bot, 'schedule.set', schedule)).status).toBe(200);
    const rows = bot.monitor.store.audit({ kinds: ['manual'] }).rows;
    const settings = rows.find((r) => r.kind === 'manual' && r.action === 'settings_changed');
    expect(settings).toMatchObject({
      actor: 'dashboard (http)',
      reason: 'settings changed: api.port, api.host, notifications.webhooks',
      details: {
        'api.host.from': '127.0.0.1',
        'api.host': '0.0.0.0',
        'api.port': 18555,
        webhooks: 1,
        webhookHosts: 'hooks.example.com',
      },
    });
    expect(JSON.stringify(rows)).not.toContain('very-secret-path');
    expect(rows.find((r) => r.kind === 'manual' && r.action === 'schedule_changed')).toMatchObject({
      actor: 'dashboard (http)',
    });
  });

  it('rotates either token, audited; the old one stops at once', async () => {
    const bot = (api = await openBotApi({ server: { token: undefined, operatorToken: undefined } }));
    const oldOperator = bot.server.operatorToken;
    const oldBot = bot.server.token;
    expect(oldOperator).not.toBe(oldBot);
    const rotated = await rpc(bot, 'api.rotateToken', { token: 'operator' }, oldOperator);
    const info = rotated.body.result as { operatorToken: string; token: string };
    expect(info.operatorToken).not.toBe(oldOperator);
    expect(info.token).toBe(oldBot);
    expect((await rpc(bot, 'status.get', {}, oldOperator)).status).toBe(401);
    expect((await rpc(bot, 'api.rotateToken', { token: 'bot' }, info.operatorToken)).status).toBe(200);
    expect((await send(bot, 'GET', '/v1/gate?action=open', { token: oldBot })).status).toBe(401);
    expect(fs.readFileSync(path.join(bot.dataDir, 'operator-token'), 'utf8').trim()).toBe(info.operatorToken);
    expect(fs.statSync(path.join(bot.dataDir, 'operator-token')).mode & 0o777).toBe(0o600);
    const rows = bot.monitor.store.audit({ kinds: ['manual'] }).rows as {
      action?: string;
      actor?: string;
      details?: { token?: string };
    }[];
    const rotations = rows.filter((r) => r.action === 'token_rotated');
    expect(rotations.map((r) => [r.details?.token, r.actor])).toEqual([
      ['bot', 'dashboard (http)'],
      ['operator', 'dashboard (http)'],
    ]);
  });
});

describe('where the tokens come from', () => {
  it('refuses to start when the operator token equals the bot token: exit code 2, a clear message', async () => {
    await expect(
      openBotApi({ server: { operatorToken: { token: TOKEN, source: 'option' } } }),
    ).rejects.toThrow(/operator token \(--operator-token\) is the same as the bot token \(--token\)/);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-same-token-'));
    const err: string[] = [];
    try {
      const code = await main(
        ['node', 'haltwatch', 'serve', '--port', '0', '--data-dir', dataDir, '--token', TOKEN],
        {
          out: () => {},
          err: (line) => err.push(line),
          env: { HALTWATCH_OPERATOR_TOKEN: TOKEN },
        } as Parameters<typeof main>[1],
      );
      expect(code).toBe(2);
      expect(err.join('\n')).toMatch(/HALTWATCH_OPERATOR_TOKEN\) is the same as the bot token \(--token\)/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
