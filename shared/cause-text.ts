import type { SignalCause } from './audit.ts';
import { formatDuration } from './format.ts';

/**
 * Causes in words with their units ("broker latency 1512 ms ≥ 1000 ms"), instead of bare numbers.
 * The same signal name can carry different units by origin: a level's failure_rate is a percent,
 * a breaker's a fraction, so the caller says which kind of event the cause belongs to.
 */
export type CauseOrigin = 'level' | 'breaker';

type Unit = (n: number) => string;

const round = (n: number, digits: number) => String(Number(n.toFixed(digits)));
const ms: Unit = (n) => `${Math.round(n)} ms`;
const percent: Unit = (n) => `${round(n, 2)} %`;
const fraction: Unit = (n) => `${round(n * 100, 1)} %`;
const count: Unit = (n) => String(Math.round(n));
const duration: Unit = (n) => formatDuration(n);

const LEVEL_SIGNALS: Record<string, { label: string; unit: Unit }> = {
  latency: { label: 'latency', unit: ms },
  slippage: { label: 'slippage', unit: percent },
  loss: { label: 'realised loss (of equity)', unit: percent },
  failure_rate: { label: 'order failure rate', unit: percent },
  order_failures: { label: 'consecutive order failures', unit: count },
  probe_failures: { label: 'failed probes in a row', unit: count },
  cooldown: { label: 'healthy for', unit: duration },
};

const BREAKER_SIGNALS: Record<string, { label: string; unit: Unit }> = {
  consecutive_failures: { label: 'consecutive failures', unit: count },
  failure_rate: { label: 'failure rate', unit: fraction },
  slow_call_rate: { label: 'slow-call rate', unit: fraction },
  open_period_elapsed: { label: 'open for', unit: duration },
  trial_failed: { label: 'trial failed:', unit: count },
};

/** Signals whose value is a sentence (why), not a number: a label that reads before it. */
const TEXT_SIGNALS: Record<string, string> = {
  state_lost: 'saved state lost:',
  history_unwritable: 'history cannot be saved:',
  config_invalid: 'configuration unusable:',
  critical_error: 'critical error:',
  invalid_signal: 'invalid report:',
  manual_kill: 'shut down by hand:',
  manual_recover: 'recovery forced by hand:',
  manual_confirm: 'HALT left by confirmation:',
};

function words(signal: string): string {
  return signal.replaceAll('_', ' ');
}

export function formatSignalCause(cause: SignalCause | null | undefined, origin: CauseOrigin): string {
  if (!cause) return '';
  const who = cause.service ? `${cause.service} ` : '';
  if (cause.signal === 'breaker') {
    const criticality = cause.threshold ? ` (${String(cause.threshold)} service)` : '';
    return `${who}breaker ${String(cause.value).toLowerCase().replace('_', '-')}${criticality}`;
  }
  const text = origin === 'level' ? TEXT_SIGNALS[cause.signal] : undefined;
  if (text !== undefined) return `${who}${text} ${String(cause.value)}`;
  const known = (origin === 'level' ? LEVEL_SIGNALS : BREAKER_SIGNALS)[cause.signal];
  const show = (v: number | string | undefined) =>
    typeof v === 'number' && known ? known.unit(v) : String(v ?? '');
  const label = known?.label ?? words(cause.signal);
  const threshold =
    cause.threshold === undefined || cause.threshold === '' ? '' : ` (threshold ${show(cause.threshold)})`;
  return `${who}${label} ${show(cause.value)}${threshold}`;
}

/** A level signal's number in its unit ("0.11 %", "1512 ms", "3"), as the cause wording shows it. */
export function formatLevelValue(signal: string, value: number): string {
  const known = LEVEL_SIGNALS[signal];
  return known ? known.unit(value) : String(value);
}
