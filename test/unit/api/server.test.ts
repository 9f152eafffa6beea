import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiServer, DASHBOARD_HEADERS } from '../../../electron/core/api/server.ts';
import { tokenMatches } from '../../../electron/core/api/token.ts';
import type { Dispatch } from '../../../electron/core/dispatcher.ts';
import { EventHub } from '../../../electron/core/events.ts';

/** The operator's token: the dashboard's transport needs it. */
const TOKEN = 'test-token-0123456789abcdef';
const BOT_TOKEN = 'test-bot-token-0123456789';
let app: FastifyInstance;
let events: EventHub;
const calls: { name: unknown; input: unknown }[] = [];

const dispatch: Dispatch = async (name, input) => {
  calls.push({ name, input });
  if (name === 'status.get') return { ok: true, result: { level: 'NORMAL' } };
  if (name === 'check.run') return { ok: false, error: { code: 'invalid_input', message: 'nope' } };
  return { ok: false, error: { code: 'unknown_method', message: `unknown method ${JSON.stringify(name)}` } };
};

beforeEach(async () => {
  calls.length = 0;
  events = new EventHub();
  app = await createApiServer({ dispatch, events, token: BOT_TOKEN, operatorToken: TOKEN });
});
afterEach(async () => {
  await app.close();
});

const auth = { authorization: `Bearer ${TOKEN}` };

describe('the local HTTP transport', () => {
  it('refuses a call without the token or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }]) {
      const response = await app.inject({ method: 'POST', url: '/api/rpc/status.get', headers, payload: {} });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
    expect(calls).toHaveLength(0);
  });

  it('passes a call to the dispatcher and maps error codes to statuses', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/rpc/status.get', headers: auth, payload: {} });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, result: { level: 'NORMAL' } });
    const bad = await app.inject({ method: 'POST', url: '/api/rpc/check.run', headers: auth, payload: {} });
    expect(bad.statusCode).toBe(400);
    const unknown = await app.inject({ method: 'POST', url: '/api/rpc/nope', headers: auth, payload: {} });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers malformed JSON and oversized bodies with a 4xx JSON error', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/rpc/status.get',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().ok).toBe(false);
    const huge = await app.inject({
      method: 'POST',
      url: '/api/rpc/status.get',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'y'.repeat(70 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('streams events to a client holding the token', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const refused = await fetch(`http://127.0.0.1:${port}/api/events`);
    expect(refused.status).toBe(401);

    const response = await fetch(`http://127.0.0.1:${port}/api/events?token=${TOKEN}`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    events.emit('check.started', { id: 7, services: ['broker'] });
    while (!text.includes('event: check.started')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('data: {"id":7,"services":["broker"]}');
    await reader.cancel();
  });
});

describe('tokenMatches', () => {
  it('accepts only the exact token', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(tokenMatches(TOKEN, '')).toBe(false);
    expect(tokenMatches(TOKEN, undefined)).toBe(false);
    expect(tokenMatches(TOKEN, `${TOKEN.slice(0, -1)}?`)).toBe(false);
    expect(tokenMatches(TOKEN, `?${TOKEN.slice(1)}`)).toBe(false);
    // Same number of bytes, different characters: "é" is two bytes in UTF-8.
    expect(tokenMatches(TOKEN, `é${TOKEN.slice(2)}`)).toBe(false);
  });

  it('follows a rotated token', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    const rotated = `${TOKEN}-rotated`;
    expect(tokenMatches(rotated, TOKEN)).toBe(false);
    expect(tokenMatches(rotated, rotated)).toBe(true);
  });
});

describe('the dashboard files', () => {
  it('may not be framed by another site nor sniffed as another type', async () => {
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Haltwatch</title>');
    fs.writeFileSync(path.join(staticDir, 'app.js'), 'void 0;');
    const served = await createApiServer({
      dispatch,
      events,
      token: BOT_TOKEN,
      operatorToken: TOKEN,
      staticDir,
    });
    try {
      for (const url of ['/', '/app.js']) {
        const response = await served.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers, url).toMatchObject(DASHBOARD_HEADERS);
      }
      expect(DASHBOARD_HEADERS['content-security-policy']).toBe("frame-ancestors 'none'");
    } finally {
      await served.close();
      fs.rmSync(staticDir, { recursive: true, force: true });
    }
  });
});
