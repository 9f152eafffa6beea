/**
 * Threshold replay bench: 30 days of one-minute checks of 20 services (864 000 results, a few slow
 * bursts and a breaker that opens daily), replayed under the current and a proposed set of thresholds
 * as `thresholds.replay` does, against replaying every recorded sample through the level engine.
 * Target: the 30-day replay answers well under a second, so the thresholds screen can show it live.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProbeResult } from '../shared/probe.ts';
import { THRESHOLD_PRESETS, thresholdsSchema } from '../shared/thresholds.ts';
import type { Clock } from '../electron/core/clock.ts';
import { replayThresholds, type TimedSignal } from '../electron/core/levels/index.ts';
import { replayHistory } from '../electron/core/replay-history.ts';
import { openStore, type Store } from '../electron/core/store/index.ts';

const SERVICES = Array.from({ length: 20 }, (_, i) => `service-${String(i).padStart(2, '0')}`);
const MINUTE = 60_000;
const DAY = 86_400_000;
const DAYS = 30;
const NOW = Date.UTC(2026, 10, 23);
const FROM = NOW - DAYS * DAY;

/** A clock frozen at NOW; the store's retention timer is off. */
const clock: Clock = { now: () => NOW, monotonic: () => NOW, setTimer: () => ({ cancel: () => {} }) };

/** Mostly 20–120 ms; service 3 slows to 600–1 500 ms for 20 minutes every 6 hours. */
function latencyOf(minute: number, service: number): number {
  const slow = service === 3 && minute % 360 < 20;
  return slow ? 600 + ((minute * 37) % 900) : 20 + ((minute * 31 + service * 17) % 100);
}

function fill(store: Store): void {
  const checks = DAYS * 24 * 60;
  for (let first = 0; first < checks; first += 1000) {
    store.batch(() => {
      for (let minute = first; minute < Math.min(checks, first + 1000); minute++) {
        const at = FROM + minute * MINUTE;
        const id = store.beginCheck({ reason: 'interval', startedAt: at });
        const results: ProbeResult[] = SERVICES.map((service, i) => ({
          service,
          kind: 'http',
          outcome: 'ok',
          ok: true,
          latencyMs: latencyOf(minute, i),
          reason: 'HTTP 200',
          at,
        }));
        store.finishCheck(id, { finishedAt: at + 50, results });
      }
    });
  }
  for (let day = 0; day < DAYS; day++) {
    const at = FROM + day * DAY + 15 * 60 * MINUTE;
    store.appendAudit({ at, kind: 'breaker', service: 'service-07', from: 'CLOSED', to: 'OPEN' });
    store.appendAudit({
      at: at + 2 * MINUTE,
      kind: 'breaker',
      service: 'service-07',
      from: 'OPEN',
      to: 'CLOSED',
    });
  }
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-bench-replay-'));
  const { store } = openStore({ dir, clock, scheduleRetention: false });
  try {
    const filled = timed(() => fill(store));
    console.log(
      `filled ${DAYS} days x ${SERVICES.length} services (${DAYS * 1440 * 20} results) in ${(filled.ms / 1000).toFixed(1)} s`,
    );

    const current = thresholdsSchema.parse({});
    const proposed = THRESHOLD_PRESETS.conservative;
    const services = SERVICES.map((name) => ({ name, criticality: 'important' as const }));
    const replays = [0, 1, 2].map(() =>
      timed(() =>
        replayHistory(store, { services: services as never, current, proposed, from: FROM, to: NOW }),
      ),
    );
    const best = Math.min(...replays.map((r) => r.ms));
    const result = replays[0]!.value;
    console.log(
      `thresholds.replay over ${DAYS} days (${result.signals} signals): ${best.toFixed(0)} ms (best of 3)`,
    );
    console.log(`  current  escalations ${JSON.stringify(result.current.escalations)}`);
    console.log(`  proposed escalations ${JSON.stringify(result.proposed.escalations)}`);

    // Every sample through the engine is too slow for a month: compare over the last 3 days.
    const sliceFrom = NOW - 3 * DAY;
    const slice = timed(() =>
      replayHistory(store, { services: services as never, current, proposed, from: sliceFrom, to: NOW }),
    );
    const all: TimedSignal[] = store.breakerChanges({ from: sliceFrom, to: NOW }).map((c) => ({
      at: c.at,
      signal: { type: 'breaker', service: c.service, state: c.to, criticality: 'important' },
    }));
    const read = timed(() =>
      store.forEachOkLatency({ from: sliceFrom, to: NOW }, (at, service, ms) =>
        all.push({ at, signal: { type: 'latency', service, ms } }),
      ),
    );
    const everySample = timed(() => [replayThresholds(current, all), replayThresholds(proposed, all)]);
    const naiveMs = read.ms + everySample.ms;
    console.log(
      `3 days, every sample through the engine: read ${read.ms.toFixed(0)} ms + replays ${everySample.ms.toFixed(0)} ms = ${naiveMs.toFixed(0)} ms; thresholds.replay ${slice.ms.toFixed(0)} ms (${(naiveMs / slice.ms).toFixed(0)}x)`,
    );
    const same =
      JSON.stringify(everySample.value) === JSON.stringify([slice.value.current, slice.value.proposed]);
    console.log(`same result as replaying every sample: ${same ? 'yes' : 'NO'}`);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
