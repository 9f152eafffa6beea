import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { levelNotice } from '../../../electron/core/notify/notices.ts';
import { createWebhookChannel, type WebhookPayload } from '../../../electron/core/notify/webhook-channel.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

/** A real hook on 127.0.0.1: /ok answers 204, /fail 500, /hang never. */
let server: http.Server;
let base: string;
let received: { path: string; type: string | undefined; body: WebhookPayload }[];
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const route = new URL(req.url ?? '/', 'http://hook').pathname;
      received.push({ path: route, type: req.headers['content-type'], body: JSON.parse(text) });
      if (route === '/hang') hanging.push(res);
      else res.writeHead(route === '/ok' ? 204 : 500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

let clock: FakeClock;
let logs: string[];
beforeEach(() => {
  clock = new FakeClock();
  logs = [];
  received = [];
});

const channel = (urls: string[]) =>
  createWebhookChannel({ urls: () => urls, clock, log: (m) => logs.push(m), timeoutMs: 1_000 });

describe('the webhook channel', () => {
  it('POSTs the notice as JSON to every hook', async () => {
    channel([`${base}/ok`, `${base}/ok?second`]).send(levelNotice(statusAt('HALT')));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[0]).toEqual({
      path: '/ok',
      type: 'application/json',
      body: {
        source: 'haltwatch',
        at: clock.now(),
        kind: 'level',
        title: 'Haltwatch: ■ HALT',
        body: 'No new positions; reduce, close and cancel only\nCause: broker breaker open',
        urgency: 'critical',
        target: '#/board',
      },
    });
    await vi.waitFor(() => expect(clock.pendingTimers()).toBe(0));
    expect(logs).toEqual([]);
  });

  it('logs a failing hook once and still calls the others', async () => {
    const c = channel([`${base}/fail`, `${base}/ok`]);
    c.send(levelNotice(statusAt('HALT')));
    c.send(levelNotice(statusAt('SHUTDOWN')));
    await vi.waitFor(() => expect(received).toHaveLength(4));
    await vi.waitFor(() => expect(logs).toEqual([`haltwatch: webhook ${base}/fail answered HTTP 500`]));
  });

  it('aborts a hook that does not answer within the timeout', async () => {
    channel([`${base}/hang`]).send(levelNotice(statusAt('HALT')));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    clock.advance(1_000);
    await vi.waitFor(() =>
      expect(logs).toEqual([`haltwatch: webhook ${base}/hang failed: no answer within 1000 ms`]),
    );
  });

  it('calls only http(s) URLs, and survives unreachable ones', async () => {
    channel(['file:///etc/passwd', 'http://127.0.0.1:1/']).send(levelNotice(statusAt('HALT')));
    await vi.waitFor(() => expect(logs).toHaveLength(2));
    expect(logs[0]).toBe(
      'haltwatch: webhook "file:///etc/passwd" skipped: only http:// and https:// URLs are called',
    );
    expect(logs[1]).toContain('http://127.0.0.1:1/ failed');
    expect(received).toHaveLength(0);
  });

  it('rejects a bad timeout naming the field and the value', () => {
    expect(() => createWebhookChannel({ urls: () => [], clock, log: () => {}, timeoutMs: 5 })).toThrow(
      /timeoutMs: at least 100 \(got 5\)/,
    );
  });
});
