import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runProbe } from '../../../electron/core/probes/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startYahooFake, type YahooFake } from '../../helpers/servers/yahoo-fake.ts';
import { context, service } from './kit.ts';

let yahoo: YahooFake;
beforeAll(async () => {
  yahoo = await startYahooFake();
});
afterAll(() => yahoo.stop());

const NOW = Date.UTC(2026, 2, 10, 15, 0); // a Tuesday, 11:00 in New York
const quotes = (extra: Record<string, unknown> = {}) =>
  service({ kind: 'market_data', baseUrl: yahoo.baseUrl, timeoutMs: 3000, ...extra });
const session = (open: boolean) => vi.fn((_exchange: string, _at: number) => open);

describe('market data probe through yahoo-finance2 against a local fake', () => {
  it('is ok for a fresh quote during the session', async () => {
    yahoo.setQuote('SPY', { price: 512.25, lastTradeAt: NOW - 60_000 });
    const isInSession = session(true);
    const result = await runProbe(quotes(), context({ clock: new ManualClock(NOW), isInSession }));
    expect(result).toMatchObject({
      outcome: 'ok',
      reason: 'SPY 512.25, last traded 1 min ago',
      details: { price: 512.25, inSession: true, ageMinutes: 1 },
    });
    expect(isInSession).toHaveBeenCalledWith('XNYS', NOW);
    expect(yahoo.fixture.requests.some((r) => r.url.startsWith('/v7/finance/quote?symbols=SPY'))).toBe(true);
  });

  it('fails a quote older than the stale limit during the session', async () => {
    yahoo.setQuote('SPY', { price: 512.25, lastTradeAt: NOW - 42 * 60_000 });
    const result = await runProbe(
      quotes(),
      context({ clock: new ManualClock(NOW), isInSession: session(true) }),
    );
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe('stale quote: SPY last traded 42 min ago (stale after 15 min)');
  });

  it('accepts an old quote outside the session', async () => {
    yahoo.setQuote('SPY', { price: 510, lastTradeAt: NOW - 17 * 3_600_000 });
    const result = await runProbe(
      quotes(),
      context({ clock: new ManualClock(NOW), isInSession: session(false) }),
    );
    expect(result.outcome).toBe('ok');
    expect(result.reason).toBe('SPY 510, last traded 1020 min ago (market closed)');
  });

  it('judges staleness with the configured limit and symbol', async () => {
    yahoo.setQuote('QQQ', { price: 440, lastTradeAt: NOW - 6 * 60_000 });
    const result = await runProbe(
      quotes({ symbol: 'QQQ', staleMinutes: 5 }),
      context({ clock: new ManualClock(NOW), isInSession: session(true) }),
    );
    expect(result.reason).toBe('stale quote: QQQ last traded 6 min ago (stale after 5 min)');
  });

  it('fails for a symbol with no quote', async () => {
    const result = await runProbe(quotes({ symbol: 'NOPE' }), context({ clock: new ManualClock(NOW) }));
    expect(result).toMatchObject({ outcome: 'fail', reason: 'no quote for NOPE (unknown symbol?)' });
  });

  it('fails with the server error when the feed answers 500', async () => {
    yahoo.fixture.setMode({ status: 500, body: 'upstream exploded' });
    try {
      const result = await runProbe(quotes(), context({ clock: new ManualClock(NOW) }));
      expect(result.outcome).toBe('fail');
      expect(result.reason).toContain('upstream exploded');
    } finally {
      yahoo.answerLikeYahoo();
    }
  });

  it('times out a hanging feed', async () => {
    yahoo.setQuote('SPY', { price: 512.25, lastTradeAt: NOW });
    const clock = new ManualClock(NOW);
    yahoo.fixture.setMode('hang');
    try {
      const seen = yahoo.fixture.requests.length;
      const pending = runProbe(quotes({ timeoutMs: 1500 }), context({ clock }));
      await vi.waitFor(() => expect(yahoo.fixture.requests.length).toBeGreaterThan(seen));
      clock.advance(1500);
      expect(await pending).toMatchObject({
        outcome: 'timeout',
        reason: `timed out after 1500 ms (quote SPY from ${yahoo.baseUrl})`,
      });
      await vi.waitFor(() => expect(yahoo.fixture.openConnections()).toBe(0));
    } finally {
      yahoo.answerLikeYahoo();
    }
  });
});
