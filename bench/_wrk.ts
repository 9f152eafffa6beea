/**
 * wrk (Debian's package `wrk`), the load generator HTTP servers are usually measured with: a C
 * client keeps a server busy for far less CPU than any Node client, so req/s measures the server,
 * not the client sharing the same 2 cores. Used for the bot-API bench's throughput when installed.
 */
import { spawn, spawnSync } from 'node:child_process';

export interface WrkRun {
  requests: number;
  perSecond: number;
  /** Non-2xx answers and socket errors. */
  failures: number;
}

export const wrkInstalled = (): boolean => spawnSync('wrk', ['--version']).error === undefined;

/** `wrk -t1 -c<connections> -d<seconds>s` against url with the given headers, parsed. */
export async function wrk(
  url: string,
  options: { connections: number; seconds: number; headers: Record<string, string> },
): Promise<WrkRun> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`];
  for (const [name, value] of Object.entries(options.headers)) args.push('-H', `${name}: ${value}`);
  const child = spawn('wrk', [...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const done = /(\d+) requests in /.exec(out);
  const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (code !== 0 || !done || !perSecond) throw new Error(`wrk failed (exit ${code}):\n${out}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = socketErrors ? socketErrors.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  return { requests: Number(done[1]), perSecond: Number(perSecond[1]), failures: non2xx + errors };
}
