import { useState } from 'react';
import { AUDIT_KINDS, type AuditKind, type AuditRow } from '../../../shared/history.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useCall } from '../app/queries.ts';
import { useStatus } from '../live.ts';
import { useTransport } from '../transport-context.tsx';
import { downloadText } from '../ui/download.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { formatSignalCause } from '../../../shared/cause-text.ts';
import { formatDateTime } from '../ui/time.ts';
import { Checkbox } from '../ui/Checkbox.tsx';
import { errorMessage } from '../../../shared/errors.ts';

const PAGE = 25;
const selectNames = (s: EngineStatus) => s.services.map((x) => x.name);

function what(row: AuditRow): string {
  if (row.kind === 'level') return `level ${row.from} → ${row.to}`;
  if (row.kind === 'breaker') return `${row.service} breaker ${row.from} → ${row.to}`;
  return row.action.replaceAll('_', ' ');
}

/** Every level change, breaker change and manual action, newest first, with filters and CSV export. */
export function AuditLog() {
  const transport = useTransport();
  const names = useStatus(selectNames).data ?? [];
  const [kinds, setKinds] = useState<AuditKind[]>([...AUDIT_KINDS]);
  const [service, setService] = useState('');
  const [offset, setOffset] = useState(0);
  const [exportError, setExportError] = useState<string | null>(null);
  const page = useCall(
    'history.audit',
    { kinds: kinds.length ? kinds : undefined, service: service || undefined, limit: PAGE, offset },
    { placeholderPrevious: true },
  );
  const toggle = (kind: AuditKind, on: boolean) => {
    setOffset(0);
    setKinds(on ? [...kinds, kind] : kinds.filter((k) => k !== kind));
  };
  const exportCsv = async () => {
    setExportError(null);
    try {
      const file = await transport.call('history.export', {
        what: 'audit',
        format: 'csv',
        from: 0,
        to: Date.now() + 60_000,
      });
      downloadText(file.fileName, file.mime, file.content);
    } catch (e) {
      setExportError(errorMessage(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="audit-title" data-testid="audit-log">
      <h2 id="audit-title">Audit log</h2>
      <div className="toolbar">
        <fieldset className="inline-fieldset">
          <legend>Show</legend>
          {AUDIT_KINDS.map((kind) => (
            <Checkbox
              key={kind}
              checked={kinds.includes(kind)}
              onChange={(checked) => toggle(kind, checked)}
              testId={`audit-kind-${kind}`}
            >
              {kind === 'manual' ? 'manual actions' : `${kind} changes`}
            </Checkbox>
          ))}
        </fieldset>
        <label>
          Service{' '}
          <select
            value={service}
            onChange={(e) => {
              setOffset(0);
              setService(e.target.value);
            }}
            data-testid="audit-service"
          >
            <option value="">all</option>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          onClick={() => void exportCsv()}
          data-testid="audit-export"
        >
          Export CSV
        </button>
        {exportError ? (
          <span role="alert" className="error">
            Export failed: {exportError}
          </span>
        ) : null}
      </div>
      <QueryView query={page} what="the audit log">
        {(data) => (
          <>
            {data.rows.length === 0 ? (
              <p className="empty">No audit events match.</p>
            ) : (
              <table className="table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">What</th>
                    <th scope="col">Reason or cause</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.id} data-testid="audit-row">
                      <td>{formatDateTime(row.at)}</td>
                      <td>{what(row)}</td>
                      <td>
                        {row.reason ??
                          ('cause' in row
                            ? formatSignalCause(row.cause, row.kind === 'breaker' ? 'breaker' : 'level')
                            : '')}
                      </td>
                      <td>{row.actor ?? 'engine'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="toolbar">
              <button
                type="button"
                className="secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                Newer
              </button>
              <span className="muted" data-testid="audit-count">
                {data.total === 0 ? '0' : `${offset + 1}–${offset + data.rows.length}`} of {data.total}
              </span>
              <button
                type="button"
                className="secondary"
                disabled={offset + PAGE >= data.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Older
              </button>
            </div>
          </>
        )}
      </QueryView>
    </section>
  );
}
