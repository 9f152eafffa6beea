import type { ServiceStatus } from '../../../shared/status.ts';
import type { ProbeResult } from '../../../shared/probe.ts';
import { formatAgo, formatLatency } from '../../../shared/format.ts';
import { useNow } from '../use-now.ts';

const BREAKER_LABEL = { CLOSED: 'Closed', OPEN: 'Open', HALF_OPEN: 'Half-open' } as const;

export function ServiceCard({
  service,
  pending,
}: {
  service: ServiceStatus;
  pending: ProbeResult | 'waiting' | null;
}) {
  const now = useNow();
  const last = pending && pending !== 'waiting' ? pending : service.last;
  const health = last === null ? 'unknown' : last.ok ? 'ok' : 'fail';
  return (
    <article
      className={`service-card health-${health}`}
      data-testid={`service-${service.name}`}
      aria-label={service.name}
    >
      <header>
        <h2>{service.name}</h2>
        <span className={`badge breaker-${service.breaker.state}`} data-testid="breaker-state">
          {BREAKER_LABEL[service.breaker.state]}
        </span>
      </header>
      <dl>
        <dt>Kind</dt>
        <dd>
          {service.kind} · {service.criticality}
        </dd>
        <dt>Last check</dt>
        <dd data-testid="last-result">
          {pending === 'waiting'
            ? 'checking…'
            : last
              ? `${last.ok ? 'healthy' : last.outcome} · ${formatAgo(last.at, now)}`
              : 'not checked yet'}
        </dd>
        <dt>Latency</dt>
        <dd data-testid="latency">{formatLatency(last?.latencyMs)}</dd>
        {last && !last.ok ? (
          <>
            <dt>Reason</dt>
            <dd className="reason" data-testid="reason">
              {last.reason}
            </dd>
          </>
        ) : null}
        {service.breaker.nextTrialAt ? (
          <>
            <dt>Next trial</dt>
            <dd>{new Date(service.breaker.nextTrialAt).toLocaleTimeString()}</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}
