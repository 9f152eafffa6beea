import { useMutation } from '@tanstack/react-query';
import { useCheckProgress } from '../check-progress.ts';
import { useTransport } from '../transport-context.tsx';

export function RunCheckButton({ engineBusy }: { engineBusy: boolean }) {
  const transport = useTransport();
  const progress = useCheckProgress();
  const run = useMutation({ mutationFn: () => transport.call('check.run') });
  const busy = run.isPending || engineBusy || progress.checkId !== null;
  const done = Object.keys(progress.results).length;
  return (
    <div className="run-check">
      <button
        type="button"
        onClick={() => run.mutate()}
        disabled={busy}
        aria-busy={busy}
        data-testid="run-check"
      >
        {busy
          ? progress.services.length
            ? `Checking… ${done}/${progress.services.length}`
            : 'Checking…'
          : 'Run check now'}
      </button>
      {run.isError ? (
        <span role="alert" className="error">
          Check failed: {run.error.message}
        </span>
      ) : null}
    </div>
  );
}
