import { useCheckProgress } from '../check-progress.ts';
import { useStatus } from '../live.ts';
import { LevelBanner } from './LevelBanner.tsx';
import { Problems } from './Problems.tsx';
import { RunCheckButton } from './RunCheckButton.tsx';
import { ServiceCard } from './ServiceCard.tsx';

export function StatusBoard() {
  const status = useStatus();
  const progress = useCheckProgress();
  if (status.isPending) return <p className="loading">Loading status…</p>;
  if (status.isError) {
    return (
      <p role="alert" className="error">
        Could not load the status: {status.error.message}
      </p>
    );
  }
  const data = status.data;
  return (
    <main className="board">
      <LevelBanner status={data} />
      <Problems status={data} />
      <div className="toolbar">
        <RunCheckButton engineBusy={data.checkRunning} />
        {data.lastCheck ? (
          <span className="muted">Last check: {new Date(data.lastCheck.startedAt).toLocaleString()}</span>
        ) : null}
      </div>
      {data.services.length === 0 ? (
        <p className="empty">
          No services are configured yet. Add them to the services file (see the README).
        </p>
      ) : (
        <div className="services">
          {data.services.map((service) => (
            <ServiceCard
              key={service.name}
              service={service}
              pending={
                progress.checkId === null || !progress.services.includes(service.name)
                  ? null
                  : (progress.results[service.name] ?? 'waiting')
              }
            />
          ))}
        </div>
      )}
    </main>
  );
}
