import type { Clock } from '../clock.ts';
import type { Redactor } from '../secrets/redact.ts';
import type { SecretResolver } from '../secrets/resolver.ts';
import type { HeartbeatBook } from './heartbeats.ts';

/** What a check hands to its probes. */
export interface ProbeContext {
  clock: Clock;
  secrets: SecretResolver;
  heartbeats: HeartbeatBook;
  /** Whether `exchange` is in a regular session at `at`. Without it, market data is judged as if
   * the market were open: a stale quote is reported rather than missed. */
  isInSession?: (exchange: string, at: number) => boolean;
  /** Cancels the whole check (the app quits, the user stops it). */
  signal?: AbortSignal;
}

/** What one probe sees: the context plus its own deadline. */
export interface ProbeEnv {
  clock: Clock;
  secrets: SecretResolver;
  heartbeats: HeartbeatBook;
  isInSession: ((exchange: string, at: number) => boolean) | undefined;
  /** Aborted at the probe's timeout, on cancellation, and once the probe has settled. */
  signal: AbortSignal;
  /** When the probe started (UTC epoch ms, from the clock). */
  at: number;
  /** Hides every secret; a probe that cuts text it received redacts it first. */
  redact: Redactor;
}

export type Details = Record<string, string | number | boolean>;

/** A probe's own judgement; the runner adds timing, timeouts, slowness and redaction. */
export interface Verdict {
  ok: boolean;
  reason: string;
  details?: Details;
}

export const healthy = (reason: string, details?: Details): Verdict => ({ ok: true, reason, details });
export const unhealthy = (reason: string, details?: Details): Verdict => ({ ok: false, reason, details });
