import { useState } from 'react';
import { useNow } from '../use-now.ts';
import { AuditLog } from './AuditLog.tsx';
import { CheckpointTable } from './CheckpointTable.tsx';
import { HISTORY_RANGES, rangeEndingNow, type HistoryRangeId } from './history-range.ts';
import { LevelTimelineChart } from './LevelTimelineChart.tsx';
import { ServiceSeriesChart } from './ServiceSeriesChart.tsx';

export function HistoryScreen() {
  const [rangeId, setRangeId] = useState<HistoryRangeId>('24h');
  const now = useNow(60_000);
  const range = rangeEndingNow(rangeId, now);
  return (
    <div className="screen" data-testid="screen-history">
      <h1>History</h1>
      <div className="toolbar" role="group" aria-label="Time range">
        {HISTORY_RANGES.map((r) => (
          <button
            key={r.id}
            type="button"
            className="secondary"
            aria-pressed={r.id === rangeId}
            onClick={() => setRangeId(r.id)}
            data-testid={`range-${r.id}`}
          >
            {r.label}
          </button>
        ))}
      </div>
      <LevelTimelineChart from={range.from} to={range.to} />
      <ServiceSeriesChart from={range.from} to={range.to} bucket={range.bucket} />
      <CheckpointTable from={range.from} to={range.to} />
      <AuditLog />
    </div>
  );
}
