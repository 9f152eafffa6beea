import { useState } from 'react';
import type { ThresholdReplay } from '../../../shared/contract/settings.ts';
import { LEVEL_GLYPH } from '../../../shared/format.ts';
import { LEVELS } from '../../../shared/levels.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';
import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { formatDuration } from '../../../shared/format.ts';
import { formatDateTime } from '../ui/time.ts';

const DAYS = [7, 30] as const;

/** "What would these thresholds have done?" over recorded history, beside the thresholds in force. */
export function ReplayPanel({ draft, valid }: { draft: Thresholds; valid: boolean }) {
  const [days, setDays] = useState<(typeof DAYS)[number]>(7);
  const [requested, setRequested] = useState<Thresholds | null>(null);
  const replay = useCall(
    'thresholds.replay',
    { thresholds: requested ?? draft, days },
    { enabled: requested !== null, placeholderPrevious: true },
  );
  const stale = requested !== null && JSON.stringify(requested) !== JSON.stringify(draft);
  return (
    <section className="panel" aria-labelledby="replay-title" data-testid="replay">
      <h2 id="replay-title">Replay before saving</h2>
      <div className="toolbar">
        <label>
          Over the last{' '}
          <select
            value={days}
            onChange={(e) => setDays(Number(e.target.value) as (typeof DAYS)[number])}
            data-testid="replay-days"
          >
            {DAYS.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!valid} onClick={() => setRequested(draft)} data-testid="replay-run">
          {requested === null ? 'Replay the edited thresholds' : 'Replay again'}
        </button>
        {stale ? <span className="muted">The thresholds changed since this replay.</span> : null}
      </div>
      {requested === null ? (
        <p className="muted">
          Runs the recorded signals through the edited thresholds and the ones in force, and compares.
        </p>
      ) : (
        <QueryView query={replay} what="the replay">
          {(result) => <ReplayTable result={result} />}
        </QueryView>
      )}
    </section>
  );
}

function ReplayTable({ result }: { result: ThresholdReplay }) {
  return (
    <>
      <p className="muted small" data-testid="replay-range">
        {result.signals} recorded signals from {formatDateTime(result.from)} to {formatDateTime(result.to)}
      </p>
      <table className="table replay-table" data-testid="replay-table">
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Escalations (in force)</th>
            <th scope="col">Escalations (edited)</th>
            <th scope="col">Time in level (in force)</th>
            <th scope="col">Time in level (edited)</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((level) => {
            const before = result.current.escalations[level];
            const after = result.proposed.escalations[level];
            return (
              <tr key={level} data-testid={`replay-${level}`}>
                <th scope="row">
                  <span aria-hidden="true">{LEVEL_GLYPH[level]} </span>
                  {level}
                </th>
                <td data-testid="current-escalations">{before}</td>
                <td data-testid="proposed-escalations">
                  {after}
                  {after !== before ? <Delta value={after - before} /> : null}
                </td>
                <td>{formatDuration(result.current.timeInLevelMs[level])}</td>
                <td>{formatDuration(result.proposed.timeInLevelMs[level])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Delta({ value }: { value: number }) {
  return (
    <span className={value > 0 ? 'delta up' : 'delta down'}>
      {' '}
      ({value > 0 ? '▲ +' : '▼ '}
      {value})
    </span>
  );
}
