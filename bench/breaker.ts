/**
 * Breaker engine bench: guarded-call overhead of our CircuitBreaker, through the permit path the
 * probes use, vs opossum and cockatiel on the same function, and the cost of recording signals into 5-minute windows at 10 000 events/s.
 * Targets: overhead ≤ cockatiel's and ≤ 1/3 of opossum's; recording O(1) with flat memory.
 */
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import { circuitBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel';
import { BREAKER_PROFILES } from '../shared/breaker.ts';
import { BucketWindow } from '../electron/core/breaker/bucket-window.ts';
import { CircuitBreaker } from '../electron/core/breaker/circuit-breaker.ts';
import { systemClock } from '../electron/core/clock.ts';
import { LevelEngine } from '../electron/core/levels/level-engine.ts';
import { ManualClock } from '../electron/core/manual-clock.ts';
import { errorMessage } from '../shared/errors.ts';

/** opossum ships no types; this is the part of its API the bench uses. */
interface Opossum {
  fire(): Promise<number>;
  shutdown(): void;
}
const OpossumBreaker = createRequire(import.meta.url)('opossum') as new (
  fn: () => Promise<number>,
) => Opossum;

const CALLS = 200_000;
const ROUNDS = 7;
const fn = () => Promise.resolve(1);
const PROBE_LATENCY_MS = 12;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * One call the way a check runs a probe: a permit, the call, then its result reported through the
 * permit (see ServiceBreakers.acquire/record and runProbe). The latency comes from runProbe's own
 * timing, which a probe takes with or without a breaker, so a fixed one is reported here and the row
 * shows the breaker's cost alone, as cockatiel's and opossum's rows do.
 */
async function permitted(breaker: CircuitBreaker, call: () => Promise<unknown>): Promise<void> {
  const permit = breaker.tryAcquire();
  if (!permit) return;
  try {
    await call();
  } catch (error) {
    permit.failure(errorMessage(error));
    return;
  }
  permit.success(PROBE_LATENCY_MS);
}

async function timeRound(call: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await call();
  return Number(process.hrtime.bigint() - start) / CALLS;
}

/** Rounds interleave the candidates so drift (JIT, GC, CPU clock) spreads evenly over them. */
async function nsPerCall(
  candidates: readonly (readonly [string, () => Promise<unknown>])[],
): Promise<Map<string, number>> {
  for (const [, call] of candidates) await timeRound(call); // warm-up
  const rounds = new Map<string, number[]>(candidates.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++)
    for (const [name, call] of candidates) rounds.get(name)?.push(await timeRound(call));
  return new Map([...rounds].map(([name, values]) => [name, median(values)]));
}

async function guardedCallOverhead(): Promise<void> {
  const ours = new CircuitBreaker({}, systemClock, { name: 'bench' });
  const oursWindowed = new CircuitBreaker(BREAKER_PROFILES.broker_api, systemClock, { name: 'bench-window' });
  const oursTimeWindow = new CircuitBreaker({ window: { type: 'time', ms: 60_000 } }, systemClock, {
    name: 'bench-time',
  });
  const cockatiel = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
  const opossum = new OpossumBreaker(fn);
  try {
    const candidates: [string, () => Promise<unknown>][] = [
      ['bare call', fn],
      ['haltwatch CircuitBreaker (defaults)', () => permitted(ours, fn)],
      ['haltwatch CircuitBreaker (broker_api, count window)', () => permitted(oursWindowed, fn)],
      ['haltwatch CircuitBreaker (60 s time window)', () => permitted(oursTimeWindow, fn)],
      ['cockatiel ConsecutiveBreaker(5)', () => cockatiel.execute(fn)],
      ['opossum (defaults)', () => opossum.fire()],
    ];
    const ns = await nsPerCall(candidates);
    const bare = ns.get('bare call') ?? 0;
    const overhead = (name: string) => Math.max(0, (ns.get(name) ?? 0) - bare);
    const cockatielOverhead = overhead('cockatiel ConsecutiveBreaker(5)');
    const opossumOverhead = overhead('opossum (defaults)');
    console.log(`guarded-call overhead, ${CALLS} awaited calls × median of ${ROUNDS} rounds`);
    for (const [name] of candidates) {
      const o = overhead(name);
      const ratios =
        name === 'bare call'
          ? ''
          : `  ${(o / cockatielOverhead).toFixed(2)}× cockatiel  ${(o / opossumOverhead).toFixed(2)}× opossum`;
      console.log(
        `  ${name.padEnd(52)} ${(ns.get(name) ?? 0).toFixed(0).padStart(6)} ns/call  overhead ${o.toFixed(0).padStart(5)} ns${ratios}`,
      );
    }
    const mine = overhead('haltwatch CircuitBreaker (defaults)');
    const verdict = mine <= cockatielOverhead && mine <= opossumOverhead / 3 ? 'ok' : 'OVER TARGET';
    console.log(`  target: ≤ cockatiel and ≤ 1/3 of opossum → ${verdict}`);
  } finally {
    opossum.shutdown();
  }
}

// Collect before reading the heap, so the numbers show what is retained rather than garbage not yet collected.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** Records `events` at 10 000 events/s of simulated time; returns ns per event and the heap after. */
function recordAt10kPerSecond(
  events: number,
  record: (at: number) => void,
): { ns: number; heapAfter: number } {
  const start = process.hrtime.bigint();
  for (let i = 0; i < events; i++) record(i / 10);
  const ns = Number(process.hrtime.bigint() - start) / events;
  return { ns, heapAfter: heapMb() };
}

function signalRecording(): void {
  console.log('signal recording into 5-minute windows at 10 000 events/s (simulated time)');
  const windowMs = 300_000;
  const window = BucketWindow.forWindow(windowMs, 2);
  const heapBefore = heapMb();
  // 1 min, then 10 min of traffic: with O(1) recording both cost the same per event and the heap stays flat.
  const short = recordAt10kPerSecond(600_000, (at) => window.add(at, 0, 1));
  const long = recordAt10kPerSecond(6_000_000, (at) => window.add(600_000 + at, 0, 1));
  console.log(
    `  BucketWindow.add              ${short.ns.toFixed(1).padStart(6)} ns/event (1 min)  ${long.ns.toFixed(1).padStart(6)} ns/event (10 min)  ratio ${(long.ns / short.ns).toFixed(2)}`,
  );
  console.log(
    `  heap MB: before ${heapBefore.toFixed(1)}, after 0.6 M events ${short.heapAfter.toFixed(1)}, after 6.6 M events ${long.heapAfter.toFixed(1)}`,
  );

  const clock = new ManualClock(0);
  const engine = new LevelEngine({}, clock);
  const signals = [{ type: 'order_success' as const }, { type: 'order_failure' as const }];
  let n = 0;
  const observe = (at: number) => {
    clock.advanceTo(at);
    engine.observe(signals[n++ % 10 === 0 ? 1 : 0]!);
  };
  const engineHeapBefore = heapMb();
  const engineShort = recordAt10kPerSecond(300_000, observe);
  const engineLong = recordAt10kPerSecond(3_000_000, (at) => observe(300_000 + at));
  engine.dispose();
  console.log(
    `  LevelEngine.observe (validated) ${engineShort.ns.toFixed(0).padStart(4)} ns/event (30 s)  ${engineLong.ns.toFixed(0).padStart(6)} ns/event (5 min)  ratio ${(engineLong.ns / engineShort.ns).toFixed(2)}`,
  );
  console.log(
    `  heap MB: before ${engineHeapBefore.toFixed(1)}, after 0.3 M signals ${engineShort.heapAfter.toFixed(1)}, after 3.3 M signals ${engineLong.heapAfter.toFixed(1)}`,
  );
}

const SIGNALS_PER_SECOND = 2_000;

/** Records `seconds` of signals at SIGNALS_PER_SECOND of simulated time from `from`; ns per signal and the heap after. */
function recordFor(
  from: number,
  seconds: number,
  record: (at: number) => void,
): { ns: number; heapAfter: number } {
  const events = seconds * SIGNALS_PER_SECOND;
  const start = process.hrtime.bigint();
  for (let i = 0; i < events; i++) record(from + (i * 1000) / SIGNALS_PER_SECOND);
  const ns = Number(process.hrtime.bigint() - start) / events;
  return { ns, heapAfter: heapMb() };
}

/** Fills with one failed order in seven and profits and losses: enough to fill both windows, too few to escalate. */
const FILLS = [
  { type: 'order_success' as const },
  { type: 'pnl' as const, realized: 12.5, equity: 100_000 },
  { type: 'order_success' as const },
  { type: 'order_success' as const },
  { type: 'pnl' as const, realized: -10, equity: 100_000 },
  { type: 'order_success' as const },
  { type: 'order_failure' as const },
  { type: 'order_success' as const },
  { type: 'order_success' as const },
  { type: 'order_success' as const },
];

/**
 * The bot reporting fills while a slow service holds the level at ALERT: every signal re-arms the
 * engine's single timer, so the next window change is looked up per signal. Compared with the same
 * fills at NORMAL, over 30 s and over 6 min (longer than the 5-minute window, so buckets expire).
 */
function observeAboveNormal(): void {
  console.log(`LevelEngine.observe of bot fills at ${SIGNALS_PER_SECOND} signals/s (simulated time)`);
  for (const slowMs of [null, 600]) {
    const clock = new ManualClock(0);
    const engine = new LevelEngine({}, clock);
    if (slowMs !== null) engine.observe({ type: 'latency', service: 'market_data', ms: slowMs });
    let n = 0;
    const observe = (at: number) => {
      clock.advanceTo(at);
      engine.observe(FILLS[n++ % FILLS.length]!);
    };
    const heapBefore = heapMb();
    recordFor(0, 5, observe); // warm-up
    const short = recordFor(5_000, 30, observe);
    const long = recordFor(35_000, 360, observe);
    const level = engine.status().level;
    engine.dispose();
    console.log(
      `  at ${level.padEnd(6)} ${short.ns.toFixed(0).padStart(6)} ns/signal (30 s)  ${long.ns.toFixed(0).padStart(6)} ns/signal (6 min)  ratio ${(long.ns / short.ns).toFixed(2)}  heap MB ${heapBefore.toFixed(1)} → ${short.heapAfter.toFixed(1)} → ${long.heapAfter.toFixed(1)}`,
    );
  }
}

export async function run(): Promise<void> {
  await guardedCallOverhead();
  signalRecording();
  observeAboveNormal();
}
