import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHaltwatchClient, HaltwatchApiError } from '../../../client/index.ts';
import { openBotApi, type BotApi } from './harness.ts';

let api: BotApi;
beforeEach(async () => {
  api = await openBotApi();
});
afterEach(async () => {
  await api.close();
});

const clientFor = (bot: BotApi, token = bot.server.token) =>
  createHaltwatchClient({ baseUrl: `${bot.server.url}/`, token });

describe('the TypeScript client against a real server', () => {
  it('gates, reports fills and slippage, and sees the level change', async () => {
    const client = clientFor(api);
    expect(await client.gate({ action: 'open', symbol: 'AAPL', confidence: 0.9 })).toMatchObject({
      allowed: true,
      level: 'NORMAL',
    });
    expect(await client.report({ type: 'order_success', symbol: 'AAPL' })).toEqual({ accepted: 1 });
    await client.report([{ type: 'slippage', symbol: 'AAPL', expectedPrice: 100, actualPrice: 100.35 }]);
    expect((await client.status()).level).toBe('THROTTLE');
    const answer = await client.gate({ action: 'open', confidence: 0.5 });
    expect(answer).toMatchObject({
      allowed: false,
      minConfidence: 0.7,
      reasons: expect.arrayContaining(['CONFIDENCE_BELOW_MIN']),
    });
    expect(await client.mayTrade({ action: 'open', confidence: 0.8 })).toBe(true);
    expect((await client.issues()).map((i) => i.signal)).toContain('slippage');
  });

  it('throws an error carrying the server’s code and field paths', async () => {
    const client = clientFor(api);
    const failure = await client
      .report([{ type: 'order_success' }, { type: 'slippage', expectedPrice: -1, actualPrice: 1 }])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HaltwatchApiError);
    expect(failure).toMatchObject({ status: 400, code: 'invalid_input' });
    expect((failure as HaltwatchApiError).issues[0]?.path).toBe('reports[1].expectedPrice');
    const wrong = createHaltwatchClient({ baseUrl: api.server.url, token: 'not-the-token-at-all' });
    await expect(wrong.status()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('runs a check, follows it, beats the heart and controls the level (with the operator token)', async () => {
    const client = clientFor(api, api.server.operatorToken);
    const { id } = await client.runCheck();
    await api.monitor.engine.runCheck({ reason: 'manual' });
    expect(await client.check(id)).toMatchObject({ id });
    expect(await client.check(id + 100)).toBeNull();
    expect(await client.heartbeat('my bot')).toEqual({ name: 'my bot', at: api.clock.now() });
    expect((await client.override(true, 'lunch break')).override?.enabled).toBe(true);
    expect((await client.recover('back at the desk')).level).toBe('NORMAL');
    const history = await client.history({ view: 'audit', kinds: ['manual'] });
    expect(history.view === 'audit' && history.total).toBeGreaterThan(0);
  });

  it('with the bot token: holds trading off, but recovering or running checks is 403 forbidden', async () => {
    const client = clientFor(api);
    expect((await client.override(true, 'lunch break')).override?.enabled).toBe(true);
    for (const call of [
      () => client.override(false, 'back'),
      () => client.recover('back at the desk'),
      () => client.confirm('fills look fine'),
      () => client.runCheck(),
      () => client.check(1),
      () => client.history(),
    ])
      await expect(call()).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(api.monitor.status().override?.enabled).toBe(true);
  });

  it('fails closed for opens and open for risk-reducing actions when Haltwatch is unreachable', async () => {
    const url = api.server.url;
    await api.server.close();
    const client = createHaltwatchClient({ baseUrl: url, token: 'x'.repeat(20), timeoutMs: 500 });
    expect(await client.mayTrade({ action: 'open' })).toBe(false);
    expect(await client.mayTrade({ action: 'increase' })).toBe(false);
    expect(await client.mayTrade({ action: 'close' })).toBe(true);
    expect(await client.mayTrade({ action: 'cancel' })).toBe(true);
  });
});
