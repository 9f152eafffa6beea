import type { Thresholds } from '../../../shared/thresholds.ts';

/** A number in the thresholds, by path, in the schema's own unit (so validation messages match). */
export interface ThresholdField {
  path: readonly [keyof Thresholds, string] | readonly [keyof Thresholds];
  label: string;
  /** `duration`: milliseconds, typed as 90s, 5m, 1h or a bare number of ms. */
  unit: 'ms' | 'duration' | '%' | 'failures' | 'orders' | '0–1';
  step: number;
}

export interface ThresholdGroup {
  title: string;
  hint: string;
  fields: ThresholdField[];
}

const f = (path: ThresholdField['path'], label: string, unit: ThresholdField['unit'], step = 1) => ({
  path,
  label,
  unit,
  step,
});

export const THRESHOLD_GROUPS: ThresholdGroup[] = [
  {
    title: 'Latency',
    hint: 'Probe or bot latency of any service',
    fields: [
      f(['latency', 'alertMs'], 'ALERT at', 'ms'),
      f(['latency', 'throttleMs'], 'THROTTLE at', 'ms'),
      f(['latency', 'haltMs'], 'HALT at', 'ms'),
    ],
  },
  {
    title: 'Slippage',
    hint: '|actual − expected| / expected of the latest fill',
    fields: [
      f(['slippage', 'alertPct'], 'ALERT at', '%', 0.01),
      f(['slippage', 'throttlePct'], 'THROTTLE at', '%', 0.01),
      f(['slippage', 'haltPct'], 'HALT at', '%', 0.01),
    ],
  },
  {
    title: 'Consecutive order failures',
    hint: 'Reported by the bot; exchange-halt rejections do not count',
    fields: [
      f(['orderFailures', 'alert'], 'ALERT after', 'failures'),
      f(['orderFailures', 'throttle'], 'THROTTLE after', 'failures'),
      f(['orderFailures', 'halt'], 'HALT after', 'failures'),
      f(['orderFailures', 'shutdown'], 'SHUTDOWN after', 'failures'),
    ],
  },
  {
    title: 'Failure rate',
    hint: 'Share of failed orders over the window → THROTTLE',
    fields: [
      f(['failureRate', 'throttlePct'], 'THROTTLE at', '%'),
      f(['failureRate', 'windowMs'], 'Window', 'duration', 1000),
      f(['failureRate', 'minOrders'], 'Counts from', 'orders'),
    ],
  },
  {
    title: 'Realised loss',
    hint: 'In percent of the latest reported equity → HALT',
    fields: [
      f(['loss', 'haltPct'], 'HALT at', '%', 0.1),
      f(['loss', 'windowMs'], 'Window', 'duration', 60_000),
    ],
  },
  {
    title: 'Cooldowns',
    hint: 'Healthy time a level needs before it steps down one level',
    fields: [
      f(['cooldownMs', 'alert'], 'Leave ALERT after', 'duration', 1000),
      f(['cooldownMs', 'throttle'], 'Leave THROTTLE after', 'duration', 1000),
      f(['cooldownMs', 'halt'], 'Leave HALT after', 'duration', 1000),
    ],
  },
  {
    title: 'THROTTLE',
    hint: 'Opens and increases need at least this signal confidence',
    fields: [f(['throttleMinConfidence'], 'Minimum confidence', '0–1', 0.05)],
  },
];

export function fieldKey(path: ThresholdField['path']): string {
  return path.join('.');
}

export function readField(t: Thresholds, path: ThresholdField['path']): number {
  const [group, key] = path;
  const value = key === undefined ? t[group] : (t[group] as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : Number.NaN;
}

export function writeField(t: Thresholds, path: ThresholdField['path'], value: number): Thresholds {
  const [group, key] = path;
  if (key === undefined) return { ...t, [group]: value };
  return { ...t, [group]: { ...(t[group] as Record<string, unknown>), [key]: value } };
}
