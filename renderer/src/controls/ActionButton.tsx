import { useState, type ReactNode } from 'react';
import { ReasonDialog } from '../ui/ReasonDialog.tsx';
import type { ManualAction } from './manual-actions.ts';

export function ActionButton({
  action,
  disabled = false,
  testId,
  className,
  children,
}: {
  action: ManualAction;
  disabled?: boolean;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className ?? (action.danger ? 'danger' : undefined)}
        disabled={disabled}
        onClick={() => setOpen(true)}
        data-testid={testId}
      >
        {children}
      </button>
      {open ? (
        <ReasonDialog
          title={action.title}
          description={action.description}
          confirmLabel={action.confirmLabel}
          danger={action.danger}
          onConfirm={action.run}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
