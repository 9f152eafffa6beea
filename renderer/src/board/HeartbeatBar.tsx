import { heartbeatLabel } from '../../../shared/service-state.ts';
import { useCall } from '../app/queries.ts';

const CHECKS = 30;

/** The last 30 stored results of a service as ticks, oldest left; refetched when a new result arrives (`lastAt`). */
export function HeartbeatBar({ service, lastAt }: { service: string; lastAt: number | null }) {
  // `lastAt` in the input keys the query: a new result for this service, and only this one, refetches it.
  const recent = useCall(
    'history.recentResults',
    { service, limit: CHECKS },
    { placeholderPrevious: true, extraKey: lastAt },
  );
  const results = [...(recent.data ?? [])].reverse();
  if (results.length === 0) return null;
  return (
    <span
      className="heartbeat-bar"
      role="img"
      aria-label={heartbeatLabel(results)}
      data-testid="heartbeat-bar"
    >
      {results.map((r) => (
        <span
          key={r.id}
          className={`tick ${r.ok ? (r.slow ? 'tick-slow' : 'tick-ok') : 'tick-fail'}`}
          title={`${new Date(r.at).toLocaleString()}: ${r.ok ? 'ok' : r.outcome}`}
        />
      ))}
    </span>
  );
}
