/**
 * History store bench, against plain better-sqlite3 in the same run:
 * 1. insert throughput of probe results through the store (raw row + minute/hour/day rollups, batched
 *    in transactions) vs a bare prepared INSERT in a transaction into a table without indexes;
 * 2. the 30-day hourly chart for 20 services over a year of data, read from the hourly rollups, vs the
 *    same chart computed from raw rows with GROUP BY.
 * Targets: ≥ 100 000 result rows/s; chart < 20 ms. HALTWATCH_BENCH_FULL=1 fills the year at one check a
 * minute (10.5 M raw rows, several minutes); the default fills it at one check every 30 minutes
 * (350 400 raw rows), which keeps the bench near 30 s; the hourly rollups read are the same.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProbeResult } from '../shared/probe.ts';
import { systemClock } from '../electron/core/clock.ts';
import { openStore, type Store } from '../electron/core/store/index.ts';

const SERVICES = Array.from({ length: 20 }, (_, i) => `service-${String(i).padStart(2, '0')}`);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 0, 1);
const CHECKS_PER_TRANSACTION = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function resultsAt(at: number, seq: number): ProbeResult[] {
  return SERVICES.map((service, i) => {
    const ok = (seq + i) % 113 !== 0;
    return {
      service,
      kind: 'http',
      outcome: ok ? 'ok' : 'fail',
      ok,
      latencyMs: 5 + ((seq * 31 + i * 17) % 400),
      reason: ok ? 'HTTP 200' : 'HTTP 503 from http://127.0.0.1/health',
      at,
    };
  });
}

/** Writes `checks` checks of 20 results each, `stepMs` apart, in transactions of 500 checks. */
function fill(store: Store, start: number, checks: number, stepMs: number): void {
  for (let first = 0; first < checks; first += CHECKS_PER_TRANSACTION) {
    store.batch(() => {
      for (let seq = first; seq < Math.min(checks, first + CHECKS_PER_TRANSACTION); seq++) {
        const at = start + seq * stepMs;
        const id = store.beginCheck({ reason: 'interval', startedAt: at });
        store.finishCheck(id, { finishedAt: at + 300, results: resultsAt(at, seq) });
      }
    });
  }
}

function fileMb(dir: string): string {
  const bytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  return (bytes / 1024 / 1024).toFixed(1);
}

const THROUGHPUT_CHECKS = 5_000;
const THROUGHPUT_ROUNDS = 5;

interface Rate {
  /** rows per second of elapsed time */
  wall: number;
  /** rows per second of this process's CPU time: steadier when other processes share the cores */
  cpu: number;
}

function timed(write: () => void): Rate {
  const rows = THROUGHPUT_CHECKS * SERVICES.length;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  write();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: rows / seconds, cpu: rows / ((cpu.user + cpu.system) / 1e6) };
}

/** One round of the bare better-sqlite3 baseline: the same rows, one prepared INSERT, same batching. */
function plainRound(root: string): Rate {
  const dir = fs.mkdtempSync(path.join(root, 'plain-'));
  const plain = new Database(path.join(dir, 'plain.db'));
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = NORMAL');
  plain.exec(
    'CREATE TABLE probe_results (id INTEGER PRIMARY KEY, check_id INTEGER, service TEXT, kind TEXT, outcome TEXT, latency_ms REAL, reason TEXT, at INTEGER)',
  );
  const insert = plain.prepare(
    'INSERT INTO probe_results (check_id, service, kind, outcome, latency_ms, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const rate = timed(() => {
    for (let first = 0; first < THROUGHPUT_CHECKS; first += CHECKS_PER_TRANSACTION) {
      plain.transaction(() => {
        for (let seq = first; seq < first + CHECKS_PER_TRANSACTION; seq++) {
          for (const r of resultsAt(YEAR_START + seq * MIN, seq)) {
            insert.run(seq + 1, r.service, r.kind, r.outcome, r.latencyMs, r.reason, r.at);
          }
        }
      })();
    }
  });
  plain.close();
  return rate;
}

function storeRound(root: string): Rate {
  const { store } = openStore({
    dir: fs.mkdtempSync(path.join(root, 'store-')),
    clock: systemClock,
    scheduleRetention: false,
  });
  const rate = timed(() => fill(store, YEAR_START, THROUGHPUT_CHECKS, MIN));
  store.close();
  return rate;
}

/**
 * Rounds alternate between the two after one warm-up round each (JIT), so a busy machine slows
 * both alike; medians are reported.
 */
function insertThroughput(root: string): void {
  plainRound(root);
  storeRound(root);
  const plainRates: Rate[] = [];
  const storeRates: Rate[] = [];
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    plainRates.push(plainRound(root));
    storeRates.push(storeRound(root));
  }
  const plain = { wall: median(plainRates.map((r) => r.wall)), cpu: median(plainRates.map((r) => r.cpu)) };
  const store = { wall: median(storeRates.map((r) => r.wall)), cpu: median(storeRates.map((r) => r.cpu)) };
  const load = os.loadavg()[0]?.toFixed(2) ?? '?';
  console.log(
    `insert ${THROUGHPUT_CHECKS * SERVICES.length} results × ${THROUGHPUT_ROUNDS} rounds after a warm-up, ${CHECKS_PER_TRANSACTION * SERVICES.length} per transaction (median; load average ${load}):`,
  );
  console.log(
    `  plain better-sqlite3 (bare INSERT, no index): ${Math.round(plain.wall)} rows/s (per CPU second: ${Math.round(plain.cpu)})`,
  );
  console.log(
    `  store (raw row in multi-row INSERTs, 2 indexes, latest-per-service, minute/hour/day rollups): ${Math.round(store.wall)} rows/s` +
      ` = ${(store.wall / plain.wall).toFixed(2)} × plain (per CPU second: ${Math.round(store.cpu)} = ${(store.cpu / plain.cpu).toFixed(2)} × plain);` +
      ` target ≥ 100000 rows/s: ${store.wall >= 100_000 ? 'met' : 'NOT met'}`,
  );
}

function chartQuery(root: string): void {
  const full = process.env.HALTWATCH_BENCH_FULL === '1';
  const stepMs = full ? MIN : 30 * MIN;
  const checks = Math.floor((365 * DAY) / stepMs);
  const dir = fs.mkdtempSync(path.join(root, 'year-'));
  const { store } = openStore({
    dir,
    clock: systemClock,
    scheduleRetention: false,
    retention: { rawDays: 366, hourRollupDays: 366 },
  });
  let started = performance.now();
  fill(store, YEAR_START, checks, stepMs);
  const fillSeconds = (performance.now() - started) / 1000;
  const rawRows = checks * SERVICES.length;
  console.log(
    `a year for 20 services, one check every ${stepMs / MIN} min: ${rawRows} raw rows in ${fillSeconds.toFixed(1)} s, file ${fileMb(dir)} MB`,
  );

  const to = YEAR_START + 365 * DAY;
  const from = to - 30 * DAY;
  const chart = () => SERVICES.map((service) => store.serviceSeries({ service, from, to, bucket: 'hour' }));
  const timings: number[] = [];
  for (let round = 0; round < 30; round++) {
    started = performance.now();
    const series = chart();
    timings.push(performance.now() - started);
    if (series.some((points) => points.length !== 30 * 24)) throw new Error('chart is missing hours');
  }
  const storeMs = median(timings);
  const storeRange = `${Math.min(...timings).toFixed(1)}–${Math.max(...timings).toFixed(1)} ms over ${timings.length} runs`;
  store.close();

  const raw = new Database(path.join(dir, 'haltwatch.db'), { readonly: true });
  const grouped = raw.prepare(
    `SELECT service, at / ${HOUR} AS hour, count(*), sum(outcome <> 'ok'), min(latency_ms), avg(latency_ms), max(latency_ms)
     FROM probe_results WHERE at >= ? AND at < ? GROUP BY service, hour`,
  );
  const rawTimings: number[] = [];
  for (let round = 0; round < 5; round++) {
    started = performance.now();
    grouped.all(from, to);
    rawTimings.push(performance.now() - started);
  }
  raw.close();
  const rawMs = median(rawTimings);
  console.log(`30-day hourly chart, 20 services (${20 * 30 * 24} points):`);
  console.log(
    `  plain better-sqlite3 GROUP BY over raw rows (no p50/p95): ${rawMs.toFixed(1)} ms median of ${rawTimings.length} runs`,
  );
  console.log(
    `  store, from hourly rollups (with p50 and p95): ${storeMs.toFixed(2)} ms median (${storeRange}) = ${(rawMs / storeMs).toFixed(1)}× faster;` +
      ` target < 20 ms: ${storeMs < 20 ? 'met' : 'NOT met'}`,
  );
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-bench-store-'));
  try {
    insertThroughput(root);
    chartQuery(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
