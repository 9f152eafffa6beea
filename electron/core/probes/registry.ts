import type { ServiceConfig, ServiceKind, ServiceOfKind } from '../../../shared/services.ts';
import { probeCommand } from './command.ts';
import type { ProbeEnv, Verdict } from './context.ts';
import { probeHeartbeat } from './heartbeat.ts';
import { displayUrl } from './http-check.ts';
import { probeHttp } from './http.ts';
import { modelsUrl, probeLlm } from './llm.ts';
import { marketDataTarget, probeMarketData } from './market-data.ts';
import { postgresTarget, probePostgres } from './postgres.ts';
import { probeRedis, redisTarget } from './redis.ts';
import { probeTcp, tcpTarget } from './tcp.ts';

interface ProbeKind<K extends ServiceKind> {
  probe(service: ServiceOfKind<K>, env: ProbeEnv): Promise<Verdict>;
  /** What the probe talks to, for reasons like "connection refused (127.0.0.1:6379)". */
  target(service: ServiceOfKind<K>): string;
}

export const PROBE_KINDS: { [K in ServiceKind]: ProbeKind<K> } = {
  http: { probe: probeHttp, target: (s) => displayUrl(new URL(s.url)) },
  tcp: { probe: probeTcp, target: (s) => tcpTarget(s.host, s.port) },
  market_data: { probe: (s, env) => probeMarketData(s, env), target: marketDataTarget },
  postgres: { probe: probePostgres, target: postgresTarget },
  redis: { probe: probeRedis, target: redisTarget },
  command: { probe: probeCommand, target: (s) => JSON.stringify(s.command) },
  heartbeat: { probe: probeHeartbeat, target: (s) => `heartbeat "${s.name}"` },
  llm: { probe: probeLlm, target: (s) => displayUrl(modelsUrl(s.provider, s.baseUrl)) },
};

export function probeKind(service: ServiceConfig): ProbeKind<ServiceKind> {
  const kind = PROBE_KINDS[service.kind] as ProbeKind<ServiceKind> | undefined;
  if (!kind) throw new Error(`unknown service kind ${JSON.stringify(service.kind)}`);
  return kind;
}
