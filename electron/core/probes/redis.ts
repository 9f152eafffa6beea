import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { ServiceOfKind } from '../../../shared/services.ts';
import { requireSecret } from '../secrets/resolver.ts';
import { healthy, unhealthy, type ProbeEnv, type Verdict } from './context.ts';
import { onAbort } from './deadline.ts';
import { tcpTarget } from './tcp.ts';

type RedisService = ServiceOfKind<'redis'>;

export function redisTarget(service: RedisService): string {
  const url = new URL(service.url);
  return tcpTarget(url.hostname || '127.0.0.1', Number(url.port || 6379));
}

/** PING, then a write, read-back and delete of the probe key: a read-only or full Redis fails. */
export async function probeRedis(service: RedisService, env: ProbeEnv): Promise<Verdict> {
  const password = service.password ? requireSecret(env.secrets, service.password.secret) : undefined;
  const client = createClient({
    url: service.url,
    username: service.username,
    password,
    // The probe's deadline ends the attempt; the client must neither retry nor queue offline.
    socket: { reconnectStrategy: false, connectTimeout: service.timeoutMs },
    disableOfflineQueue: true,
  });
  client.on('error', () => {}); // surfaced through the rejected command instead
  const close = () => {
    try {
      client.destroy();
    } catch {
      // already closed
    }
  };
  const stopAbort = onAbort(env.signal, close);
  // node-redis ignores destroy() while its socket is still connecting, then connects anyway.
  client.on('connect', () => {
    if (env.signal.aborted) close();
  });
  const target = redisTarget(service);
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG')
      return unhealthy(`PING to ${target} answered ${env.redact(JSON.stringify(pong)).slice(0, 60)}`);
    const token = randomUUID();
    await client.set(service.probeKey, token, { expiration: { type: 'PX', value: 60_000 } });
    const readBack = await client.get(service.probeKey);
    await client.del(service.probeKey);
    if (readBack !== token)
      return unhealthy(`read back a different value for "${service.probeKey}" from ${target}`);
    return healthy(`PING and SET/GET/DEL on ${target}`);
  } finally {
    stopAbort();
    close();
  }
}
