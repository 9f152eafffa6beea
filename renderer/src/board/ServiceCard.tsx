import { memo, useCallback } from 'react';
import type { EngineStatus } from '../../../shared/status.ts';
import { formatAgo, formatClock, formatLatency, LEVEL_GLYPH } from '../../../shared/format.ts';
import { formatSignalCause } from '../../../shared/cause-text.ts';
import { serviceState } from '../../../shared/service-state.ts';
import { useCheckProgress } from '../check-progress.ts';
import { useStatus } from '../live.ts';
import { Countdown } from '../ui/Countdown.tsx';
import { useNow } from '../use-now.ts';
import { HeartbeatBar } from './HeartbeatBar.tsx';
import { SnoozeBadge } from './SnoozeBadge.tsx';

export const BREAKER_LABEL = { CLOSED: 'Closed', OPEN: 'Open', HALF_OPEN: 'Half-open' } as const;
const TONE_GLYPH = {
  ok: '●',
  slow: '◔',
  failing: '▲',
  stopped: '■',
  maintenance: '🛠',
  unknown: '○',
} as const;

/** One service: its state in words, last result and last 30 checks; re-renders only when it changes. */
export const ServiceCard = memo(function ServiceCard({ name }: { name: string }) {
  const now = useNow();
  const select = useCallback((s: EngineStatus) => s.services.find((x) => x.name === name), [name]);
  const service = useStatus(select).data;
  // Every signal of this service that pulls the level up now; the one at the level holds it.
  const selectCauses = useCallback(
    (s: EngineStatus) =>
      s.causes
        .filter((c) => c.service === name)
        .map((c) => ({ holds: c.level === s.level, level: c.level, cause: { ...c, service: undefined } })),
    [name],
  );
  const causes = useStatus(selectCauses).data ?? [];
  const levelCause = causes.find((c) => c.holds) ?? null;
  const otherCauses = causes.filter((c) => !c.holds);
  const pending = useCheckProgress((s) =>
    s.checkId !== null && s.services.includes(name) ? (s.results[name] ?? 'waiting') : null,
  );
  if (!service) return null;
  const last = pending && pending !== 'waiting' ? pending : service.last;
  const health =
    last === null ? 'unknown' : !last.ok ? 'fail' : levelCause ? 'cause' : last.slow ? 'slow' : 'ok';
  const state = service.breaker.state;
  const words = serviceState(service, last, now);
  return (
    <article className={`service-card health-${health}`} data-testid={`service-${name}`} aria-label={name}>
      <header>
        <h2>{name}</h2>
        <SnoozeBadge service={name} />
        <span className={`badge state-${words.tone}`} data-testid="service-state">
          <span aria-hidden="true">{TONE_GLYPH[words.tone]} </span>
          {words.words}
        </span>
      </header>
      {service.maintenanceUntil !== null ? (
        <p className="card-flag maintenance" data-testid="maintenance-flag">
          Checked and recorded, but moves no level until {formatClock(service.maintenanceUntil, now)}
        </p>
      ) : null}
      {levelCause ? (
        <p className={`card-flag level-${levelCause.level}`} data-testid="level-cause-flag">
          <span aria-hidden="true">{LEVEL_GLYPH[levelCause.level]} </span>
          Cause of the {levelCause.level} level: {formatSignalCause(levelCause.cause, 'level')}
        </p>
      ) : null}
      {otherCauses.map((c) => (
        <p key={c.cause.signal} className={`card-flag level-${c.level}`} data-testid="cause-flag">
          <span aria-hidden="true">{LEVEL_GLYPH[c.level]} </span>
          Calls for {c.level}: {formatSignalCause(c.cause, 'level')}
        </p>
      ))}
      {!levelCause && last?.ok && last.slow ? (
        <p className="card-flag slow" data-testid="slow-flag">
          <span aria-hidden="true">◔ </span>
          Slow: answered, but slower than its slow threshold
        </p>
      ) : null}
      <dl>
        <dt>Kind</dt>
        <dd>
          {service.kind} · <span className={`criticality-${service.criticality}`}>{service.criticality}</span>
        </dd>
        <dt>Last check</dt>
        <dd data-testid="last-result">
          {pending === 'waiting'
            ? 'checking…'
            : last
              ? `${last.ok ? (last.slow ? 'healthy (slow)' : 'healthy') : last.outcome} · ${formatAgo(last.at, now)}`
              : 'not checked yet'}
        </dd>
        {service.failures > 0 ? (
          <>
            <dt>Failed in a row</dt>
            <dd data-testid="probe-failures">
              {service.failures} of {service.confirmFailures} that mean down
            </dd>
          </>
        ) : null}
        <dt>Breaker</dt>
        <dd data-testid="breaker-state">{BREAKER_LABEL[state]}</dd>
        <dt>Latency</dt>
        <dd data-testid="latency">{formatLatency(last?.latencyMs)}</dd>
        <dt>Last 30</dt>
        <dd className="latency-row">
          <HeartbeatBar service={name} lastAt={service.last?.at ?? null} />
        </dd>
        {last && !last.ok ? (
          <>
            <dt>Reason</dt>
            <dd className="reason" data-testid="reason">
              {last.reason}
            </dd>
          </>
        ) : null}
        {service.breaker.nextTrialAt !== null && state !== 'CLOSED' ? (
          <>
            <dt>Next trial</dt>
            <dd data-testid="next-trial">
              {formatClock(service.breaker.nextTrialAt, now)} (
              <Countdown at={service.breaker.nextTrialAt} />)
            </dd>
          </>
        ) : null}
      </dl>
    </article>
  );
});
