import type { AdhocEntry } from '../../../shared/schedule.ts';
import { ErrorNote } from '../ui/ErrorNote.tsx';

/** The user's own closures and early closes, on top of the exchange's rules. */
export function AdhocEditor({
  entries,
  errors,
  onChange,
}: {
  entries: AdhocEntry[];
  errors: Map<string, string>;
  onChange: (next: AdhocEntry[]) => void;
}) {
  const replace = (i: number, next: AdhocEntry) => onChange(entries.map((e, j) => (j === i ? next : e)));
  return (
    <div className="adhoc">
      <h3>Unscheduled closures and early closes</h3>
      {entries.length === 0 ? <p className="muted">None added.</p> : null}
      {entries.map((entry, i) => {
        const at = (field: string) => errors.get(`adhoc[${i}].${field}`);
        return (
          <div className="adhoc-row" key={i} data-testid={`adhoc-${i}`}>
            <label>
              Date{' '}
              <input
                type="date"
                value={entry.date}
                onChange={(e) => replace(i, { ...entry, date: e.target.value })}
                aria-invalid={at('date') !== undefined}
              />
              <ErrorNote message={at('date')} />
            </label>
            <label>
              Name{' '}
              <input
                value={entry.name}
                onChange={(e) => replace(i, { ...entry, name: e.target.value })}
                aria-invalid={at('name') !== undefined}
              />
              <ErrorNote message={at('name')} />
            </label>
            <label>
              Type{' '}
              <select
                value={entry.type}
                onChange={(e) =>
                  replace(
                    i,
                    e.target.value === 'closed'
                      ? { date: entry.date, name: entry.name, type: 'closed' }
                      : { date: entry.date, name: entry.name, type: 'early_close', close: '13:00' },
                  )
                }
              >
                <option value="closed">closed</option>
                <option value="early_close">early close</option>
              </select>
            </label>
            {entry.type === 'early_close' ? (
              <label>
                Close{' '}
                <input
                  type="time"
                  value={entry.close}
                  onChange={(e) => replace(i, { ...entry, close: e.target.value })}
                  aria-invalid={at('close') !== undefined}
                />
                <ErrorNote message={at('close')} />
              </label>
            ) : null}
            <button
              type="button"
              className="secondary icon"
              onClick={() => onChange(entries.filter((_, j) => j !== i))}
              aria-label={`Remove ${entry.name || 'closure'}`}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...entries, { date: '', name: '', type: 'closed' }])}
        data-testid="add-adhoc"
      >
        Add a closure
      </button>
    </div>
  );
}
