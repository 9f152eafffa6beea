import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../shared/errors.ts';

export const MIN_REASON_LENGTH = 3;

/**
 * A modal that asks why before a manual action. The native <dialog> in modal mode makes the rest
 * of the page inert (focus stays inside) and closes on Escape; the contract's error shows inline.
 */
export function ReasonDialog({
  title,
  description,
  confirmLabel,
  danger = false,
  onConfirm,
  onClose,
}: {
  title: string;
  description: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const reasonId = useId();
  const errorId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    // React removes the dialog before it is closed, so the browser cannot hand focus back itself.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON_LENGTH) {
      setError(`Say why (at least ${MIN_REASON_LENGTH} characters).`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="reason-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="reason-dialog"
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={titleId}>{title}</h2>
        <p id={descriptionId}>{description}</p>
        <label htmlFor={reasonId}>Reason (recorded in the audit log)</label>
        <textarea
          id={reasonId}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          autoFocus
          aria-required="true"
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          data-testid="reason-input"
        />
        {error ? (
          <p id={errorId} role="alert" className="error" data-testid="dialog-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={danger ? 'danger' : undefined}
            disabled={pending}
            data-testid="dialog-confirm"
          >
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
