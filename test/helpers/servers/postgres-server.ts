import { execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBinary } from './find-binary.ts';
import { freePort, waitForPort } from './free-port.ts';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres — the password is separate, as in the app. */
  connectionString: string;
  host: string;
  port: number;
  user: string;
  database: string;
  password: string;
  stop(): Promise<void>;
}

const PG_BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

/** PostgreSQL refuses to run as root: as root, run it as `postgres` (or `nobody`). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root and neither a "postgres" nor a "nobody" user exists to run PostgreSQL');
}

/**
 * The port opens before the cluster accepts sessions: until then connections are refused with
 * "the database system is starting up". pg_isready exits 0 only once sessions are accepted.
 */
async function waitUntilReady(pgIsReady: string, port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      execFileSync(pgIsReady, ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      return;
    } catch (err) {
      if (Date.now() > until)
        throw new Error(`PostgreSQL on port ${port} was not ready within ${timeoutMs} ms`, { cause: err });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A real, throwaway PostgreSQL cluster on 127.0.0.1 with password (scram) authentication. */
export async function startPostgres(password = 'probe-pw-1'): Promise<PostgresServer> {
  const initdb = findBinary('initdb', PG_BIN_DIRS);
  const postgres = findBinary('postgres', PG_BIN_DIRS);
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'haltwatch-pg-'));
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  const as: SpawnOptions = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(
    initdb,
    ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--no-sync', '-E', 'UTF8'],
    { ...as, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
  );
  const port = await freePort();
  const child = spawn(
    postgres,
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    { ...as, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, 20_000, () => child.exitCode === null);
    await waitUntilReady(findBinary('pg_isready', PG_BIN_DIRS), port, 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${stderr}`, { cause: err });
  }
  return {
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    password,
    stop: async () => {
      child.kill('SIGINT'); // fast shutdown
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
