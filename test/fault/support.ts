import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { EngineStatus } from '../../shared/status.ts';
import { startServe, type ServeProcess } from '../helpers/haltwatch-process.ts';

/** The bot's side of a real `haltwatch serve`: the questions and reports a trading bot sends. */
export interface Bot {
  serve: ServeProcess;
  gate(action: 'open' | 'close' | 'cancel'): Promise<{ allowed: boolean; level: string }>;
  report(
    reports: object[],
  ): Promise<{ status: number; body: { accepted?: number; error?: { code: string } } }>;
  status(): Promise<EngineStatus>;
}

/**
 * Each fault test starts several real servers; on a loaded machine (CI shares its cores) one start
 * has taken over 10 s. The waits are for events (the Dashboard line, an exit), never fixed sleeps.
 */
export const SERVE_START_MS = 60_000;
export const FAULT_TEST_MS = 180_000;

export async function startBot(dataDir: string): Promise<Bot> {
  const serve = await startServe(dataDir, [], SERVE_START_MS);
  const headers = { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' };
  const get = async (url: string) => {
    const response = await fetch(`${serve.origin}${url}`, { headers });
    return response.json();
  };
  return {
    serve,
    gate: (action) => get(`/v1/gate?action=${action}`),
    status: () => get('/v1/status') as Promise<EngineStatus>,
    async report(reports) {
      const response = await fetch(`${serve.origin}/v1/reports`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ reports }),
      });
      return { status: response.status, body: await response.json() };
    },
  };
}

/** SIGKILL: no close, no checkpoint, no lock release — as a crash or `kill -9` leaves the folder. */
export function killHard(bot: Bot): Promise<void> {
  return new Promise((resolve) => {
    if (bot.serve.child.exitCode !== null || bot.serve.child.signalCode !== null) return resolve();
    bot.serve.child.once('exit', () => resolve());
    bot.serve.child.kill('SIGKILL');
  });
}

export function tempDataDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `haltwatch-fault-${name}-`));
}

/** 1 % slippage: HALT by the default thresholds (0.5 %). */
export const SLIPPAGE_1PCT = { type: 'slippage', expectedPrice: 100, actualPrice: 101 } as const;

/** Reaches HALT through the bot API and checks the gate refuses opens, as the trader saw it. */
export async function haltBySlippage(bot: Bot): Promise<void> {
  expect((await bot.report([SLIPPAGE_1PCT])).status).toBe(200);
  await expectOpensRefused(bot, 'slippage');
}

/** The gate refuses opens and still allows closes and cancels. */
export async function expectOpensRefused(bot: Bot, cause: string): Promise<void> {
  const status = await bot.status();
  expect(status, JSON.stringify(status.cause)).toMatchObject({ level: 'HALT', cause: { signal: cause } });
  expect(await bot.gate('open')).toMatchObject({ allowed: false, level: 'HALT' });
  expect(await bot.gate('close')).toMatchObject({ allowed: true });
  expect(await bot.gate('cancel')).toMatchObject({ allowed: true });
}
