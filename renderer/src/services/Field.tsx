import { useId, type ReactNode } from 'react';
import { ErrorNote } from '../ui/ErrorNote.tsx';

/** One labelled input of the editor; its error (once shown) or else its hint sits under it. */
export function Field({
  label,
  error,
  hint,
  testId,
  wide = false,
  onBlur,
  children,
}: {
  label: string;
  error: string | undefined;
  /** Shown under the input while it has no error ("= 2 s", what the field does). */
  hint?: string;
  testId?: string;
  wide?: boolean;
  /** Leaving the field (or any input inside it): from then on its errors show. */
  onBlur?: () => void;
  children: (id: string, noteId: string) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div
      className={`field${error ? ' invalid' : ''}${wide ? ' wide' : ''}`}
      data-testid={testId}
      onBlur={onBlur}
    >
      <label htmlFor={id}>{label}</label>
      {children(id, noteId)}
      {error ? (
        <ErrorNote id={noteId} message={error} />
      ) : hint ? (
        <span id={noteId} className="muted small field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
