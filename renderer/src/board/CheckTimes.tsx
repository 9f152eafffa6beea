import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';
import { Countdown } from '../ui/Countdown.tsx';
import { formatExchangeTime } from '../ui/exchange-time.ts';
import { formatDateTime } from '../ui/time.ts';

const selectChecks = (s: EngineStatus) => ({
  lastCheck: s.lastCheck ? { startedAt: s.lastCheck.startedAt, checkpoint: s.lastCheck.checkpoint } : null,
  nextCheck: s.nextCheck,
  lastMissed: s.lastMissed,
});

/** The last check, the next scheduled one with a countdown, and a missed market check if any. */
export function CheckTimes() {
  const { data } = useStatus(selectChecks);
  if (!data) return null;
  return (
    <dl className="check-times" data-testid="check-times">
      <div>
        <dt>Last check</dt>
        <dd data-testid="last-check">
          {data.lastCheck
            ? `${formatDateTime(data.lastCheck.startedAt)}${data.lastCheck.checkpoint ? ` (${data.lastCheck.checkpoint})` : ''}`
            : 'none yet'}
        </dd>
      </div>
      <div>
        <dt>Next scheduled</dt>
        <dd data-testid="next-check">
          {data.nextCheck ? (
            <>
              {data.nextCheck.name} at {formatExchangeTime(data.nextCheck.dueAt, data.nextCheck.exchange)} (
              <Countdown at={data.nextCheck.dueAt} />)
            </>
          ) : (
            'nothing scheduled'
          )}
        </dd>
      </div>
      {data.lastMissed?.alert ? (
        <div className="error" role="alert">
          <dt>Missed</dt>
          <dd>
            {data.lastMissed.name} due {formatExchangeTime(data.lastMissed.dueAt, data.lastMissed.exchange)}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
