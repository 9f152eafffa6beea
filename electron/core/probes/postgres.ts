import net from 'node:net';
import pg from 'pg';
import type { ServiceOfKind } from '../../../shared/services.ts';
import { requireSecret } from '../secrets/resolver.ts';
import { healthy, unhealthy, type ProbeEnv, type Verdict } from './context.ts';
import { onAbort } from './deadline.ts';
import { tcpTarget } from './tcp.ts';

type PostgresService = ServiceOfKind<'postgres'>;

/** Without a connection string, these are what libpq would assume for a local server. */
const DEFAULTS = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

export function postgresTarget(service: PostgresService): string {
  if (service.connectionString) {
    const url = new URL(service.connectionString);
    return `${tcpTarget(url.hostname || DEFAULTS.host, Number(url.port || DEFAULTS.port))}${url.pathname}`;
  }
  const host = service.host ?? DEFAULTS.host;
  return `${tcpTarget(host, service.port ?? DEFAULTS.port)}/${service.database ?? DEFAULTS.database}`;
}

function connectionConfig(service: PostgresService, password: string | undefined): pg.ClientConfig {
  if (service.connectionString) {
    // pg lets a connection string override a separate `password` (even with none), so it goes in
    // the URL; the redactor also knows the URL-encoded form.
    const url = new URL(service.connectionString);
    if (password !== undefined) url.password = encodeURIComponent(password);
    return { connectionString: url.toString(), application_name: 'haltwatch-probe' };
  }
  return {
    host: service.host ?? DEFAULTS.host,
    port: service.port ?? DEFAULTS.port,
    user: service.user ?? DEFAULTS.user,
    database: service.database ?? DEFAULTS.database,
    password,
    application_name: 'haltwatch-probe',
  };
}

/** `SELECT 1` over a fresh connection with the real driver. */
export async function probePostgres(service: PostgresService, env: ProbeEnv): Promise<Verdict> {
  const password = service.password ? requireSecret(env.secrets, service.password.secret) : undefined;
  // Our own socket, so a server that accepts and then says nothing can be cut off at the deadline.
  let socket: net.Socket | undefined;
  const client = new pg.Client({
    ...connectionConfig(service, password),
    stream: () => (socket = new net.Socket()),
  });
  client.on('error', () => {}); // a late error after the verdict is not this probe's business
  const stopAbort = onAbort(env.signal, () => socket?.destroy());
  try {
    await client.connect();
    const result = await client.query<{ ok: number }>('SELECT 1 AS ok');
    if (result.rows[0]?.ok !== 1)
      return unhealthy(`SELECT 1 on ${postgresTarget(service)} returned something else`);
    const version = await serverVersion(client);
    await client.end();
    return healthy(
      `SELECT 1 on ${postgresTarget(service)}`,
      version ? { serverVersion: version } : undefined,
    );
  } finally {
    stopAbort();
    socket?.destroy();
  }
}

async function serverVersion(client: pg.Client): Promise<string | undefined> {
  const result = await client.query<{ server_version: string }>('SHOW server_version');
  return result.rows[0]?.server_version;
}
