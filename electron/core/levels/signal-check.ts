import type { Issue } from '../../../shared/gate.ts';
import { BREAKER_STATES, CRITICALITIES } from '../../../shared/levels.ts';
import { PROBE_OUTCOMES } from '../../../shared/probe.ts';

/** Bound of a pnl report's amount (as the report schema has it): any number of them sums to a finite loss. */
const MAX_MONEY = 1e15;
const KNOWN_TYPES = new Set<string>([
  'breaker',
  'probe',
  'order_success',
  'order_failure',
  'latency',
  'slippage',
  'pnl',
  'critical_error',
]);

/**
 * What makes a signal unusable to the level engine, or null. Not a validation (the bot API, IPC and
 * the store's writers validate at the edge): the engine's own guard that no value it computes with
 * can lower the level or leave a number its saved state (JSON) cannot hold: NaN and Infinity
 * anywhere, a negative duration, a price or equity of zero or less, a state or criticality it does
 * not know, an amount whose sums could overflow.
 */
export function unusableSignal(signal: unknown): string | null {
  if (typeof signal !== 'object' || signal === null) return `not a signal (${typeof signal})`;
  const s = signal as Record<string, unknown>;
  if (typeof s.type !== 'string' || !KNOWN_TYPES.has(s.type)) return `unknown type ${String(s.type)}`;
  const odd = nonFinite(s, '');
  if (odd) return `${s.type}: ${odd} is not a finite number`;
  const bad = (field: string) => `${s.type}: ${field} ${JSON.stringify(s[field]) ?? 'missing'}`;
  switch (s.type) {
    case 'breaker':
      if (!isOneOf(s.state, BREAKER_STATES)) return bad('state');
      if (!isOneOf(s.criticality, CRITICALITIES)) return bad('criticality');
      return typeof s.service === 'string' ? null : bad('service');
    case 'probe':
      if (!isOneOf(s.outcome, PROBE_OUTCOMES)) return bad('outcome');
      if (!isOneOf(s.criticality, CRITICALITIES)) return bad('criticality');
      if (!(typeof s.confirmFailures === 'number' && s.confirmFailures >= 1)) return bad('confirmFailures');
      if (!(typeof s.ms === 'number' && s.ms >= 0)) return bad('ms');
      return typeof s.service === 'string' ? null : bad('service');
    case 'latency':
      return typeof s.ms === 'number' && s.ms >= 0 ? null : bad('ms');
    case 'slippage':
      if (!(typeof s.expectedPrice === 'number' && s.expectedPrice > 0)) return bad('expectedPrice');
      return typeof s.actualPrice === 'number' && s.actualPrice > 0 ? null : bad('actualPrice');
    case 'pnl':
      if (!(typeof s.realized === 'number' && Math.abs(s.realized) <= MAX_MONEY)) return bad('realized');
      if (!(typeof s.equity === 'number' && s.equity > 0)) return bad('equity');
      return Number.isFinite((s.realized / s.equity) * 100) ? null : bad('equity');
    default:
      return null;
  }
}

function nonFinite(value: Record<string, unknown>, at: string): string | null {
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'number' && !Number.isFinite(v)) return `${at}${key}`;
    if (typeof v === 'object' && v !== null) {
      const inner = nonFinite(v as Record<string, unknown>, `${at}${key}.`);
      if (inner) return inner;
    }
  }
  return null;
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** The issue recorded for a signal the engine cannot compute with (why: `value`); it moves no level. */
export function invalidSignalIssue(at: number, value: string): Issue {
  return { at, signal: 'invalid_signal', value, threshold: 'a valid signal', level: 'NORMAL' };
}
