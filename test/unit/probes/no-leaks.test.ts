import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../shared/probe.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { startYahooFake, type YahooFake } from '../../helpers/servers/yahoo-fake.ts';

const script = fileURLToPath(new URL('../../helpers/servers/check-in-child.ts', import.meta.url));
let hanging: HttpFixture;
let yahoo: YahooFake;

beforeAll(async () => {
  hanging = await startHttpFixture({ mode: 'hang' });
  yahoo = await startYahooFake();
  yahoo.fixture.setMode('hang');
});
afterAll(async () => {
  await Promise.all([hanging.stop(), yahoo.stop()]);
});

describe('a check against hanging services', () => {
  it('leaves nothing open: the process exits by itself right after the check', async () => {
    const timeoutMs = 300;
    const services = [
      { name: 'http', kind: 'http', url: hanging.url, timeoutMs },
      { name: 'tls', kind: 'http', url: hanging.url.replace('http:', 'https:'), timeoutMs },
      { name: 'pg', kind: 'postgres', port: hanging.port, timeoutMs },
      { name: 'redis', kind: 'redis', url: `redis://127.0.0.1:${hanging.port}`, timeoutMs },
      { name: 'quotes', kind: 'market_data', baseUrl: yahoo.baseUrl, timeoutMs },
      {
        name: 'llm',
        kind: 'llm',
        provider: 'openai',
        baseUrl: hanging.origin,
        apiKey: { secret: 'K' },
        timeoutMs,
      },
      { name: 'cmd', kind: 'command', command: 'sleep', args: ['30'], timeoutMs },
    ];
    const started = Date.now();
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [script, JSON.stringify(services)],
        { timeout: 5000, killSignal: 'SIGKILL', env: { ...process.env, HALTWATCH_SECRET_K: 'sk-test' } },
        (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out)),
      );
    });
    const elapsed = Date.now() - started;
    const results = JSON.parse(stdout) as ProbeResult[];
    expect(results.map((r) => [r.service, r.outcome, r.reason])).toEqual(
      services.map((s) => [s.name, 'timeout', expect.stringMatching(/^timed out after 300 ms \(/)]),
    );
    // node startup plus one 300 ms timeout: nothing waited for a socket or a child to go away
    expect(elapsed).toBeLessThan(4000);
    expect(hanging.openConnections()).toBe(0);
  });
});
