import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** The loading and error states every query shows before its data. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending)
    return (
      <p className="loading" role="status">
        Loading {what}…
      </p>
    );
  if (query.isError)
    return (
      <div role="alert" className="error query-error">
        Could not load {what}: {query.error.message}{' '}
        <button type="button" className="secondary" onClick={() => void query.refetch()}>
          Retry
        </button>
      </div>
    );
  return <>{children(query.data)}</>;
}
