/**
 * Instructions per gate question, counted by valgrind (callgrind) in each compared server's own
 * process: the same count for the same code whatever else the machine does, where req/s on a shared
 * 2-core VM varies by half between rounds. Counts user-space instructions only (the socket's system
 * calls are not in them). Opt-in: it runs each server twice under valgrind, about 10 minutes.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedLoop, GATE_PATH, SERVER_ROLES, type ServerRole } from './_bot-api-servers.ts';

/** Requests before the counted ones (start-up and JIT warm-up fall in both runs and cancel out). */
const WARM_UP = 16_000;
const COUNTED = 20_000;

async function instructionsFor(role: ServerRole, requests: number, dir: string): Promise<number> {
  const out = path.join(dir, `${role}-${requests}.callgrind`);
  const server = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${out}`,
      '--smc-check=all-non-file',
      process.execPath,
      path.join(import.meta.dirname, '_serve-bot-api.ts'),
      role,
      path.join(dir, `${role}-data`),
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    server.once('exit', (code) => reject(new Error(`${role} server exited (${code}) before listening`)));
  });
  const { failures } = await closedLoop(port, requests, (c) => c.send('GET', GATE_PATH));
  server.kill('SIGTERM');
  await exited;
  if (failures > 0) throw new Error(`${role}: ${failures} of ${requests} requests failed`);
  const summary = /^summary: (\d+)$/m.exec(fs.readFileSync(out, 'utf8'));
  if (!summary) throw new Error(`${role}: no instruction total in ${out}`);
  return Number(summary[1]);
}

export async function run(): Promise<void> {
  if (!process.env.HALTWATCH_BENCH_INSTRUCTIONS) {
    console.log('skipped: set HALTWATCH_BENCH_INSTRUCTIONS=1 to run it (about 10 minutes; needs valgrind)');
    return;
  }
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('skipped: valgrind is not installed (Debian: apt-get install valgrind)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-bench-instructions-'));
  try {
    const perRequest = {} as Record<ServerRole, number>;
    for (const role of SERVER_ROLES) {
      const warm = await instructionsFor(role, WARM_UP, dir);
      const counted = await instructionsFor(role, WARM_UP + COUNTED, dir);
      perRequest[role] = (counted - warm) / COUNTED;
    }
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`user-space instructions per GET /v1/gate (the ${fmt(COUNTED)} after ${fmt(WARM_UP)}):`);
    for (const role of SERVER_ROLES) {
      const ratio =
        role === 'bare' ? '' : `   bare / this ${(perRequest.bare / perRequest[role]).toFixed(2)}`;
      console.log(`  ${role.padEnd(9)} ${fmt(perRequest[role]).padStart(7)}${ratio}`);
    }
    console.log(
      `  the gate's own work: ${fmt(perRequest.haltwatch - perRequest.fastify)} over fastify returning the constant, which is ${fmt(perRequest.fastify - perRequest.bare)} over bare`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
