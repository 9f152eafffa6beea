import type { ServiceOfKind } from '../../../shared/services.ts';
import { healthy, unhealthy, type ProbeEnv, type Verdict } from './context.ts';
import { yahooQuoteSource, type QuoteSource } from './yahoo-quotes.ts';

type MarketDataService = ServiceOfKind<'market_data'>;

export const marketDataTarget = (service: MarketDataService) =>
  `quote ${service.symbol} from ${service.baseUrl ?? 'Yahoo Finance'}`;

/**
 * A quote must exist and have a price; during a session its last trade must be recent, outside
 * one an old trade is just the close.
 */
export async function probeMarketData(
  service: MarketDataService,
  env: ProbeEnv,
  source: QuoteSource = yahooQuoteSource(service.baseUrl),
): Promise<Verdict> {
  const quote = await source.quote(service.symbol, env.signal);
  if (!quote) return unhealthy(`no quote for ${service.symbol} (unknown symbol?)`);
  if (quote.price === undefined || !(quote.price > 0))
    return unhealthy(`quote for ${service.symbol} has no price`);
  const details: Record<string, number | boolean> = { price: quote.price };
  const inSession = env.isInSession ? env.isInSession(service.exchange, env.at) : true;
  details.inSession = inSession;
  if (quote.lastTradeAt === undefined)
    return inSession
      ? unhealthy(`quote for ${service.symbol} has no last trade time`, details)
      : healthy(`${service.symbol} ${quote.price} (market closed)`, details);
  const ageMinutes = Math.floor((env.at - quote.lastTradeAt) / 60_000);
  details.lastTradeAt = quote.lastTradeAt;
  details.ageMinutes = ageMinutes;
  if (inSession && ageMinutes > service.staleMinutes)
    return unhealthy(
      `stale quote: ${service.symbol} last traded ${ageMinutes} min ago (stale after ${service.staleMinutes} min)`,
      details,
    );
  return healthy(
    `${service.symbol} ${quote.price}, last traded ${Math.max(0, ageMinutes)} min ago${inSession ? '' : ' (market closed)'}`,
    details,
  );
}
