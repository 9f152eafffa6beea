import { formatLatency } from '../../../shared/format.ts';
import type { ProbeResult } from '../../../shared/probe.ts';

/** A one-off test's answer, told as the board tells a check: a failure looks failed, not grey. */
export function ProbeResultNote({ result }: { result: ProbeResult }) {
  const health = !result.ok ? 'fail' : result.slow ? 'slow' : 'ok';
  const verdict = !result.ok
    ? `✕ Failed: ${result.outcome === 'timeout' ? 'timed out' : 'unhealthy'}`
    : result.slow
      ? '◔ Healthy, but slower than its slow threshold'
      : '✓ Healthy';
  return (
    <p className={`probe-result health-${health}`} data-testid="svc-test-result">
      <strong className={result.ok ? 'ok-text' : 'error'}>{verdict}</strong> ·{' '}
      {formatLatency(result.latencyMs)}
      <br />
      <span className={result.ok ? 'muted' : 'reason'}>{result.reason}</span>
    </p>
  );
}
