import { ActionButton } from './ActionButton.tsx';
import { useBreakerActions } from './manual-actions.ts';

export function BreakerControls({ service }: { service: string }) {
  const actions = useBreakerActions(service);
  return (
    <span className="button-row">
      <ActionButton action={actions.isolate} testId={`isolate-${service}`} className="secondary">
        Isolate…
      </ActionButton>
      <ActionButton action={actions.reset} testId={`reset-${service}`} className="secondary">
        Reset…
      </ActionButton>
    </span>
  );
}
