import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOpensRefused, killHard, startBot, tempDataDir, type Bot, FAULT_TEST_MS } from './support.ts';

/** Damaged settings and services files under a real `haltwatch serve`: never the defaults at NORMAL. */
const dirs: string[] = [];
const bots: Bot[] = [];

async function start(dir: string): Promise<Bot> {
  const bot = await startBot(dir);
  bots.push(bot);
  return bot;
}
function dataDir(name: string): string {
  const dir = tempDataDir(name);
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const bot of bots.splice(0)) await killHard(bot);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The trader's own rule: 0.3 % slippage halts (the default would only THROTTLE). */
const STRICT = { thresholds: { slippage: { alertPct: 0.1, throttlePct: 0.2, haltPct: 0.3 } } };
const slippage03 = { type: 'slippage', expectedPrice: 100, actualPrice: 100.3 };
const CRITICAL = {
  name: 'broker',
  kind: 'tcp',
  host: '127.0.0.1',
  port: 9,
  criticality: 'critical',
  breaker: { failureThreshold: 1 },
};

describe('damaged config files', { timeout: FAULT_TEST_MS }, () => {
  it('a truncated settings.json runs on the last good copy: 0.3 % slippage still halts', async () => {
    const dir = dataDir('settings');
    const settings = path.join(dir, 'settings.json');
    fs.writeFileSync(settings, JSON.stringify(STRICT));
    expect(await (await start(dir)).serve.stop()).toBe(0);
    const text = fs.readFileSync(settings, 'utf8');
    fs.writeFileSync(settings, text.slice(0, Math.floor(text.length / 2)));

    const bot = await start(dir);
    const status = await bot.status();
    expect(status.problems).toEqual([
      expect.objectContaining({ file: settings, lastGood: path.join(dir, 'settings.last-good.json') }),
    ]);
    expect(status.level).toBe('NORMAL');
    expect((await bot.report([slippage03])).status).toBe(200);
    await expectOpensRefused(bot, 'slippage');
  });

  it('a trailing comma in services.json runs on the last good services: the open critical breaker is kept', async () => {
    const dir = dataDir('services');
    const services = path.join(dir, 'services.json');
    fs.writeFileSync(services, JSON.stringify({ services: [CRITICAL] }));
    const first = await start(dir);
    // Port 9 on loopback refuses connections: one failed check opens the critical breaker.
    const check = () =>
      fetch(`${first.serve.origin}/v1/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${first.serve.token}` },
      });
    for (let i = 0; i < 10 && (await first.status()).level !== 'HALT'; i++) {
      await check();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await expectOpensRefused(first, 'breaker');
    expect(await first.serve.stop()).toBe(0);
    fs.writeFileSync(services, JSON.stringify({ services: [CRITICAL] }).replace(']', ',]'));

    const bot = await start(dir);
    const status = await bot.status();
    expect(status.services).toEqual([
      expect.objectContaining({ name: 'broker', breaker: expect.objectContaining({ state: 'OPEN' }) }),
    ]);
    expect(status.problems).toEqual([
      expect.objectContaining({ file: services, lastGood: expect.any(String) }),
    ]);
    await expectOpensRefused(bot, 'breaker');
  });

  it('a damaged file with no good copy starts at HALT with cause config_invalid', async () => {
    const dir = dataDir('invalid');
    fs.writeFileSync(
      path.join(dir, 'services.json'),
      `${JSON.stringify({ services: [CRITICAL] }).slice(0, -2)},]}`,
    );
    const bot = await start(dir);
    await expectOpensRefused(bot, 'config_invalid');
    expect((await bot.status()).problems[0]?.message).toContain('no good copy');
  });
});
