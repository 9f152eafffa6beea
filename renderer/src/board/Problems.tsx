import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';

const selectProblems = (s: EngineStatus) => ({ problems: s.problems, history: s.history });

/** Config files that could not be used and history that is not being saved: never hidden. */
export function Problems() {
  const { data } = useStatus(selectProblems);
  if (!data || (data.problems.length === 0 && data.history.persistent)) return null;
  return (
    <section className="problems" role="alert" data-testid="problems">
      {data.problems.map((p) =>
        p.area === 'notifications' ? (
          <p key={p.issues[0]?.path ?? p.message} data-testid="problem-notifications">
            <strong>Notifications are not getting through:</strong> {p.message}. See{' '}
            <a href="#/notifications">Notifications</a>.
          </p>
        ) : (
          <p key={p.file}>
            <strong>Configuration problem:</strong> {p.message}
            {p.keptAt
              ? ` — your file was kept as ${p.keptAt}; defaults are in use.`
              : ' — defaults are in use.'}
          </p>
        ),
      )}
      {data.history.persistent ? null : (
        <p>
          <strong>History is not being saved:</strong>{' '}
          {data.history.message ?? 'the database could not be written'}
        </p>
      )}
    </section>
  );
}
