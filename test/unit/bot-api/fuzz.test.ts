import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract-names.ts';
import { openBotApi, OPERATOR_TOKEN, reportCount, TOKEN, type BotApi } from './harness.ts';

/**
 * ≥ 10 000 generated malformed requests against the real server (through app.inject, no sockets),
 * each with the bot token or the operator token, and the bot token on every operator route: every
 * answer must be a 4xx JSON error naming the problem, and nothing may change or be written.
 */
let api: BotApi;
beforeAll(async () => {
  api = await openBotApi();
});
afterAll(async () => {
  await api.close();
});

const RUNS = 10_000;
const VALID_REPORTS = [
  { type: 'order_success', symbol: 'AAPL' },
  { type: 'order_failure', reason: 'rejected' },
  { type: 'latency', ms: 12 },
  { type: 'slippage', expectedPrice: 100, actualPrice: 100.01 },
  { type: 'pnl', realized: -5, equity: 10_000 },
  { type: 'critical_error', message: 'out of memory' },
] as const;
const BODY_ROUTES = ['/v1/reports', '/v1/override', '/v1/recover', '/v1/confirm'] as const;
const VALID_BODIES: Record<(typeof BODY_ROUTES)[number], Record<string, unknown>> = {
  '/v1/reports': { reports: [VALID_REPORTS[0]] },
  '/v1/override': { enabled: true, reason: 'testing' },
  '/v1/recover': { reason: 'testing' },
  '/v1/confirm': { reason: 'testing' },
};
const QUERY_ROUTES = ['/v1/gate', '/v1/issues', '/v1/history', '/v1/notifications'] as const;
const VALID_QUERIES: Record<(typeof QUERY_ROUTES)[number], Record<string, string>> = {
  '/v1/gate': { action: 'open', confidence: '0.9' },
  '/v1/issues': { minutes: '5' },
  '/v1/history': { view: 'audit', limit: '10' },
  '/v1/notifications': { since: '0', limit: '10' },
};
const ALL_ROUTES = [
  ...BODY_ROUTES,
  ...QUERY_ROUTES,
  '/v1/status',
  '/v1/checks/1',
  '/v1/heartbeats/bot',
  '/v1/check',
];

const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };
const fieldName = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `x_${s}`);
const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.json());

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Each arbitrary builds one kind of malformed request. */
const badToken = fc
  .record({
    url: fc.constantFrom(...ALL_ROUTES),
    header: fc.oneof(
      fc.constant(undefined),
      fc.string().map((s) => `Bearer ${s}`),
      fc.constant(TOKEN),
      fc.constant(`Basic ${TOKEN}`),
      fc.constant(`Bearer ${TOKEN.slice(0, -1)}`),
      fc.constant(`Bearer ${OPERATOR_TOKEN.slice(1)}`),
      fc.constant(`Bearer ${TOKEN}${OPERATOR_TOKEN}`),
    ),
    method: fc.constantFrom('GET', 'POST'),
  })
  .map(({ url, header, method }): InjectOptions => ({
    method: method as 'GET' | 'POST',
    url,
    headers: header === undefined ? {} : { authorization: header },
  }));

const unknownRoute = fc
  .record({
    path: fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => `/v1/${encodeURIComponent(s)}x`),
      fc.string({ maxLength: 40 }).map((s) => `/v2/${encodeURIComponent(s)}`),
      fc.constantFrom('/v1/gate/extra', '/v1', '/V1/GATE', '/v1/reports/1', '/v1/checks/1/results'),
    ),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  })
  .map(({ path, method }): InjectOptions => ({ method: method as 'GET', url: path, headers: auth }));

const wrongMethod = fc
  .record({ url: fc.constantFrom(...ALL_ROUTES), method: fc.constantFrom('PUT', 'DELETE', 'PATCH') })
  .map(({ url, method }): InjectOptions => ({ method: method as 'PUT', url, headers: auth }));

const invalidJson = fc
  .record({
    url: fc.constantFrom(...BODY_ROUTES),
    payload: fc.oneof(
      fc.json().map((j) => `${j}}`),
      fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1)) + ','),
      fc.constantFrom('{', '[', '{"reports":', "{'a':1}", 'NaN', '{"__proto__":{"x":1}}', '\u0000'),
    ),
  })
  .filter(({ payload }) => {
    try {
      JSON.parse(payload);
      return false;
    } catch {
      return true;
    }
  })
  .map(({ url, payload }): InjectOptions => ({ method: 'POST', url, headers: json, payload }));

const wrongContentType = fc
  .record({
    url: fc.constantFrom(...BODY_ROUTES),
    type: fc.oneof(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'application/xml',
      ),
      fc.stringMatching(/^[a-z]{1,8}\/[a-z]{1,8}$/).filter((t) => t !== 'application/json'),
    ),
  })
  .map(({ url, type }): InjectOptions => ({
    method: 'POST',
    url,
    headers: { ...auth, 'content-type': type },
    payload: JSON.stringify(VALID_BODIES[url]),
  }));

const oversized = fc
  .record({ url: fc.constantFrom(...BODY_ROUTES), extra: fc.integer({ min: 1, max: 4096 }) })
  .map(({ url, extra }): InjectOptions => ({
    method: 'POST',
    url,
    headers: json,
    payload: JSON.stringify({ ...VALID_BODIES[url], pad: 'x'.repeat(64 * 1024 + extra) }),
  }));

/** A valid body with one fault: an unknown field (every schema is strict) or a wrong value. */
const badBody = fc
  .record({
    url: fc.constantFrom(...BODY_ROUTES),
    fault: fc.oneof(
      fc.record({ kind: fc.constant('extra' as const), name: fieldName, value: junk }),
      fc.record({ kind: fc.constant('drop' as const) }),
      fc.record({
        kind: fc.constant('replace' as const),
        value: fc.oneof(fc.constant(null), fc.array(junk), fc.integer()),
      }),
    ),
    report: fc.constantFrom(...VALID_REPORTS),
    reportFault: fc.oneof(
      fc.record({ kind: fc.constant('extra' as const), name: fieldName, value: junk }),
      fc.record({
        kind: fc.constant('type' as const),
        value: fc.string().filter((t) => !VALID_REPORTS.some((r) => r.type === t)),
      }),
      fc.record({ kind: fc.constant('negative' as const) }),
    ),
    goodBefore: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ url, fault, report, reportFault, goodBefore }): InjectOptions => {
    let body: Record<string, unknown>;
    if (url === '/v1/reports') {
      const broken: Record<string, unknown> = { ...report };
      if (reportFault.kind === 'extra') broken[reportFault.name] = reportFault.value;
      else if (reportFault.kind === 'type') broken.type = reportFault.value;
      else broken.type = 'slippage';
      if (reportFault.kind === 'negative') broken.expectedPrice = -1;
      body = { reports: [...Array.from({ length: goodBefore }, () => VALID_REPORTS[2]), broken] };
    } else {
      body = { ...VALID_BODIES[url] };
      const key = Object.keys(body)[0] ?? 'reason';
      if (fault.kind === 'extra') body[fault.name] = fault.value;
      else if (fault.kind === 'drop') delete body[key];
      else body[key] = fault.value;
    }
    return { method: 'POST', url, headers: json, payload: JSON.stringify(body) };
  });

const badQuery = fc
  .record({
    url: fc.constantFrom(...QUERY_ROUTES),
    fault: fc.oneof(
      fc.record({ kind: fc.constant('extra' as const), name: fieldName, value: fc.string() }),
      fc.record({
        kind: fc.constant('value' as const),
        value: fc.string().filter((s) => !/^[\d.]+$/.test(s)),
      }),
      fc.record({ kind: fc.constant('repeat' as const) }),
    ),
  })
  .map(({ url, fault }): InjectOptions => {
    const params = { ...VALID_QUERIES[url] };
    const key = Object.keys(params)[0] ?? 'action';
    if (fault.kind === 'extra') params[fault.name] = fault.value;
    else if (fault.kind === 'value') params[key] = `~${fault.value}`;
    let search = query(params);
    if (fault.kind === 'repeat') search += `&${key}=${params[key]}`;
    return { method: 'GET', url: `${url}?${search}`, headers: auth };
  });

const badPathParam = fc
  .oneof(
    fc
      .string({ minLength: 1, maxLength: 80 })
      .filter((s) => !/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/.test(s.trim()) && s.trim() !== '')
      .map((s) => `/v1/heartbeats/${encodeURIComponent(s)}`),
    fc.string({ minLength: 65, maxLength: 100 }).map(() => `/v1/heartbeats/${'a'.repeat(65)}`),
    fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => !/^\d+$/.test(s))
      .map((s) => `/v1/checks/${encodeURIComponent(s)}`),
  )
  .map((url): InjectOptions => ({
    method: url.startsWith('/v1/checks') ? 'GET' : 'POST',
    url,
    headers: auth,
  }));

const badUrl = fc
  .constantFrom('/v1/gate?action=%zz', '/v1/%', '/v1/heartbeats/%E0%A4%A', '/v1/gate?' + 'a=1&'.repeat(2000))
  .map((url): InjectOptions => ({ method: 'GET', url, headers: auth }));

/** Well-formed requests the bot token may not make: each must be a 403 and change nothing. */
const EXPECT = 'x-fuzz-expect';
const botOnOperatorRoute = fc
  .oneof(
    fc.constantFrom(...METHOD_NAMES).map((method): InjectOptions => ({
      method: 'POST',
      url: `/api/rpc/${method}`,
      headers: json,
      payload: '{}',
    })),
    fc
      .constantFrom(
        { url: '/v1/recover', payload: { reason: 'fuzzing' } },
        { url: '/v1/confirm', payload: { reason: 'fuzzing' } },
        { url: '/v1/override', payload: { enabled: false, reason: 'fuzzing' } },
        { url: '/v1/check', payload: undefined },
      )
      .map(({ url, payload }): InjectOptions => ({
        method: 'POST',
        url,
        headers: payload ? json : auth,
        payload: payload ? JSON.stringify(payload) : undefined,
      })),
    fc
      .constantFrom('/v1/checks/1', '/v1/history', '/v1/history?view=audit', `/api/events?token=${TOKEN}`)
      .map((url): InjectOptions => ({ method: 'GET', url, headers: auth })),
  )
  .map((request): InjectOptions => ({ ...request, headers: { ...request.headers, [EXPECT]: '403' } }));

/** The same malformed request with either token: both scopes must refuse it alike. */
const withEitherToken = (arbitrary: fc.Arbitrary<InjectOptions>) =>
  fc.tuple(arbitrary, fc.boolean()).map(([request, operator]): InjectOptions => {
    const headers = request.headers as Record<string, string> | undefined;
    if (!operator || headers?.authorization !== auth.authorization) return request;
    return { ...request, headers: { ...headers, authorization: `Bearer ${OPERATOR_TOKEN}` } };
  });

const malformed = fc.oneof(
  { arbitrary: badToken, weight: 10 },
  { arbitrary: withEitherToken(unknownRoute), weight: 10 },
  { arbitrary: withEitherToken(wrongMethod), weight: 5 },
  { arbitrary: withEitherToken(invalidJson), weight: 10 },
  { arbitrary: withEitherToken(wrongContentType), weight: 10 },
  // Each is 64 KiB to build, send and refuse: a few hundred show the limit holds.
  { arbitrary: withEitherToken(oversized), weight: 2 },
  { arbitrary: withEitherToken(badBody), weight: 25 },
  { arbitrary: withEitherToken(badQuery), weight: 15 },
  { arbitrary: withEitherToken(badPathParam), weight: 10 },
  { arbitrary: withEitherToken(badUrl), weight: 3 },
  { arbitrary: botOnOperatorRoute, weight: 10 },
);

describe('malformed requests', () => {
  it(`answers ${RUNS} of them with a 4xx JSON error and changes nothing`, async () => {
    const engineBefore = JSON.stringify({
      levels: api.monitor.engine.levels.serialize(),
      breakers: api.monitor.engine.breakers.serialize(),
      heartbeats: api.monitor.engine.heartbeats.serialize(),
    });
    const auditBefore = api.monitor.store.audit({ limit: 1 }).total;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(malformed, async (request) => {
        sent += 1;
        const response = await api.server.app.inject(request);
        const where = `${request.method} ${String(request.url).slice(0, 80)} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        expect(response.statusCode, where).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, where).toBeLessThan(500);
        expect(response.headers['content-type'], where).toContain('application/json');
        const body = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
        expect(typeof body.error?.code, where).toBe('string');
        if (response.statusCode === 403) expect(body.error?.code, where).toBe('forbidden');
        if ((request.headers as Record<string, string>)[EXPECT]) expect(response.statusCode, where).toBe(403);
        expect(String(body.error?.message).length, where).toBeGreaterThan(5);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, seed: 7 },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);

    const engineAfter = JSON.stringify({
      levels: api.monitor.engine.levels.serialize(),
      breakers: api.monitor.engine.breakers.serialize(),
      heartbeats: api.monitor.engine.heartbeats.serialize(),
    });
    expect(engineAfter).toBe(engineBefore);
    expect(api.monitor.status().level).toBe('NORMAL');
    expect(reportCount(api)).toBe(0);
    expect(api.monitor.store.audit({ limit: 1 }).total).toBe(auditBefore);
    expect(api.db((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    // Still serving: a good request after the storm.
    const gate = await api.server.app.inject({ method: 'GET', url: '/v1/gate?action=open', headers: auth });
    expect(gate.json()).toMatchObject({ allowed: true, level: 'NORMAL' });
  }, 90_000);
});
