import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBotApi, reportCount, TOKEN, type BotApi } from './harness.ts';

let api: BotApi;
beforeEach(async () => {
  api = await openBotApi();
});
afterEach(async () => {
  await api.close();
});

const get: BotApi['get'] = (...args) => api.get(...args);
const post: BotApi['post'] = (...args) => api.post(...args);

describe('GET /v1/gate', () => {
  it('answers from the level with numbers coerced from the query string', async () => {
    const response = await get('/v1/gate?action=open&symbol=AAPL&confidence=0.8&quantity=10');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      allowed: true,
      level: 'NORMAL',
      sizeMultiplier: 1,
      minConfidence: null,
      reasons: [],
      until: null,
      flatten: false,
    });
  });

  it('names each bad field, including unknown ones', async () => {
    const response = await get('/v1/gate?action=buy&confidence=high&qty=3');
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      '(root)',
      'action',
      'confidence',
    ]);
    expect(error.message).toContain('qty');
  });

  it('refuses a "__proto__" field in the query by name, with the numbers beside it still coerced', async () => {
    const response = await get('/v1/gate?action=open&__proto__=x&quantity=5&confidence=2');
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.message).toContain('__proto__');
    // "2" was read as the number 2: too big, not "expected number".
    expect(error.message).toContain('confidence: Too big');
  });

  it('allows a cancel even with fields it does not know, at SHUTDOWN, while refusing such an open', async () => {
    api.monitor.engine.levels.kill('testing the gate', 'trader');
    const cancel = await get('/v1/gate?action=cancel&orderId=123&quantity=0');
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ allowed: true, level: 'SHUTDOWN' });
    const open = await get('/v1/gate?action=open&orderId=123');
    expect(open.statusCode).toBe(400);
    expect(open.json().error.message).toContain('orderId');
  });

  it('refuses a missing or wrong token with 401 and says which', async () => {
    const missing = await get('/v1/gate?action=open', {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.message).toContain('required');
    const wrong = await get('/v1/gate?action=open', { authorization: `Bearer ${TOKEN}x` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toContain('wrong');
  });

  it('sends no CORS headers, even to a preflight', async () => {
    const preflight = await api.server.app.inject({
      method: 'OPTIONS',
      url: '/v1/gate',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(404);
    const response = await api.server.app.inject({
      method: 'GET',
      url: '/v1/gate?action=open',
      headers: { ...api.auth, origin: 'https://evil.example' },
    });
    for (const r of [preflight, response]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
    }
  });
});

describe('POST /v1/reports', () => {
  it('stores a batch and moves the level: failures, then slippage', async () => {
    const failures = await post('/v1/reports', {
      reports: [
        { type: 'order_failure', symbol: 'AAPL', reason: 'rejected' },
        { type: 'order_failure', symbol: 'AAPL' },
      ],
    });
    expect(failures.statusCode).toBe(200);
    expect(failures.json()).toEqual({ accepted: 2 });
    expect((await get('/v1/status')).json().level).toBe('ALERT');

    await post('/v1/reports', { reports: [{ type: 'slippage', expectedPrice: 100, actualPrice: 100.6 }] });
    const gate = (await get('/v1/gate?action=open')).json();
    expect(gate).toMatchObject({ allowed: false, level: 'HALT' });
    expect((await get('/v1/gate?action=close')).json().allowed).toBe(true);
    expect(reportCount(api)).toBe(3);
  });

  it('rejects the whole batch when one item is bad, naming its index and field', async () => {
    const response = await post('/v1/reports', {
      reports: [
        { type: 'order_success' },
        { type: 'slippage', expectedPrice: 100, actualPrice: 'high' },
        { type: 'teleport' },
      ],
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['reports[1].actualPrice', 'reports[2].type']));
    expect(reportCount(api)).toBe(0);
    expect(api.monitor.status().level).toBe('NORMAL');
  });

  it('refuses a JSON body that could poison prototypes, by name, and writes nothing', async () => {
    for (const payload of [
      '{"reports": [{"type": "critical_error", "message": "x"}], "__proto__": {"admin": true}}',
      '{"reports": [], "constructor": {"prototype": {"admin": true}}}',
    ]) {
      const response = await api.server.app.inject({
        method: 'POST',
        url: '/v1/reports',
        headers: { ...api.auth, 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({
        code: 'invalid_json',
        message: 'the body has a "__proto__" or "constructor.prototype" key, which is refused',
      });
    }
    expect(reportCount(api)).toBe(0);
    expect(api.monitor.status().level).toBe('NORMAL');
  });

  it('reads an empty JSON body as no body: a POST that needs one names the missing fields', async () => {
    const response = await api.server.app.inject({
      method: 'POST',
      url: '/v1/override',
      headers: { ...api.auth, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(response.json().error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['enabled', 'reason']),
    );
  });

  it('names invalid JSON, a wrong content type and a body over 64 KiB', async () => {
    const broken = await api.server.app.inject({
      method: 'POST',
      url: '/v1/reports',
      headers: { ...api.auth, 'content-type': 'application/json' },
      payload: '{"reports": [',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({
      code: 'invalid_json',
      message: 'the body is not valid JSON: Unexpected end of JSON input',
    });
    const text = await api.server.app.inject({
      method: 'POST',
      url: '/v1/reports',
      headers: { ...api.auth, 'content-type': 'text/plain' },
      payload: 'order_success',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const huge = await post('/v1/reports', {
      reports: [{ type: 'critical_error', message: 'x'.repeat(70 * 1024) }],
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('65536');
    expect(reportCount(api)).toBe(0);
  });
});

describe('the other bot endpoints', () => {
  it('takes heartbeats by name and refuses bad names', async () => {
    const beat = await post('/v1/heartbeats/trader-bot');
    expect(beat.statusCode).toBe(200);
    expect(beat.json()).toEqual({ name: 'trader-bot', at: api.clock.now() });
    const bad = await post(`/v1/heartbeats/${encodeURIComponent('$$$')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('name');
  });

  it('overrides, recovers and refuses to confirm when HALT does not await it', async () => {
    const override = await post('/v1/override', { enabled: true, reason: 'earnings call' });
    expect(override.statusCode).toBe(200);
    expect(override.json().override).toMatchObject({ enabled: true, actor: 'bot' });
    expect((await get('/v1/gate?action=open')).json().reasons).toContain('OVERRIDE_ACTIVE');
    expect((await post('/v1/override', { enabled: true })).statusCode).toBe(400);
    const confirm = await post('/v1/confirm', { reason: 'looks fine' }, api.operator);
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().error.code).toBe('failed');
    expect((await post('/v1/recover', { reason: 'all clear' }, api.operator)).statusCode).toBe(200);
    const audit = (await get('/v1/history?view=audit&kinds=manual', api.operator)).json();
    expect(audit.rows.find((r: { action?: string }) => r.action === 'override_on').actor).toBe('bot');
    expect(audit.rows.find((r: { action?: string }) => r.action === 'recover').actor).toBe(
      'dashboard (http)',
    );
  });

  it('starts a check, answers with its id at once and serves the run', async () => {
    const started = await post('/v1/check', undefined, api.operator);
    expect(started.statusCode).toBe(202);
    const { id } = started.json();
    expect(id).toBeGreaterThan(0);
    await api.monitor.engine.runCheck({ reason: 'manual' });
    const run = await get(`/v1/checks/${id}`, api.operator);
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ id, reason: 'manual' });
    expect((await get('/v1/checks/999', api.operator)).statusCode).toBe(404);
    const bad = await get('/v1/checks/1e3', api.operator);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('id');
  });

  it('serves status, issues and the level history', async () => {
    const status = (await get('/v1/status')).json();
    expect(status).toMatchObject({ level: 'NORMAL', override: null, cause: null });
    expect(status).toHaveProperty('nextCheck');
    await post('/v1/reports', { reports: [{ type: 'latency', ms: 1200 }] });
    const issues = (await get('/v1/issues?minutes=5')).json();
    expect(issues[0]).toMatchObject({ signal: 'latency', level: 'THROTTLE' });
    expect((await get('/v1/issues?minutes=0')).statusCode).toBe(400);
    api.clock.advance(1000);
    const levels = (await get('/v1/history', api.operator)).json();
    expect(levels.view).toBe('levels');
    expect(levels.points.map((p: { level: string }) => p.level)).toContain('THROTTLE');
    const bad = await get('/v1/history?view=levels&from=10&to=5', api.operator);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('to');
    expect((await get('/v1/history?view=nope', api.operator)).statusCode).toBe(400);
  });

  it('answers unknown routes with a JSON 404 naming the route', async () => {
    const response = await get('/v1/trade');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'not_found', message: 'no route GET /v1/trade' });
  });
});
