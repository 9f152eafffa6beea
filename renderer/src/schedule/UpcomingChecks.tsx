import { useCall } from '../app/queries.ts';
import { Countdown } from '../ui/Countdown.tsx';
import { QueryView } from '../ui/QueryView.tsx';
import { formatExchangeTime } from '../ui/exchange-time.ts';

export function UpcomingChecks() {
  const upcoming = useCall('schedule.upcoming', { limit: 8 });
  return (
    <section className="panel" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">Next checks</h2>
      <QueryView query={upcoming} what="the next checks">
        {(checks) =>
          checks.length === 0 ? (
            <p className="empty">Nothing is scheduled.</p>
          ) : (
            <ol className="upcoming" data-testid="upcoming">
              {checks.map((c) => (
                <li key={`${c.name}-${c.dueAt}`}>
                  <strong>{c.name}</strong> <span className="muted">({c.checkpoint})</span>
                  <br />
                  {formatExchangeTime(c.dueAt, c.exchange)} · <Countdown at={c.dueAt} />
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
    </section>
  );
}
