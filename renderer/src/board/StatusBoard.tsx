import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';
import { routeHref } from '../app/routes.ts';
import { FirstRun } from './FirstRun.tsx';
import { LevelBanner } from './LevelBanner.tsx';
import { CheckTimes } from './CheckTimes.tsx';
import { BotSignals } from './BotSignals.tsx';
import { Problems } from './Problems.tsx';
import { RepeatingNotice } from './RepeatingNotice.tsx';
import { RunCheckButton } from './RunCheckButton.tsx';
import { ServiceCard } from './ServiceCard.tsx';
import { worstFirst } from '../../../shared/service-state.ts';

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
// Worst first; the same order again is the same array, so no card re-renders for it.
const selectServiceNames = (s: EngineStatus) => worstFirst(s.services);

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
  // Nothing watched and nothing raised: a guide, not a green NORMAL promise. Any raised level still shows.
  const nothingWatched = names.data?.length === 0 && banner.data.level === 'NORMAL' && !banner.data.override;
  return (
    <div className="screen board" data-testid="screen-board">
      {nothingWatched ? <FirstRun /> : <LevelBanner status={banner.data} />}
      <Problems />
      <RepeatingNotice />
      <BotSignals />
      <div className="toolbar">
        <RunCheckButton />
        <CheckTimes />
      </div>
      {names.data?.length === 0 ? (
        nothingWatched ? null : (
          <p className="empty">
            No services are configured yet. Add them on the{' '}
            <a href={routeHref('services')}>Services screen</a>.
          </p>
        )
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
