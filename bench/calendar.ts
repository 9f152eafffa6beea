import { getCalendar } from '../electron/core/calendar/index.ts';
import { computeSchedule } from '../electron/core/scheduler/index.ts';
import { SCHEDULE_PRESETS, defaultScheduleEntries } from '../shared/schedule.ts';

const TARGET_MS = 5;
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Times `body` on a fresh (cold-cache) calendar per run, each run on a different year. */
function measure(body: (year: number) => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const year = 2030 + i;
    const start = performance.now();
    body(year);
    times.push(performance.now() - start);
  }
  return median(times);
}

function line(label: string, ms: number): void {
  const verdict = ms < TARGET_MS ? 'ok' : 'OVER TARGET';
  console.log(
    `${label.padEnd(52)} ${ms.toFixed(3).padStart(8)} ms  ${(ms / TARGET_MS).toFixed(2)}× of ${TARGET_MS} ms  ${verdict}`,
  );
}

export async function run(): Promise<void> {
  console.log(`calendar: median of ${RUNS} runs, a fresh calendar (empty caches) per run`);
  getCalendar('XNYS').sessionsBetween('2029-01-01', '2029-12-31'); // load luxon and Intl once
  line(
    'XNYS sessions for one year',
    measure((y) => void getCalendar('XNYS').sessionsBetween(`${y}-01-01`, `${y}-12-31`)),
  );
  line(
    'XNYS holidays + early closes for one year',
    measure((y) => {
      const xnys = getCalendar('XNYS');
      xnys.holidays(y);
      xnys.earlyCloses(y);
    }),
  );
  const yearWindow = (y: number): [number, number] => [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  line(
    'XNYS default schedule (open + close) for one year',
    measure((y) => void computeSchedule(getCalendar('XNYS'), defaultScheduleEntries(), ...yearWindow(y))),
  );
  const full = [
    ...defaultScheduleEntries(),
    SCHEDULE_PRESETS.preOpen(),
    SCHEDULE_PRESETS.midday(),
    SCHEDULE_PRESETS.afterHours(),
  ];
  line(
    'XNYS five-entry schedule for one year',
    measure((y) => void computeSchedule(getCalendar('XNYS'), full, ...yearWindow(y))),
  );
  const withInterval = [...full, SCHEDULE_PRESETS.interval(5)];
  const intervalMs = measure(
    (y) => void computeSchedule(getCalendar('XNYS'), withInterval, ...yearWindow(y)),
  );
  console.log(
    `${'XNYS schedule with a 5-min interval for one year'.padEnd(52)} ${intervalMs.toFixed(3).padStart(8)} ms  (~20k checks; informational, not the 5 ms target)`,
  );
  line(
    'CRYPTO sessions for one year',
    measure((y) => void getCalendar('CRYPTO').sessionsBetween(`${y}-01-01`, `${y}-12-31`)),
  );
}
