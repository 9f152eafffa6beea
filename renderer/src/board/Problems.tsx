import type { EngineStatus } from '../../../shared/status.ts';

/** Config files that could not be used and history that is not being saved: never hidden. */
export function Problems({ status }: { status: EngineStatus }) {
  if (status.problems.length === 0 && status.history.persistent) return null;
  return (
    <section className="problems" role="alert" data-testid="problems">
      {status.problems.map((p) => (
        <p key={p.file}>
          <strong>Configuration problem:</strong> {p.message}
          {p.keptAt
            ? ` — your file was kept as ${p.keptAt}; defaults are in use.`
            : ' — defaults are in use.'}
        </p>
      ))}
      {status.history.persistent ? null : (
        <p>
          <strong>History is not being saved:</strong>{' '}
          {status.history.message ?? 'the database could not be written'}
        </p>
      )}
    </section>
  );
}
