import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';
import { LevelBanner } from './LevelBanner.tsx';
import { CheckTimes } from './CheckTimes.tsx';
import { BotSignals } from './BotSignals.tsx';
import { Problems } from './Problems.tsx';
import { RepeatingNotice } from './RepeatingNotice.tsx';
import { RunCheckButton } from './RunCheckButton.tsx';
import { ServiceCard } from './ServiceCard.tsx';

const selectBanner = (s: EngineStatus) => ({
  level: s.level,
  levelSince: s.levelSince,
  cause: s.cause,
  causes: s.causes,
  confirm: s.confirm,
  desiredLevel: s.desiredLevel,
  override: s.override,
  awaitingConfirmation: s.awaitingConfirmation,
  nextStepDownAt: s.nextStepDownAt,
});
const selectServiceNames = (s: EngineStatus) => s.services.map((service) => service.name);

export function StatusBoard() {
  const banner = useStatus(selectBanner);
  const names = useStatus(selectServiceNames);
  if (banner.isPending) return <p className="loading">Loading status…</p>;
  if (banner.isError) {
    return (
      <p role="alert" className="error">
        Could not load the status: {banner.error.message}
      </p>
    );
  }
  return (
    <div className="screen board" data-testid="screen-board">
      <LevelBanner status={banner.data} />
      <Problems />
      <RepeatingNotice />
      <BotSignals />
      <div className="toolbar">
        <RunCheckButton />
        <CheckTimes />
      </div>
      {names.data?.length === 0 ? (
        <p className="empty">No services are configured yet. Add them on the Services screen.</p>
      ) : (
        <div className="services">
          {names.data?.map((name) => (
            <ServiceCard key={name} name={name} />
          ))}
        </div>
      )}
    </div>
  );
}
