import type { ServiceOfKind } from '../../../shared/services.ts';
import { resolveRecord } from '../secrets/resolve-refs.ts';
import type { ProbeEnv, Verdict } from './context.ts';
import { httpCheck } from './http-check.ts';

export async function probeHttp(service: ServiceOfKind<'http'>, env: ProbeEnv): Promise<Verdict> {
  const url = new URL(service.url);
  for (const [key, value] of Object.entries(resolveRecord(service.query, env.secrets)))
    url.searchParams.set(key, value);
  return httpCheck(
    {
      url,
      method: service.method,
      headers: resolveRecord(service.headers, env.secrets),
      body: service.body,
      expectStatus: service.expectStatus,
      bodyContains: service.bodyContains,
      jsonPath: service.jsonPath,
      jsonEquals: service.jsonEquals,
      caFile: service.caFile,
    },
    env,
  );
}
