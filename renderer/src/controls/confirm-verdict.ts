import { useEffect, useState } from 'react';
import { confirmVerdict, type ConfirmState, type ConfirmVerdict } from '../../../shared/confirm-rule.ts';
import { useNow } from '../use-now.ts';

/**
 * Whether leaving HALT can be confirmed now, by the rule `level.confirm` applies (shared), re-read
 * every second and at the very moment it would change by time alone: the button enables in the
 * second the engine would accept, without waiting for an event or a reload.
 */
export function useConfirmVerdict(state: ConfirmState | undefined): ConfirmVerdict | null {
  const ticked = useNow(1000);
  const [woke, setWoke] = useState(0);
  const verdict = state ? confirmVerdict(state, Math.max(ticked, woke)) : null;
  const at = verdict && !verdict.ok ? verdict.at : null;
  useEffect(() => {
    if (at === null) return;
    const timer = setTimeout(() => setWoke(Date.now()), Math.max(0, at - Date.now()) + 1);
    return () => clearTimeout(timer);
  }, [at]);
  return verdict;
}
