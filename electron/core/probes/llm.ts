import { LLM_DEFAULT_BASE_URL, type LlmProvider, type ServiceOfKind } from '../../../shared/services.ts';
import { requireSecret } from '../secrets/resolver.ts';
import { unhealthy, type ProbeEnv, type Verdict } from './context.ts';
import { httpCheck } from './http-check.ts';

/** Listing models is free with both providers and proves the key works. */
export function modelsUrl(provider: LlmProvider, baseUrl: string | undefined): URL {
  const url = new URL(baseUrl ?? LLM_DEFAULT_BASE_URL[provider]);
  // Proxies and OpenAI-compatible servers are often given as https://host/v1 already.
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = /\/v1$/.test(path) ? `${path}/models` : `${path}/v1/models`;
  return url;
}

function authHeaders(provider: LlmProvider, key: string): Record<string, string> {
  if (provider === 'anthropic') return { 'x-api-key': key, 'anthropic-version': '2023-06-01' };
  return { authorization: `Bearer ${key}` };
}

const STATUS_HINTS: Record<number, string> = {
  401: 'the API key was rejected',
  403: 'the API key is not allowed to list models',
  429: 'rate limited or out of credit',
};

export async function probeLlm(service: ServiceOfKind<'llm'>, env: ProbeEnv): Promise<Verdict> {
  const key = requireSecret(env.secrets, service.apiKey.secret);
  const verdict = await httpCheck(
    {
      url: modelsUrl(service.provider, service.baseUrl),
      method: 'GET',
      headers: { accept: 'application/json', ...authHeaders(service.provider, key) },
      expectStatus: ['200-299'],
      jsonPath: '$.data',
    },
    env,
  );
  const hint = STATUS_HINTS[Number(verdict.details?.status)];
  if (!verdict.ok && hint)
    return unhealthy(`${verdict.reason}: ${hint} (secret "${service.apiKey.secret}")`, verdict.details);
  return verdict;
}
