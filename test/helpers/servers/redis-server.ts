import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBinary } from './find-binary.ts';
import { freePort, waitForPort } from './free-port.ts';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A real, throwaway redis-server on 127.0.0.1: no persistence, its own temp dir. */
export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  const binary = findBinary('redis-server');
  const dir = mkdtempSync(path.join(tmpdir(), 'haltwatch-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  if (options.password) args.push('--requirepass', options.password);
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, 10_000, () => child.exitCode === null);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start: ${(err as Error).message}\n${stderr}`, { cause: err });
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
