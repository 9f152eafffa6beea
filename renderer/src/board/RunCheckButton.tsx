import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EngineStatus } from '../../../shared/status.ts';
import { useCheckProgress } from '../check-progress.ts';
import { STATUS_KEY, useStatus } from '../live.ts';
import { checkText } from '../toasts/change-text.ts';
import { toast, toastFailure } from '../toasts/toast-store.ts';
import { useTransport } from '../transport-context.tsx';

const selectBusy = (s: EngineStatus) => s.checkRunning;

/** "Run check now", and while a check runs, how many probes have answered. */
export function RunCheckButton() {
  const transport = useTransport();
  const engineBusy = useStatus(selectBusy).data ?? false;
  const checkId = useCheckProgress((s) => s.checkId);
  const total = useCheckProgress((s) => s.services.length);
  const done = useCheckProgress((s) => Object.keys(s.results).length);
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: async () => {
      const before = client.getQueryData<EngineStatus>(STATUS_KEY)?.level;
      const view = await transport.call('check.run');
      // The run's own results, and the level they left: the status as it is now.
      const after = await transport.call('status.get');
      client.setQueryData(STATUS_KEY, after);
      const text = checkText(view.results, before, after);
      toast(text.tone, text.title, text.detail);
    },
    onError: (error) => toastFailure('The check', error),
  });
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
    </div>
  );
}
