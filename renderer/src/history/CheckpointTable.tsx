import type { CheckpointRow } from '../../../shared/history.ts';
import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { formatDateTime } from '../ui/time.ts';

const SHOWN = 20;

function healthText(row: CheckpointRow): string {
  if (row.reason === 'missed') return '✕ missed';
  if (row.allHealthy === null) return '? never finished';
  return row.allHealthy ? '✓ all healthy' : '✕ failures';
}

/** The market open and close checks of the range, newest first. */
export function CheckpointTable({ from, to }: { from: number; to: number }) {
  const rows = useCall('history.checkpoints', { from, to }, { placeholderPrevious: true });
  return (
    <section className="panel" aria-labelledby="checkpoints-title">
      <h2 id="checkpoints-title">Market open and close checks</h2>
      <QueryView query={rows} what="the checkpoints">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No market open or close checks in this range.</p>
          ) : (
            <>
              <table className="table" data-testid="checkpoints">
                <thead>
                  <tr>
                    <th scope="col">Due</th>
                    <th scope="col">Checkpoint</th>
                    <th scope="col">All healthy?</th>
                    <th scope="col">Failed services</th>
                  </tr>
                </thead>
                <tbody>
                  {[...list]
                    .reverse()
                    .slice(0, SHOWN)
                    .map((row) => (
                      <tr key={`${row.checkId}-${row.at}`}>
                        <td>{formatDateTime(row.at)}</td>
                        <td>
                          {row.checkpoint === 'market_open'
                            ? 'market open'
                            : row.checkpoint === 'market_close'
                              ? 'market close'
                              : row.checkpoint}
                        </td>
                        <td className={row.allHealthy ? undefined : 'error'}>{healthText(row)}</td>
                        <td>{row.failedServices.join(', ') || '—'}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
              {list.length > SHOWN ? (
                <p className="muted small">
                  The newest {SHOWN} of {list.length}; export the results for all of them.
                </p>
              ) : null}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
