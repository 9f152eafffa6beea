import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBotApi, type BotApi } from './harness.ts';

/** What README.md's "Bot API" section tells a bot developer, checked against a real server. */
let api: BotApi;
beforeEach(async () => {
  api = await openBotApi();
});
afterEach(async () => {
  await api.close();
});

const get: BotApi['get'] = (...args) => api.get(...args);
const post: BotApi['post'] = (...args) => api.post(...args);
const report = (...reports: unknown[]) => post('/v1/reports', { reports });
const level = async () => (await get('/v1/status')).json().level as string;

describe('the README’s table of what moves the level (default thresholds)', () => {
  it.each([
    ['latency 499 ms', [{ type: 'latency', service: 'broker', ms: 499 }], 'NORMAL'],
    ['latency 500 ms', [{ type: 'latency', service: 'broker', ms: 500 }], 'ALERT'],
    ['latency 1000 ms', [{ type: 'latency', ms: 1000 }], 'THROTTLE'],
    ['latency 3000 ms', [{ type: 'latency', service: 'broker', ms: 3000 }], 'HALT'],
    ['slippage 0.1 %', [{ type: 'slippage', expectedPrice: 100, actualPrice: 100.1 }], 'ALERT'],
    ['slippage 0.3 %', [{ type: 'slippage', expectedPrice: 100, actualPrice: 99.7 }], 'THROTTLE'],
    ['slippage 0.5 %', [{ type: 'slippage', expectedPrice: 100, actualPrice: 100.5 }], 'HALT'],
    ['2 failures', Array(2).fill({ type: 'order_failure' }), 'ALERT'],
    ['3 failures', Array(3).fill({ type: 'order_failure' }), 'THROTTLE'],
    ['5 failures', Array(5).fill({ type: 'order_failure' }), 'HALT'],
    ['10 failures', Array(10).fill({ type: 'order_failure' }), 'SHUTDOWN'],
    ['exchange-halt rejections', Array(10).fill({ type: 'order_failure', exchangeHalt: true }), 'NORMAL'],
    [
      '3 of 10 orders failed, never 2 in a row',
      [...'SSFSSFSSFS'].map((c) => ({ type: c === 'F' ? 'order_failure' : 'order_success' })),
      'THROTTLE',
    ],
    [
      '3 of 9 orders failed (fewer than 10)',
      [...'SSFSSFSSF'].map((c) => ({ type: c === 'F' ? 'order_failure' : 'order_success' })),
      'NORMAL',
    ],
    [
      'realised losses summing to 5 % of equity, a gain offsetting',
      [
        { type: 'pnl', realized: -3000, equity: 100_000 },
        { type: 'pnl', realized: 1000, equity: 100_000 },
        { type: 'pnl', realized: -3000, equity: 100_000 },
      ],
      'HALT',
    ],
    ['realised loss of 4.99 %', [{ type: 'pnl', realized: -4990, equity: 100_000 }], 'NORMAL'],
    ['a critical error', [{ type: 'critical_error', message: 'heap exhausted' }], 'SHUTDOWN'],
  ])('%s → %s', async (_what, reports, expected) => {
    expect((await report(...reports)).statusCode).toBe(200);
    expect(await level()).toBe(expected);
  });

  it('takes the pull of slippage away with the next, smaller fill, and steps down after the cooldown', async () => {
    await report({ type: 'slippage', expectedPrice: 100, actualPrice: 100.1 });
    await report({ type: 'slippage', expectedPrice: 100, actualPrice: 100 });
    const status = (await get('/v1/status')).json();
    expect(status).toMatchObject({ level: 'ALERT', desiredLevel: 'NORMAL' });
    expect((await get('/v1/gate?action=open')).json().until).toBe(api.clock.now() + 60_000);
    api.clock.advance(60_000);
    expect(await level()).toBe('NORMAL');
  });

  it('leaves HALT for THROTTLE when confirmed after its 900 s cooldown, refusing before', async () => {
    await report({ type: 'slippage', expectedPrice: 100, actualPrice: 100.5 });
    const early = await post('/v1/confirm', { reason: 'fills look fine' }, api.operator);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('failed');
    api.clock.advance(900_000);
    const confirmed = await post('/v1/confirm', { reason: 'fills look fine' }, api.operator);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().level).toBe('THROTTLE');
  });

  it('answers THROTTLE’s gate as documented: confidence 0.7, size × 0.5, reasons named', async () => {
    await report({ type: 'slippage', expectedPrice: 100, actualPrice: 100.3 });
    expect((await get('/v1/gate?action=open')).json()).toMatchObject({
      allowed: false,
      reasons: ['LEVEL_THROTTLE', 'CONFIDENCE_REQUIRED'],
    });
    expect((await get('/v1/gate?action=open&confidence=0.69')).json().reasons).toContain(
      'CONFIDENCE_BELOW_MIN',
    );
    expect((await get('/v1/gate?action=increase&confidence=0.7')).json()).toMatchObject({
      allowed: true,
      sizeMultiplier: 0.5,
      minConfidence: 0.7,
      reasons: ['LEVEL_THROTTLE', 'SIZE_REDUCED'],
    });
  });
});

describe('the README’s promises about requests', () => {
  it('serves the OpenAPI document without the token', async () => {
    const response = await get('/v1/openapi.json', {});
    expect(response.statusCode).toBe(200);
    expect(response.json().openapi).toBe('3.1.0');
  });

  it('takes bodiless POSTs with or without a JSON content-type', async () => {
    expect((await post('/v1/heartbeats/my-bot')).statusCode).toBe(200);
    expect((await post('/v1/check', undefined, api.operator)).statusCode).toBe(202);
    for (const [url, status, auth] of [
      ['/v1/heartbeats/my-bot', 200, api.auth],
      ['/v1/check', 202, api.operator],
    ] as const) {
      const declared = await api.server.app.inject({
        method: 'POST',
        url,
        headers: { ...auth, 'content-type': 'application/json' },
      });
      expect(declared.statusCode, url).toBe(status);
    }
  });

  it('keeps a beat for a name no service watches, matching names case-insensitively', async () => {
    await post('/v1/heartbeats/My-Bot');
    expect(api.monitor.engine.heartbeats.last('my-bot')).toBe(api.clock.now());
  });

  it('answers a known path with the wrong method as 404 not_found', async () => {
    const response = await get('/v1/reports');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'not_found', message: 'no route GET /v1/reports' });
  });

  it('lists issues oldest first and the audit log newest first', async () => {
    await report({ type: 'latency', ms: 600 });
    api.clock.advance(1000);
    await report({ type: 'latency', ms: 1200 });
    const issues = (await get('/v1/issues?minutes=5')).json() as { at: number }[];
    expect(issues.map((i) => i.at)).toEqual([...issues.map((i) => i.at)].sort((a, b) => a - b));
    expect(issues).toHaveLength(2);
    const audit = (await get('/v1/history?view=audit&kinds=level', api.operator)).json() as {
      rows: { at: number }[];
    };
    expect(audit.rows.map((r) => r.at)).toEqual([api.clock.now(), api.clock.now() - 1000]);
  });
});
