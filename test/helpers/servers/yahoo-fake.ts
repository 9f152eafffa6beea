import type http from 'node:http';
import { startHttpFixture, type HttpFixture } from './http-fixture.ts';

export interface FakeQuote {
  price: number;
  /** UTC epoch ms of the last trade. */
  lastTradeAt: number;
}

export interface YahooFake {
  /** What a market_data service's `baseUrl` points at. */
  baseUrl: string;
  fixture: HttpFixture;
  setQuote(symbol: string, quote: FakeQuote | undefined): void;
  /** Back to answering like Yahoo after `fixture.setMode(...)` was used to break it. */
  answerLikeYahoo(): void;
  stop(): Promise<void>;
}

/**
 * The three endpoints yahoo-finance2 needs for a quote: the page that sets the cookie, the crumb,
 * and /v7/finance/quote. Quote JSON carries the raw fields Yahoo sends.
 */
export async function startYahooFake(): Promise<YahooFake> {
  const quotes = new Map<string, FakeQuote>();
  const handle: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/quote/')) {
      res.writeHead(200, {
        'content-type': 'text/html',
        'set-cookie': 'A3=fake-cookie; Max-Age=3600; Domain=.yahoo.com; Path=/; Secure',
      });
      res.end('<html></html>');
      return;
    }
    if (url.pathname === '/v1/test/getcrumb') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('fake-crumb');
      return;
    }
    if (url.pathname === '/v7/finance/quote') {
      const symbols = (url.searchParams.get('symbols') ?? '').split(',');
      const result = symbols.flatMap((symbol) => {
        const quote = quotes.get(symbol);
        if (!quote) return [];
        return [
          {
            symbol,
            quoteType: 'ETF',
            language: 'en-US',
            region: 'US',
            regularMarketPrice: quote.price,
            regularMarketTime: Math.floor(quote.lastTradeAt / 1000),
          },
        ];
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ quoteResponse: { result, error: null } }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"finance":{"result":null,"error":{"code":"Not Found","description":"no such path"}}}');
  };
  const fixture = await startHttpFixture({ mode: { handle } });
  return {
    baseUrl: fixture.origin,
    fixture,
    setQuote: (symbol, quote) => (quote ? quotes.set(symbol, quote) : quotes.delete(symbol)),
    answerLikeYahoo: () => fixture.setMode({ handle }),
    stop: () => fixture.stop(),
  };
}
