import { z } from 'zod';
import { oneShotFetch } from './one-shot-fetch.ts';

/** The only fields the probe needs; the rest of Yahoo's quote is not validated. */
const quoteFields = z.object({
  symbol: z.string(),
  regularMarketPrice: z.number().optional(),
  /** Epoch seconds raw, a Date when yahoo-finance2 coerces it. */
  regularMarketTime: z.union([z.number(), z.date()]).optional(),
});

export interface QuoteFacts {
  symbol: string;
  price: number | undefined;
  /** UTC epoch ms of the last regular-session trade. */
  lastTradeAt: number | undefined;
}

export interface QuoteSource {
  /** `undefined` when the symbol is unknown. */
  quote(symbol: string, signal: AbortSignal): Promise<QuoteFacts | undefined>;
}

const silentLogger = { info() {}, warn() {}, error() {}, debug() {}, dir() {} };

/**
 * yahoo-finance2 only lets the query host be swapped, and its cookie/crumb dance goes to fixed
 * yahoo.com URLs; so a base URL is applied at the fetch layer: every request keeps its path and
 * query and goes to `baseUrl` instead.
 */
function toBaseUrl(baseUrl: string): (url: URL) => URL {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return (original) => {
    const target = new URL(base.origin);
    target.pathname = `${prefix}${original.pathname}`;
    target.search = original.search;
    return target;
  };
}

type YahooClient = { quote: (symbol: string, query: object, module: object) => Promise<unknown> };

async function createClient(baseUrl: string | undefined): Promise<YahooClient> {
  // Loaded on first use: the library is large and most commands never quote anything.
  const { default: YahooFinance } = await import('yahoo-finance2');
  return new YahooFinance({
    fetch: oneShotFetch(baseUrl ? toBaseUrl(baseUrl) : undefined),
    logger: silentLogger,
    suppressNotices: ['yahooSurvey'],
    versionCheck: false,
    // The probe's own timeout applies; the library's queue must not serialise parallel probes.
    queue: { concurrency: 8 },
  }) as unknown as YahooClient;
}

/** One client per base URL, so the cookie and crumb are fetched once, not on every check. */
const clients = new Map<string, Promise<YahooClient>>();

export function yahooQuoteSource(baseUrl: string | undefined): QuoteSource {
  const key = baseUrl ?? '';
  return {
    async quote(symbol, signal) {
      let client = clients.get(key);
      if (!client) {
        client = createClient(baseUrl);
        clients.set(key, client);
        client.catch(() => clients.delete(key));
      }
      const raw = await (
        await client
      ).quote(
        symbol,
        { fields: ['symbol', 'regularMarketPrice', 'regularMarketTime'] },
        { validateResult: false, fetchOptions: { signal } },
      );
      const row = Array.isArray(raw) ? raw[0] : raw;
      if (row === undefined || row === null) return undefined;
      const facts = quoteFields.parse(row);
      const time = facts.regularMarketTime;
      return {
        symbol: facts.symbol,
        price: facts.regularMarketPrice,
        lastTradeAt: time === undefined ? undefined : time instanceof Date ? time.getTime() : time * 1000,
      };
    },
  };
}
