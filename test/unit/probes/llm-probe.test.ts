import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../../../electron/core/probes/index.ts';
import { modelsUrl } from '../../../electron/core/probes/llm.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { context, service } from './kit.ts';

const KEY = 'sk-live-4f9c2e7a1b';
let api: HttpFixture;

/** Answers like the providers: models for the right key in the right header, 401 otherwise. */
const provider: http.RequestListener = (req, res) => {
  const authorised = req.headers.authorization === `Bearer ${KEY}` || req.headers['x-api-key'] === KEY;
  const body = authorised ? { data: [{ id: 'model-1' }] } : { error: { message: 'invalid x-api-key' } };
  res.writeHead(authorised && req.url === '/v1/models' ? 200 : 401, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  api = await startHttpFixture({ mode: { handle: provider } });
});
afterAll(() => api.stop());

const llm = (providerName: 'openai' | 'anthropic', secret = 'LLM_KEY') =>
  service({ kind: 'llm', provider: providerName, baseUrl: api.origin, apiKey: { secret } });

describe('LLM API preset', () => {
  it('lists models with the OpenAI bearer header', async () => {
    const result = await runProbe(llm('openai'), context({ secrets: staticSecrets({ LLM_KEY: KEY }) }));
    expect(result).toMatchObject({ outcome: 'ok', reason: `HTTP 200 OK from ${api.origin}/v1/models` });
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('lists models with Anthropic’s x-api-key and version headers', async () => {
    const result = await runProbe(llm('anthropic'), context({ secrets: staticSecrets({ LLM_KEY: KEY }) }));
    expect(result.outcome).toBe('ok');
    expect(api.requests.at(-1)?.headers).toMatchObject({
      'x-api-key': KEY,
      'anthropic-version': '2023-06-01',
    });
    expect(api.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('says the key was rejected, naming the secret but not its value', async () => {
    const result = await runProbe(
      llm('openai'),
      context({ secrets: staticSecrets({ LLM_KEY: 'sk-wrong-0000' }) }),
    );
    expect(result.reason).toBe(
      `HTTP 401 Unauthorized from ${api.origin}/v1/models (expected 200-299): the API key was rejected (secret "LLM_KEY")`,
    );
  });

  it('builds the models URL for public APIs and for /v1 base URLs', () => {
    expect(modelsUrl('openai', undefined).href).toBe('https://api.openai.com/v1/models');
    expect(modelsUrl('anthropic', undefined).href).toBe('https://api.anthropic.com/v1/models');
    expect(modelsUrl('openai', 'http://127.0.0.1:8000/v1/').href).toBe('http://127.0.0.1:8000/v1/models');
  });
});
