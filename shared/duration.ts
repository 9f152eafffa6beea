/**
 * Durations as people type them: `90s`, `5m`, `1h`, `1h30m`, `1.5 h`, `500ms`, `2d`, `4w`, or a plain
 * number in the field's own unit (milliseconds for a `…Ms` setting, days for a retention setting).
 */
export const DURATION_UNITS = {
  ms: 1,
  s: 1_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

/** Every spelling a unit may be typed in, lower case. */
const SPELLINGS: Record<string, DurationUnit> = {
  ms: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'min',
  min: 'min',
  mins: 'min',
  minute: 'min',
  minutes: 'min',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  wk: 'w',
  week: 'w',
  weeks: 'w',
};

const PART = /(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)?/gy;

export type DurationParse = { ok: true; ms: number } | { ok: false; message: string };

/**
 * The milliseconds `text` stands for. A bare number counts in `plainUnit`; parts add up (`1h 30m`).
 * Fails, with a message saying what to type, on anything else or on a fraction of a millisecond.
 */
export function parseDuration(text: string, plainUnit: DurationUnit = 'ms'): DurationParse {
  const example = `write a duration like 90s, 5m or 1h, or a number of ${UNIT_WORD[plainUnit]}`;
  const source = text.trim().toLowerCase();
  if (source === '') return { ok: false, message: 'required: ' + example };
  let total = 0;
  let parts = 0;
  let plain = false;
  for (let at = 0; at < source.length;) {
    PART.lastIndex = at;
    const match = PART.exec(source);
    if (!match) return { ok: false, message: `${example}; got "${text.trim()}"` };
    const [whole, amount, spelled] = match;
    const unit = spelled === undefined ? plainUnit : SPELLINGS[spelled];
    if (unit === undefined) return { ok: false, message: `unknown unit "${spelled}": ${example}` };
    plain ||= spelled === undefined;
    total += Number(amount) * DURATION_UNITS[unit];
    parts++;
    at += whole.length;
    while (source[at] === ' ') at++;
  }
  // A bare number stands alone: "1h 30" is a typo, not 1 h and 30 ms.
  if (plain && parts > 1) return { ok: false, message: `${example}; got "${text.trim()}"` };
  // 1.1 * 1000 is 1100.0000000000002: round away the float noise, but not a real fraction.
  const ms = Math.round(total * 1e6) / 1e6;
  if (!Number.isInteger(ms)) return { ok: false, message: `${ms} ms is not a whole number of milliseconds` };
  return { ok: true, ms };
}

const UNIT_WORD: Record<DurationUnit, string> = {
  ms: 'milliseconds',
  s: 'seconds',
  min: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
};

/** The shortest way to write `ms` back that `parseDuration` reads as the same value: `90s`, `24h`, `2d`. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms === 0) return '0s';
  const units = (Object.keys(DURATION_UNITS) as DurationUnit[]).reverse();
  const unit = units.find((u) => ms % DURATION_UNITS[u] === 0) ?? 'ms';
  return `${ms / DURATION_UNITS[unit]}${unit === 'min' ? 'm' : unit}`;
}
