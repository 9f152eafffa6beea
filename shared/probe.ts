/** What one probe of one service found. Times are UTC epoch ms; latency is wall time of the probe. */
export const PROBE_OUTCOMES = ['ok', 'fail', 'timeout'] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export interface ProbeResult {
  service: string;
  kind: string;
  outcome: ProbeOutcome;
  /** outcome === 'ok' */
  ok: boolean;
  latencyMs: number;
  /** A sentence a person can act on: "HTTP 503 from http://…", "timed out after 2000 ms". */
  reason: string;
  /** When the probe started. */
  at: number;
  /** Healthy, but slower than the service's slow threshold. */
  slow?: boolean;
  /** Small facts for the UI (status code, days until certificate expiry, …). Never secrets. */
  details?: Record<string, string | number | boolean>;
}
