import { afterEach, describe, expect, it } from 'vitest';
import { runProbe } from '../../../electron/core/probes/index.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { openBotApi, reportCount, TOKEN, type BotApi } from '../bot-api/harness.ts';
import { context, service } from '../probes/kit.ts';
import { rpc, send } from './http.ts';

// Letters only: a run of digits could turn up in a port number or a timing and look like a leak.
const SECRET = 'sk-live-SUPERSECRET-QwErTyUiOpXz';
const secrets = staticSecrets({ BROKER_KEY: SECRET });

/** Any 4 characters of the secret in a row: what a cut through it would leave behind. */
function leaks(text: string): string | null {
  for (let i = 0; i + 4 <= SECRET.length; i++)
    if (text.includes(SECRET.slice(i, i + 4))) return SECRET.slice(i, i + 4);
  return null;
}

let api: BotApi | null = null;
let fixture: HttpFixture | null = null;
afterEach(async () => {
  await api?.close();
  await fixture?.stop();
  api = null;
  fixture = null;
});

const issuePaths = (body: { error?: { issues?: { path: string }[] } }) =>
  (body.error?.issues ?? []).map((issue) => issue.path);

describe('services carry no literal credential', () => {
  it('refuses an http URL with a password, or a credential in its query string or in `query`, naming the field', async () => {
    const bot = (api = await openBotApi());
    const http = { name: 'broker', kind: 'http' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...http, url: 'https://trader:hunter2@broker.example/health' }, 'service.url'],
      [{ ...http, url: 'https://broker.example/health?apikey=abc123' }, 'service.url'],
      [
        { ...http, url: 'https://broker.example/health', query: { api_key: 'abc123' } },
        'service.query.api_key',
      ],
      [
        {
          name: 'llm',
          kind: 'llm',
          provider: 'openai',
          baseUrl: 'https://u:p@llm.example',
          apiKey: { secret: 'K' },
        },
        'service.baseUrl',
      ],
    ];
    for (const [candidate, field] of cases) {
      const answer = await rpc(bot, 'services.save', { service: candidate });
      expect(answer.status, field).toBe(400);
      expect(issuePaths(answer.body), field).toContain(field);
    }
    // A secret reference there is fine, and so is a plain parameter.
    const fine = await rpc(bot, 'services.validate', {
      service: {
        ...http,
        url: 'https://broker.example/health?region=eu',
        query: { api_key: { secret: 'K' } },
      },
    });
    expect(fine.body.result).toEqual({ ok: true });
    expect(bot.monitor.config.configuredServices).toHaveLength(0);
  });
});

describe('reasons and reports', () => {
  it('refuses reasons with control or bidi-override characters', async () => {
    const bot = (api = await openBotApi());
    for (const reason of [
      'fills\nchecked by ops',
      'ok \u202Edecnalab',
      'bell \u0007 ring',
      'isolate \u2066x\u2069',
    ]) {
      const answer = await send(bot, 'POST', '/v1/override', {
        token: TOKEN,
        body: { enabled: true, reason },
      });
      expect(answer.status, JSON.stringify(reason)).toBe(400);
      expect(issuePaths(answer.body)).toEqual(['reason']);
    }
    const failure = await send(bot, 'POST', '/v1/reports', {
      token: TOKEN,
      body: { reports: [{ type: 'order_failure', reason: 'rejected\u202E' }] },
    });
    expect(issuePaths(failure.body)).toEqual(['reports[0].reason']);
    expect(bot.monitor.status().override).toBeNull();
    expect(bot.monitor.store.audit({ limit: 1 }).total).toBe(0);
  });

  it('refuses a slippage or a P&L whose percentage is not finite (1e-320): nothing stored, level unmoved', async () => {
    const bot = (api = await openBotApi());
    const cases: [unknown, string][] = [
      [{ type: 'slippage', expectedPrice: 1e-320, actualPrice: 100 }, 'reports[0].expectedPrice'],
      [{ type: 'pnl', realized: -5, equity: 1e-320 }, 'reports[0].equity'],
    ];
    for (const [report, field] of cases) {
      const answer = await send(bot, 'POST', '/v1/reports', { token: TOKEN, body: { reports: [report] } });
      expect(answer.status).toBe(400);
      expect(issuePaths(answer.body)).toEqual([field]);
    }
    expect(reportCount(bot)).toBe(0);
    expect(bot.monitor.status().level).toBe('NORMAL');
    const numbers: number[] = [];
    JSON.stringify(bot.monitor.engine.levels.serialize(), (_key, value: unknown) => {
      if (typeof value === 'number') numbers.push(value);
      return value;
    });
    expect(numbers.every(Number.isFinite)).toBe(true);
  });
});

describe('redaction runs before text is cut', () => {
  it('leaves nothing of a secret at the cut of an HTTP body snippet', async () => {
    fixture = await startHttpFixture({ mode: { status: 500, body: `${'q'.repeat(190)}${SECRET} tail` } });
    const result = await runProbe(
      service({ kind: 'http', url: fixture.url, headers: { Authorization: { secret: 'BROKER_KEY' } } }),
      context({ secrets }),
    );
    expect(result.ok).toBe(false);
    expect(String(result.details?.body)).toMatch(/^q{190}\[secret BR/);
    expect(leaks(JSON.stringify(result))).toBeNull();
  });

  it('leaves nothing of a secret at the cut of a command output tail, nor of its last line', async () => {
    const run = (script: string, outputLimitBytes: number) =>
      runProbe(
        service({
          kind: 'command',
          command: process.execPath,
          args: ['-e', script],
          env: { KEY: { secret: 'BROKER_KEY' } },
          outputLimitBytes,
        }),
        context({ secrets }),
      );
    // The tail keeps the last 64 bytes: the cut falls inside the secret.
    const tail = await run('process.stdout.write("x".repeat(100) + process.env.KEY + "y".repeat(50))', 64);
    expect(String(tail.details?.output)).toMatch(/bytes cut\]….*y{50}$/);
    expect(leaks(JSON.stringify(tail))).toBeNull();
    // The reason shows the last line's first 200 characters: the cut falls inside the secret.
    const line = await run('console.log("z".repeat(190) + process.env.KEY); process.exit(3)', 1024);
    expect(line.reason).toMatch(/exited with code 3: z{190}\[secret BR$/);
    expect(leaks(JSON.stringify(line))).toBeNull();
  });
});
