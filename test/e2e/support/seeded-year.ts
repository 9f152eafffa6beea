import { seedHistory } from './seed-history.ts';

/** The services of the seeded history: a broker with latency spikes in the last week, and quotes. */
export const SEEDED_SERVICES = ['broker', 'quotes'];
export const SEEDED_DAYS = 365;

/**
 * A year of 4 checks a day. In the last 7 days every other broker check takes 700 ms: an ALERT
 * under the default thresholds (500 ms), nothing under the aggressive ones (1 000 ms). Every 50th
 * day and on the last day the quotes service fails its close check.
 */
export function seedYear(dataDir: string): number {
  return seedHistory(dataDir, {
    services: SEEDED_SERVICES,
    days: SEEDED_DAYS,
    checksPerDay: 4,
    latencyMs: (day, check, service) => {
      if (service === 'broker' && day >= SEEDED_DAYS - 7 && check % 2 === 1) return 700;
      return 60 + ((day * 7 + check * 13) % 90) + (service === 'broker' ? 40 : 0);
    },
    fails: (day, check, service) =>
      service === 'quotes' && (day % 50 === 0 || day === SEEDED_DAYS - 1) && check === 3,
  });
}
