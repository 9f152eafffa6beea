import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../shared/loopback.ts';
import { resolveToken, validateToken } from '../../../electron/core/api/token.ts';
import { openBotApi, TOKEN, type BotApi } from './harness.ts';

let api: BotApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

const rpc = (bot: BotApi, method: string, token = bot.server.operatorToken) =>
  fetch(`${bot.server.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });

describe('the local server', () => {
  it('tells loopback addresses apart', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '192.168.1.5', '::', 'example.com', '128.0.0.1'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a non-loopback address unless the user chose the token', async () => {
    await expect(openBotApi({ server: { host: '0.0.0.0', token: undefined } })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0.*--token or HALTWATCH_TOKEN/,
    );
    await expect(
      openBotApi({ settings: { api: { host: '0.0.0.0' } }, server: { token: undefined } }),
    ).rejects.toThrow(/refusing to listen on 0\.0\.0\.0/);
  });

  it('listens on 127.0.0.1 by default and serves the bot API over a real socket', async () => {
    api = await openBotApi();
    expect(api.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${api.server.url}/v1/gate?action=cancel`, { headers: api.auth });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { allowed: boolean }).allowed).toBe(true);
  });

  it('answers gate questions one after another on one keep-alive connection, each framed by its length', async () => {
    const bot = (api = await openBotApi());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ask = (action: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: string; reused: boolean }>((resolve, reject) => {
        const request = http.get(
          `${bot.server.url}/v1/gate?action=${action}`,
          { agent, headers: bot.auth },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () =>
              resolve({ headers: response.headers, body, reused: request.reusedSocket }),
            );
          },
        );
        request.on('error', reject);
      });
    try {
      const first = await ask('open');
      bot.monitor.levels.kill('testing the gate', 'trader');
      const second = await ask('open');
      const third = await ask('cancel');
      expect([first.reused, second.reused, third.reused]).toEqual([false, true, true]);
      for (const answer of [first, second, third]) {
        expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
      }
      expect(JSON.parse(first.body)).toMatchObject({ allowed: true, level: 'NORMAL' });
      expect(JSON.parse(second.body)).toMatchObject({ allowed: false, level: 'SHUTDOWN' });
      expect(JSON.parse(third.body)).toMatchObject({ allowed: true, level: 'SHUTDOWN' });
    } finally {
      agent.destroy();
    }
  });

  it('rotates a kept token: the old one stops working at once', async () => {
    api = await openBotApi({ server: { token: undefined } });
    const before = api.server.token;
    const info = (await (await rpc(api, 'api.info')).json()) as {
      result: { tokenSource: string; token: string };
    };
    expect(info.result).toMatchObject({ tokenSource: 'generated', token: before });
    const rotated = (await (await rpc(api, 'api.rotateToken')).json()) as { result: { token: string } };
    expect(rotated.result.token).not.toBe(before);
    expect(api.server.token).toBe(rotated.result.token);
    const gate = (token: string) =>
      fetch(`${api!.server.url}/v1/gate?action=open`, { headers: { authorization: `Bearer ${token}` } });
    expect((await gate(before)).status).toBe(401);
    expect((await gate(rotated.result.token)).status).toBe(200);
    // The dashboard speaks with the operator token: a bot token's rotation leaves it working.
    expect((await rpc(api, 'status.get')).status).toBe(200);
    expect(fs.readFileSync(path.join(api.dataDir, 'api-token'), 'utf8').trim()).toBe(rotated.result.token);
  });

  it('publishes the dashboard with the operator token, again after that token rotates', async () => {
    const published: string[] = [];
    api = await openBotApi({
      server: { operatorToken: undefined, publishDashboard: (url) => published.push(url) },
    });
    const first = api.server.operatorToken;
    expect(published).toEqual([`${api.server.url}/?token=${first}`]);
    const rotate = (which: string) =>
      fetch(`${api!.server.url}/api/rpc/api.rotateToken`, {
        method: 'POST',
        headers: { authorization: `Bearer ${first}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token: which }),
      });
    const rotated = (await (await rotate('operator')).json()) as { result: { operatorToken: string } };
    expect(rotated.result.operatorToken).not.toBe(first);
    expect(published).toEqual([
      `${api.server.url}/?token=${first}`,
      `${api.server.url}/?token=${rotated.result.operatorToken}`,
    ]);
  });

  it('will not rotate a token given on the command line', async () => {
    api = await openBotApi();
    const response = await rpc(api, 'api.rotateToken');
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('--token');
    expect(api.server.token).toBe(TOKEN);
  });

  it('keeps /metrics open on loopback unless the setting asks for the token', async () => {
    api = await openBotApi();
    expect((await fetch(`${api.server.url}/metrics`)).status).toBe(200);
    await api.close();
    api = await openBotApi({ settings: { api: { metricsRequireToken: true } } });
    expect((await fetch(`${api.server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${api.server.url}/metrics`, { headers: api.auth })).status).toBe(200);
  });
});

describe('tokens', () => {
  it('come from the option, the environment, the data folder, or are generated once', () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'haltwatch-token-'));
    try {
      expect(resolveToken(dir, { token: TOKEN, source: 'env' })).toEqual({ token: TOKEN, source: 'env' });
      const generated = resolveToken(dir);
      expect(generated.source).toBe('generated');
      expect(fs.statSync(path.join(dir, 'api-token')).mode & 0o777).toBe(0o600);
      expect(resolveToken(dir)).toEqual({ token: generated.token, source: 'file' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('must be long enough and header-safe', () => {
    expect(() => validateToken('short', '--token')).toThrow(
      '--token: the API token must be 16 to 512 printable characters without spaces (got 5 characters)',
    );
    expect(() => validateToken('has a space in it ok', 'HALTWATCH_TOKEN')).toThrow(/HALTWATCH_TOKEN/);
  });
});
