import type { SignalCause } from '../../../shared/audit.ts';
import type { BotSignal } from '../../../shared/status.ts';
import type { Contribution } from './service-signals.ts';
import type { Crossing } from './threshold-levels.ts';

/** One of the bot's signals as it stands, with the level it calls for (NORMAL when none). */
export function botSignal(
  signal: BotSignal['signal'],
  value: number | null,
  contribution: Contribution | null,
  firstThreshold: number,
  details?: Record<string, number>,
): BotSignal {
  const threshold = contribution?.cause.threshold;
  return {
    signal,
    value,
    threshold: typeof threshold === 'number' ? threshold : firstThreshold,
    level: contribution?.level ?? 'NORMAL',
    ...(details ? { details } : {}),
  };
}

/** The level a crossed threshold calls for, with its cause; null when nothing was crossed. */
export function pull(
  crossing: Crossing | null,
  signal: string,
  value: number,
  service?: string,
): Contribution | null {
  if (!crossing) return null;
  const cause: SignalCause = { signal, value, threshold: crossing.threshold };
  if (service !== undefined) cause.service = service;
  return { level: crossing.level, cause };
}

/** A value that is not finite becomes the largest finite one: above every threshold, and storable. */
export function finiteOrMax(value: number): number {
  return Number.isFinite(value) ? value : Number.MAX_VALUE;
}
