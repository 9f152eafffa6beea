import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbes } from '../../../electron/core/probes/index.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { context, service } from '../probes/kit.ts';

const SECRET = 'sk-live/9f8e+7d6c 5b4a';
const forms = [
  SECRET,
  encodeURIComponent(SECRET),
  Buffer.from(SECRET).toString('base64'),
  JSON.stringify(SECRET),
];

/** The worst server: answers 500 with everything it was sent, headers and URL included. */
const echoEverything: http.RequestListener = (req, res) => {
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end(`rejected ${req.method} ${req.url} with ${JSON.stringify(req.headers)}`);
};

let server: HttpFixture;
beforeAll(async () => {
  server = await startHttpFixture({ mode: { handle: echoEverything } });
});
afterAll(() => server.stop());

describe('secrets never leave a probe', () => {
  it('are redacted from reasons and details when a service echoes them back', async () => {
    const services = [
      service({
        kind: 'http',
        name: 'broker',
        url: server.url,
        headers: { Authorization: { secret: 'BROKER' } },
        query: { apikey: { secret: 'BROKER' } },
      }),
      service({
        kind: 'http',
        name: 'basic',
        url: server.url,
        headers: { 'X-Key-B64': Buffer.from(SECRET).toString('base64') },
      }),
      service({
        kind: 'llm',
        name: 'llm',
        provider: 'anthropic',
        baseUrl: server.origin,
        apiKey: { secret: 'BROKER' },
      }),
      service({
        kind: 'command',
        name: 'script',
        command: 'sh',
        args: ['-c', 'echo "using $KEY"; echo "key=$KEY" >&2; exit 1'],
        env: { KEY: { secret: 'BROKER' } },
      }),
    ];
    const results = await runProbes(services, context({ secrets: staticSecrets({ BROKER: SECRET }) }));
    const json = JSON.stringify(results);

    // the servers and the script really did echo it: otherwise this test could not fail
    expect(server.requests.some((r) => r.headers.authorization === SECRET)).toBe(true);
    expect(json.match(/\[secret BROKER\]/g)?.length).toBeGreaterThanOrEqual(4);
    for (const form of forms) expect(json).not.toContain(form.replace(/^"|"$/g, ''));
    expect(results.every((r) => !r.ok)).toBe(true);
  });
});
