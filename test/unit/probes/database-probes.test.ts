import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runProbe } from '../../../electron/core/probes/index.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { freePort } from '../../helpers/servers/free-port.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { startPostgres, type PostgresServer } from '../../helpers/servers/postgres-server.ts';
import { startRedis, type RedisServer } from '../../helpers/servers/redis-server.ts';
import { context, service } from './kit.ts';

// Real servers from Debian's packages. A missing binary fails these tests (CI installs them).
let pg: PostgresServer;
let redis: RedisServer;
let hanging: HttpFixture;
const REDIS_PASSWORD = 'redis-pw-7f3a';

beforeAll(async () => {
  [pg, redis, hanging] = await Promise.all([
    startPostgres(),
    startRedis({ password: REDIS_PASSWORD }),
    startHttpFixture({ mode: 'hang' }),
  ]);
});
afterAll(async () => {
  await Promise.all([pg?.stop(), redis?.stop(), hanging?.stop()]);
});

const secrets = () => staticSecrets({ PG_PASSWORD: pg.password, REDIS_PASSWORD });

describe('postgres probe', () => {
  it('runs SELECT 1 with the password from secrets, by connection string or by fields', async () => {
    const byUrl = service({
      kind: 'postgres',
      connectionString: pg.connectionString,
      password: { secret: 'PG_PASSWORD' },
    });
    const byFields = service({
      kind: 'postgres',
      host: pg.host,
      port: pg.port,
      user: pg.user,
      database: pg.database,
      password: { secret: 'PG_PASSWORD' },
    });
    for (const svc of [byUrl, byFields]) {
      const result = await runProbe(svc, context({ secrets: secrets() }));
      expect(result).toMatchObject({ outcome: 'ok', reason: `SELECT 1 on 127.0.0.1:${pg.port}/postgres` });
      expect(result.details?.serverVersion).toMatch(/^\d+/);
    }
  });

  it('passes on the server’s reason for a wrong password', async () => {
    const svc = service({
      kind: 'postgres',
      connectionString: pg.connectionString,
      password: { secret: 'WRONG' },
    });
    const result = await runProbe(svc, context({ secrets: staticSecrets({ WRONG: 'not-the-password' }) }));
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe(
      `password authentication failed for user "postgres" (127.0.0.1:${pg.port}/postgres)`,
    );
  });

  it('says the connection was refused', async () => {
    const port = await freePort();
    const result = await runProbe(service({ kind: 'postgres', port }), context());
    expect(result.reason).toBe(`connection refused (127.0.0.1:${port}/postgres)`);
  });

  it('times out a server that accepts and never answers, and hangs up', async () => {
    const clock = new ManualClock();
    const connected = hanging.nextConnection();
    const pending = runProbe(
      service({ kind: 'postgres', port: hanging.port, timeoutMs: 1000 }),
      context({ clock }),
    );
    await connected;
    clock.advance(1000);
    expect(await pending).toMatchObject({
      outcome: 'timeout',
      reason: `timed out after 1000 ms (127.0.0.1:${hanging.port}/postgres)`,
    });
    await vi.waitFor(() => expect(hanging.openConnections()).toBe(0));
  });
});

describe('redis probe', () => {
  it('PINGs and writes, reads back and deletes its key', async () => {
    const svc = service({
      kind: 'redis',
      url: redis.url,
      password: { secret: 'REDIS_PASSWORD' },
      probeKey: 'hw:test',
    });
    const result = await runProbe(svc, context({ secrets: secrets() }));
    expect(result).toMatchObject({
      outcome: 'ok',
      reason: `PING and SET/GET/DEL on 127.0.0.1:${redis.port}`,
    });
  });

  it('fails with the server’s reason without the password', async () => {
    const result = await runProbe(service({ kind: 'redis', url: redis.url }), context());
    expect(result.outcome).toBe('fail');
    expect(result.reason).toMatch(/NOAUTH/);
    expect(result.reason).toContain(`127.0.0.1:${redis.port}`);
  });

  it('says the connection was refused', async () => {
    const port = await freePort();
    const result = await runProbe(service({ kind: 'redis', url: `redis://127.0.0.1:${port}` }), context());
    expect(result.reason).toBe(`connection refused (127.0.0.1:${port})`);
  });

  it('times out a server that accepts and never answers, and hangs up', async () => {
    const clock = new ManualClock();
    const connected = hanging.nextConnection();
    const svc = service({ kind: 'redis', url: `redis://127.0.0.1:${hanging.port}`, timeoutMs: 1000 });
    const pending = runProbe(svc, context({ clock }));
    await connected;
    clock.advance(1000);
    expect(await pending).toMatchObject({
      outcome: 'timeout',
      reason: `timed out after 1000 ms (127.0.0.1:${hanging.port})`,
    });
    await vi.waitFor(() => expect(hanging.openConnections()).toBe(0));
  });
});

describe('tcp probe', () => {
  it('connects to an open port and is refused by a closed one', async () => {
    expect(
      await runProbe(service({ kind: 'tcp', host: '127.0.0.1', port: redis.port }), context()),
    ).toMatchObject({
      outcome: 'ok',
      reason: `connected to 127.0.0.1:${redis.port}`,
    });
    const port = await freePort();
    expect((await runProbe(service({ kind: 'tcp', host: '127.0.0.1', port }), context())).reason).toBe(
      `connection refused (127.0.0.1:${port})`,
    );
  });
});
