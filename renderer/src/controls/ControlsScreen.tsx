import { LEVEL_GLYPH } from '../../../shared/format.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { BREAKER_LABEL } from '../board/ServiceCard.tsx';
import { useStatus } from '../live.ts';
import { ActionButton } from './ActionButton.tsx';
import { BreakerControls, TAKE_OFFLINE_HINT } from './BreakerControls.tsx';
import { useConfirmVerdict } from './confirm-verdict.ts';
import { useLevelActions, useResetAllBreakers } from './manual-actions.ts';
import { Countdown } from '../ui/Countdown.tsx';

const selectControls = (s: EngineStatus) => ({
  level: s.level,
  override: s.override,
  confirm: s.confirm,
  services: s.services.map((x) => ({ name: x.name, state: x.breaker.state })),
});

/** The operator's levers: override, recovery, confirming HALT, kill, and each breaker. */
export function ControlsScreen() {
  const status = useStatus(selectControls);
  const actions = useLevelActions();
  const resetAll = useResetAllBreakers();
  const verdict = useConfirmVerdict(status.data?.confirm);
  if (status.isPending) return <p className="loading">Loading status…</p>;
  if (status.isError)
    return (
      <p role="alert" className="error">
        Could not load the status: {status.error.message}
      </p>
    );
  const { level, override, services } = status.data;
  const overrideOn = override?.enabled === true;
  return (
    <div className="screen" data-testid="screen-controls">
      <h1>Controls</h1>
      <p>
        Current level:{' '}
        <strong className={`level-chip level-${level}`} data-testid="controls-level">
          <span aria-hidden="true">{LEVEL_GLYPH[level]} </span>
          {level}
        </strong>
        {overrideOn ? (
          <span data-testid="controls-override">
            {' '}
            · manual override on ({override?.actor}: “{override?.reason}”)
          </span>
        ) : null}
      </p>
      <div className="control-grid">
        <section className="panel">
          <h2>Manual override</h2>
          <p className="muted">Holds trading disabled whatever the signals say.</p>
          {overrideOn ? (
            <ActionButton action={actions.overrideOff} testId="override-off">
              Turn override off…
            </ActionButton>
          ) : (
            <ActionButton action={actions.overrideOn} testId="override-on">
              Turn override on…
            </ActionButton>
          )}
        </section>
        <section className="panel">
          <h2>Force recovery</h2>
          <p className="muted">Back to NORMAL now, without the cooldowns.</p>
          <ActionButton action={actions.recover} testId="force-recover" disabled={level === 'NORMAL'}>
            Force recovery…
          </ActionButton>
        </section>
        <section className="panel">
          <h2>Leave HALT</h2>
          <p className="muted" data-testid="confirm-why">
            {verdict?.ok ? (
              "HALT's cooldown is over: confirm to step down."
            ) : (
              <>
                Not now: {verdict?.reason ?? 'loading'}
                {verdict?.at ? (
                  <>
                    {' '}
                    (<Countdown at={verdict.at} />)
                  </>
                ) : null}
                .
              </>
            )}
          </p>
          <ActionButton action={actions.confirm} testId="confirm-halt" disabled={!verdict?.ok}>
            Confirm leaving HALT…
          </ActionButton>
        </section>
        <section className="panel">
          <h2>Kill switch</h2>
          <p className="muted">SHUTDOWN: nothing but cancels until an operator recovers.</p>
          <ActionButton action={actions.kill} testId="kill" disabled={level === 'SHUTDOWN'}>
            Shut down trading…
          </ActionButton>
        </section>
      </div>
      <h2>Service breakers</h2>
      <p className="muted" data-testid="take-offline-hint">
        {TAKE_OFFLINE_HINT}
      </p>
      {services.length > 0 ? (
        <p className="button-row">
          <ActionButton action={resetAll} testId="reset-all-breakers" className="secondary">
            Reset all breakers…
          </ActionButton>
        </p>
      ) : null}
      {services.length === 0 ? (
        <p className="empty">No services are configured.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Breaker</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.name} data-testid={`breaker-row-${s.name}`}>
                <td>{s.name}</td>
                <td>{BREAKER_LABEL[s.state]}</td>
                <td>
                  <BreakerControls service={s.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
