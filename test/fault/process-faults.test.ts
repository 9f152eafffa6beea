import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../electron/core/data-lock.ts';
import { HALTWATCH_BIN, REPO_ROOT } from '../helpers/haltwatch-process.ts';
import {
  expectOpensRefused,
  haltBySlippage,
  killHard,
  startBot,
  tempDataDir,
  type Bot,
  FAULT_TEST_MS,
  SERVE_START_MS,
} from './support.ts';

/**
 * Faults of the process and the database file, on real `haltwatch serve` processes: whatever
 * happens, the restarted gate never allows an open the gate before the fault refused.
 */
const dirs: string[] = [];
const bots: Bot[] = [];

function dataDir(name: string): string {
  const dir = tempDataDir(name);
  dirs.push(dir);
  return dir;
}
async function start(dir: string): Promise<Bot> {
  const bot = await startBot(dir);
  bots.push(bot);
  return bot;
}
const db = (dir: string) => path.join(dir, 'haltwatch.db');

afterEach(async () => {
  for (const bot of bots.splice(0)) await killHard(bot);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('process and database faults', { timeout: FAULT_TEST_MS }, () => {
  it('SIGKILL at HALT: the restart is at HALT', async () => {
    const dir = dataDir('sigkill');
    const bot = await start(dir);
    await haltBySlippage(bot);
    await killHard(bot);
    await expectOpensRefused(await start(dir), 'slippage');
  });

  it('SIGKILL at HALT, then the WAL emptied: the restart is at HALT with cause state_lost', async () => {
    const dir = dataDir('wal');
    const bot = await start(dir);
    await haltBySlippage(bot);
    await killHard(bot);
    fs.truncateSync(`${db(dir)}-wal`, 0);
    const restarted = await start(dir);
    await expectOpensRefused(restarted, 'state_lost');
  });

  it('the database deleted while running: HALT (history_unwritable) at the next write, and state_lost after a restart', async () => {
    const dir = dataDir('deleted');
    const bot = await start(dir);
    expect((await bot.report([{ type: 'order_success' }])).body).toEqual({ accepted: 1 });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db(dir) + suffix, { force: true });

    const refused = await bot.report([{ type: 'order_success' }]);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } } });
    expect((await bot.status()).history).toMatchObject({ persistent: false });
    await expectOpensRefused(bot, 'history_unwritable');

    expect(await bot.serve.stop()).toBe(0);
    await expectOpensRefused(await start(dir), 'state_lost');
  });

  it('a second serve on the same data folder exits 2 naming the process that holds it', async () => {
    const dir = dataDir('two');
    const first = await start(dir);
    await haltBySlippage(first);
    const second = spawnSync(process.execPath, [HALTWATCH_BIN, 'serve', '--port', '0', '--data-dir', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: SERVE_START_MS,
    });
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(
        `data folder ${dir} is in use by process ${first.serve.child.pid} \\(haltwatch serve since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)`,
      ),
    );
    // The first engine is untouched: still the only one, still at HALT.
    await expectOpensRefused(first, 'slippage');
    // Killed, its lock is stale: the next serve takes the folder over and finds the HALT.
    await killHard(first);
    await expectOpensRefused(await start(dir), 'slippage');
  });

  it("the lock publishes the dashboard with the operator's token, check refuses beside serve, SIGTERM frees the folder", async () => {
    const dir = dataDir('lock');
    const bot = await start(dir);
    const lock = path.join(dir, LOCK_FILE);
    const holder = JSON.parse(fs.readFileSync(lock, 'utf8')) as { dashboardUrl?: string };
    // The app offers this address: with the bot's token every dashboard call would be refused.
    expect(holder.dashboardUrl).toBe(bot.serve.url);
    const token = new URL(bot.serve.url).searchParams.get('token');
    const rpc = await fetch(`${bot.serve.origin}/api/rpc/status.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rpc.status).toBe(200);
    const check = spawnSync(process.execPath, [HALTWATCH_BIN, 'check', '--data-dir', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: SERVE_START_MS,
    });
    expect(check.status).toBe(2);
    expect(check.stderr).toContain(`is in use by process ${bot.serve.child.pid}`);
    expect(await bot.serve.stop()).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });
});
