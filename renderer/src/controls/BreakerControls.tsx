import { ActionButton } from './ActionButton.tsx';
import { useBreakerActions } from './manual-actions.ts';

/** What "Take offline" means, shown once above the breakers. */
export const TAKE_OFFLINE_HINT =
  'Take offline forces a breaker open: the service counts as down and moves the level. For planned work, give the service a maintenance window instead.';

export function BreakerControls({ service }: { service: string }) {
  const actions = useBreakerActions(service);
  return (
    <span className="button-row">
      <ActionButton action={actions.isolate} testId={`isolate-${service}`} className="secondary">
        Take offline (counts as down)…
      </ActionButton>
      <ActionButton action={actions.reset} testId={`reset-${service}`} className="secondary">
        Reset…
      </ActionButton>
    </span>
  );
}
