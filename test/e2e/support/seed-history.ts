import { systemClock } from '../../../electron/core/clock.ts';
import { openStore } from '../../../electron/core/store/index.ts';
import type { ProbeResult } from '../../../shared/probe.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeedOptions {
  services: string[];
  days: number;
  /** Checks per day; the first is a market open checkpoint, the last a market close one. */
  checksPerDay: number;
  /** Latency of one result: a pure function of the day and the check, so every run seeds the same data. */
  latencyMs(day: number, check: number, service: string): number;
  /** Fails the result when true. */
  fails?(day: number, check: number, service: string): boolean;
}

/**
 * Writes recorded history straight into the data folder's database (before `haltwatch serve`
 * opens it): seeding a year through the API would take minutes. Returns how many results it wrote.
 */
export function seedHistory(dataDir: string, options: SeedOptions): number {
  const { store } = openStore({ dir: dataDir, clock: systemClock, scheduleRetention: false });
  const end = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const start = end - options.days * DAY;
  let written = 0;
  store.batch(() => {
    for (let day = 0; day < options.days; day++) {
      for (let check = 0; check < options.checksPerDay; check++) {
        const at = start + day * DAY + 14 * HOUR + Math.floor((check * 6.5 * HOUR) / options.checksPerDay);
        const checkpoint =
          check === 0 ? 'market_open' : check === options.checksPerDay - 1 ? 'market_close' : undefined;
        const id = store.beginCheck({
          reason: checkpoint ? 'scheduled' : 'interval',
          ...(checkpoint ? { checkpoint, dueAt: at } : {}),
          startedAt: at,
        });
        const results: ProbeResult[] = options.services.map((service) => {
          const fails = options.fails?.(day, check, service) ?? false;
          return {
            service,
            kind: 'http',
            outcome: fails ? 'fail' : 'ok',
            ok: !fails,
            latencyMs: options.latencyMs(day, check, service),
            reason: fails ? 'HTTP 503 from the seeded history' : 'HTTP 200',
            at,
          };
        });
        store.finishCheck(id, { finishedAt: at + 50, results });
        written += results.length;
      }
    }
  });
  store.close();
  return written;
}
