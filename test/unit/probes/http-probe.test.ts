import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runProbe } from '../../../electron/core/probes/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { freePort } from '../../helpers/servers/free-port.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { context, service } from './kit.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await startHttpFixture();
});
afterAll(() => fixture.stop());

const http = (extra: Record<string, unknown> = {}) =>
  service({ kind: 'http', url: fixture.url, timeoutMs: 2000, ...extra });

describe('http probe against a real server', () => {
  it('is ok for a healthy endpoint and says what answered', async () => {
    fixture.setMode('healthy');
    const result = await runProbe(
      http({ jsonPath: '$.status', jsonEquals: 'ok', bodyContains: 'ok' }),
      context(),
    );
    expect(result).toMatchObject({
      outcome: 'ok',
      ok: true,
      kind: 'http',
      reason: `HTTP 200 OK from ${fixture.url}`,
      details: { status: 200 },
    });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('names the status and the URL on a 500', async () => {
    fixture.setMode({ status: 503, body: 'maintenance window' });
    const result = await runProbe(http(), context());
    expect(result).toMatchObject({
      outcome: 'fail',
      reason: `HTTP 503 Service Unavailable from ${fixture.url} (expected 200-299)`,
      details: { status: 503, body: 'maintenance window' },
    });
  });

  it('accepts the status ranges it is told to', async () => {
    fixture.setMode({ status: 404 });
    expect((await runProbe(http({ expectStatus: ['200-299', '404'] }), context())).outcome).toBe('ok');
  });

  it('fails on a body that is not JSON when a JSON path is asserted', async () => {
    fixture.setMode('invalidJson');
    const result = await runProbe(http({ jsonPath: '$.status' }), context());
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe(`response is not valid JSON (${fixture.url})`);
  });

  it('fails when the JSON path is missing or has another value', async () => {
    fixture.setMode({ json: { status: 'degraded', checks: [{ db: 'down' }] } });
    expect((await runProbe(http({ jsonPath: '$.status', jsonEquals: 'ok' }), context())).reason).toBe(
      `$.status is "degraded", expected "ok" (${fixture.url})`,
    );
    expect((await runProbe(http({ jsonPath: '$.checks[1].db' }), context())).reason).toBe(
      `$.checks[1].db is missing in the response from ${fixture.url}`,
    );
    expect(
      (await runProbe(http({ jsonPath: '$.checks[0].db', jsonEquals: 'down' }), context())).outcome,
    ).toBe('ok');
  });

  it('fails when the body lacks the keyword', async () => {
    fixture.setMode('healthy');
    expect((await runProbe(http({ bodyContains: 'READY' }), context())).reason).toBe(
      `response from ${fixture.url} does not contain "READY"`,
    );
  });

  it('says the peer reset the connection', async () => {
    fixture.setMode('reset');
    const result = await runProbe(http(), context());
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe(`connection reset by peer (${fixture.url})`);
  });

  it('says the server closed without answering', async () => {
    fixture.setMode('close');
    expect((await runProbe(http(), context())).reason).toBe(
      `connection closed by the server before it answered (${fixture.url})`,
    );
  });

  it('says the connection was refused on a closed port', async () => {
    const port = await freePort();
    const result = await runProbe(
      service({ kind: 'http', url: `http://127.0.0.1:${port}/health` }),
      context(),
    );
    expect(result.reason).toBe(`connection refused (http://127.0.0.1:${port}/health)`);
  });

  it('marks a healthy but slow answer as slow, still ok', async () => {
    fixture.setMode({ slowMs: 120 });
    const result = await runProbe(http({ slowMs: 50 }), context());
    expect(result.outcome).toBe('ok');
    expect(result.slow).toBe(true);
    expect(result.reason).toMatch(/; slow: \d+ ms \(slow above 50 ms\)$/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(110);
  });

  it('times out a hanging server at its deadline and closes the socket', async () => {
    fixture.setMode('hang');
    const clock = new ManualClock();
    const connected = fixture.nextConnection();
    const pending = runProbe(http({ timeoutMs: 2000 }), context({ clock }));
    await connected;
    await vi.waitFor(() => expect(fixture.requests.at(-1)?.url).toBe('/health'));
    clock.advance(1999);
    clock.advance(1);
    const result = await pending;
    expect(result).toMatchObject({
      outcome: 'timeout',
      ok: false,
      reason: `timed out after 2000 ms (${fixture.url})`,
    });
    expect(clock.pendingTimers()).toBe(0);
    await vi.waitFor(() => expect(fixture.openConnections()).toBe(0));
  });

  it('sends method, headers, query and body as configured', async () => {
    fixture.setMode('echo');
    const svc = service({
      kind: 'http',
      url: `${fixture.origin}/orders?x=1`,
      method: 'POST',
      body: '{"ping":true}',
      headers: { 'X-Desk': 'alpha' },
      query: { account: 'A1' },
    });
    await runProbe(svc, context());
    const seen = fixture.requests.at(-1);
    expect(seen).toMatchObject({ method: 'POST', url: '/orders?x=1&account=A1' });
    expect(seen?.headers['x-desk']).toBe('alpha');
    expect(seen?.headers['content-length']).toBe('13');
  });

  it('fails, never throws, when a referenced secret is missing', async () => {
    fixture.setMode('healthy');
    const result = await runProbe(
      http({ headers: { Authorization: { secret: 'BROKER_TOKEN' } } }),
      context(),
    );
    expect(result.outcome).toBe('fail');
    expect(result.reason).toMatch(/^secret "BROKER_TOKEN" is not set/);
    expect(fixture.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});
