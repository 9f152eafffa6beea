import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONNECTION_TIMEOUT_MS,
  DASHBOARD_HEADERS,
  REQUEST_TIMEOUT_MS,
} from '../../../electron/core/api/server.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { hostAllowList } from '../../../electron/core/api/host-allow-list.ts';
import { openBotApi, OPERATOR_TOKEN, TOKEN, type BotApi } from '../bot-api/harness.ts';

let api: BotApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

/** A GET with a Host header of our choosing (fetch always sends the real one). */
function getWithHost(bot: BotApi, url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port: bot.server.port,
        path: url,
        headers: { host, authorization: `Bearer ${TOKEN}` },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
  });
}

/**
 * Sends a request's head and only `bodyBytes` of its declared body, and reads what comes back
 * before the rest would have been sent: the status line, or '' when the server closed the socket.
 */
function headWithoutBody(
  bot: BotApi,
  head: string,
  bodyBytes: string,
  waitMs: number,
): Promise<{ statusLine: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(bot.server.port, '127.0.0.1');
    let received = '';
    let closed = false;
    const timer = setTimeout(() => finish(), waitMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ statusLine: received.split('\r\n')[0] ?? '', closed });
    };
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.write(`${head}\r\n\r\n${bodyBytes}`);
  });
}

const post = (url: string, token: string | null, length: number) =>
  [
    `POST ${url} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...(token ? [`Authorization: Bearer ${token}`] : []),
    'Content-Type: application/json',
    `Content-Length: ${length}`,
  ].join('\r\n');

describe('the Host allow-list', () => {
  it('answers 421 to any other host name (DNS rebinding), before the token or /metrics', async () => {
    const bot = (api = await openBotApi());
    for (const url of ['/metrics', '/v1/gate?action=open', '/api/rpc/status.get', '/']) {
      const refused = await getWithHost(bot, url, `rebind.attacker.example:${bot.server.port}`);
      expect(refused.status, url).toBe(421);
      expect(JSON.parse(refused.body).error.code).toBe('misdirected_request');
    }
    for (const host of [
      `127.0.0.1:${bot.server.port}`,
      `localhost:${bot.server.port}`,
      'LOCALHOST',
      `[::1]:1`,
    ]) {
      expect((await getWithHost(bot, '/metrics', host)).status, host).toBe(200);
    }
  });

  it('allows the configured host, and with a wildcard host the machine’s own names and addresses', () => {
    const lan = hostAllowList('trading-box.lan');
    expect(lan('trading-box.lan:17321')).toBe(true);
    expect(lan('TRADING-BOX.LAN')).toBe(true);
    expect(lan('127.0.0.1:17321')).toBe(true);
    expect(lan('evil.example:17321')).toBe(false);
    expect(lan(undefined)).toBe(false);
    const v6 = hostAllowList('::1');
    expect(v6('[::1]:17321')).toBe(true);
    const wildcard = hostAllowList('0.0.0.0');
    expect(wildcard(`${os.hostname()}:17321`)).toBe(true);
    const address = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry?.family === 'IPv4')?.address;
    if (address) expect(wildcard(`${address}:17321`)).toBe(true);
    expect(wildcard('rebind.attacker.example')).toBe(false);
    expect(wildcard('0.0.0.0.attacker.example')).toBe(false);
  });
});

describe('the token before the body', () => {
  it('refuses a missing or a bot token as soon as the head arrives, without waiting for the body', async () => {
    const bot = (api = await openBotApi());
    const none = await headWithoutBody(bot, post('/api/rpc/status.get', null, 1000), '{"a":', 3000);
    expect(none.statusLine).toBe('HTTP/1.1 401 Unauthorized');
    const asBot = await headWithoutBody(bot, post('/v1/recover', TOKEN, 1000), '{"reason":', 3000);
    expect(asBot.statusLine).toBe('HTTP/1.1 403 Forbidden');
  });

  it('cuts a body that drips slower than the request timeout (default at most 30 s)', async () => {
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    expect(CONNECTION_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    const bot = (api = await openBotApi({ server: { timeouts: { requestMs: 300, connectionMs: 5000 } } }));
    const started = Date.now();
    const slow = await headWithoutBody(
      bot,
      post('/api/rpc/status.get', OPERATOR_TOKEN, 1000),
      '{"a":',
      10_000,
    );
    expect(slow.statusLine === 'HTTP/1.1 408 Request Timeout' || slow.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(8000);
  });
});

describe('headers and files', () => {
  it('sends no Referer from the dashboard: Referrer-Policy no-referrer', async () => {
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Haltwatch</title>');
    try {
      const bot = (api = await openBotApi({ server: { staticDir } }));
      const page = await fetch(`${bot.server.url}/?token=${OPERATOR_TOKEN}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(DASHBOARD_HEADERS['referrer-policy']).toBe('no-referrer');
    } finally {
      fs.rmSync(staticDir, { recursive: true, force: true });
    }
  });

  it('keeps the data folder 0700, and haltwatch.db* and both tokens 0600', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-modes-'));
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'haltwatch.db'), '', { mode: 0o644 });
    try {
      const monitor = openTestHaltwatch({
        dataDir,
        clock: new ManualClock(Date.UTC(2026, 10, 21)),
        log: () => {},
      });
      const server = await monitor.serve({ port: 0 });
      monitor.saveSnapshot();
      const mode = (file: string) => fs.statSync(path.join(dataDir, file)).mode & 0o777;
      expect(mode('.')).toBe(0o700);
      for (const file of [
        'haltwatch.db',
        'haltwatch.db-wal',
        'haltwatch.db-shm',
        'api-token',
        'operator-token',
      ])
        expect(mode(file), file).toBe(0o600);
      await server.close();
      monitor.close();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
