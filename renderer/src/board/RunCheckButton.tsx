import { useMutation } from '@tanstack/react-query';
import type { EngineStatus } from '../../../shared/status.ts';
import { useCheckProgress } from '../check-progress.ts';
import { useStatus } from '../live.ts';
import { useTransport } from '../transport-context.tsx';

const selectBusy = (s: EngineStatus) => s.checkRunning;

/** "Run check now", and while a check runs, how many probes have answered. */
export function RunCheckButton() {
  const transport = useTransport();
  const engineBusy = useStatus(selectBusy).data ?? false;
  const checkId = useCheckProgress((s) => s.checkId);
  const total = useCheckProgress((s) => s.services.length);
  const done = useCheckProgress((s) => Object.keys(s.results).length);
  const run = useMutation({ mutationFn: () => transport.call('check.run') });
  const busy = run.isPending || engineBusy || checkId !== null;
  return (
    <div className="run-check">
      <button
        type="button"
        onClick={() => run.mutate()}
        disabled={busy}
        aria-busy={busy}
        data-testid="run-check"
      >
        {busy ? (total ? `Checking… ${done}/${total}` : 'Checking…') : 'Run check now'}
      </button>
      <progress
        max={Math.max(total, 1)}
        value={busy ? done : 0}
        aria-label="Probes answered"
        className={busy && total ? undefined : 'invisible'}
      />
      {run.isError ? (
        <span role="alert" className="error">
          Check failed: {run.error.message}
        </span>
      ) : null}
    </div>
  );
}
