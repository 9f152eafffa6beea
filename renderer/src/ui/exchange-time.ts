import { EXCHANGE_ZONE, type ExchangeId } from '../../../shared/schedule.ts';

function clock(at: number, timeZone: string | undefined, withDate: boolean): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
}

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * "Mon, Nov 23, 16:00 EST (22:00 GMT+1 here)": a market time in the exchange's own zone, the
 * zone named, and the viewer's local clock beside it when that zone differs.
 */
export function formatExchangeTime(at: number, exchange: ExchangeId): string {
  const zone = EXCHANGE_ZONE[exchange];
  const market = clock(at, zone, true);
  if (localZone() === zone) return market;
  return `${market} (${clock(at, undefined, false)} here)`;
}

/** The calendar date ("2026-11-23") at `at` in `zone`: the exchange's today, whatever the viewer's zone. */
export function dateInZone(at: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
