import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesBucket, SeriesPoint } from '../../../shared/history.ts';
import { formatLatency } from '../../../shared/format.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useCall } from '../app/queries.ts';
import { useStatus } from '../live.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { formatDateTime } from '../ui/time.ts';
import { tickTime } from './tick-time.ts';

const selectNames = (s: EngineStatus) => s.services.map((x) => x.name);

/** One service's p50 and p95 latency and its uptime over the range, from the rollups. */
export function ServiceSeriesChart({ from, to, bucket }: { from: number; to: number; bucket: SeriesBucket }) {
  const names = useStatus(selectNames).data ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const service = chosen ?? names[0] ?? null;
  return (
    <section className="panel" aria-labelledby="series-title" data-testid="service-series">
      <div className="calendar-head">
        <h2 id="series-title">Latency and uptime</h2>
        <label>
          Service{' '}
          <select
            value={service ?? ''}
            onChange={(e) => setChosen(e.target.value)}
            data-testid="series-service"
          >
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
      {service === null ? (
        <p className="empty">No services are configured.</p>
      ) : (
        <SeriesFor service={service} from={from} to={to} bucket={bucket} />
      )}
    </section>
  );
}

function SeriesFor({
  service,
  from,
  to,
  bucket,
}: {
  service: string;
  from: number;
  to: number;
  bucket: SeriesBucket;
}) {
  const series = useCall('history.series', { service, from, to, bucket }, { placeholderPrevious: true });
  return (
    <QueryView query={series} what="the latency series">
      {(points) => <SeriesChart service={service} points={points} from={from} to={to} />}
    </QueryView>
  );
}

function uptime(points: SeriesPoint[]): { pct: number | null; count: number } {
  let count = 0;
  let failures = 0;
  for (const p of points) {
    count += p.count;
    failures += p.failures;
  }
  return { pct: count === 0 ? null : ((count - failures) / count) * 100, count };
}

function highest(points: SeriesPoint[], key: 'p50Ms' | 'p95Ms'): number | null {
  let max: number | null = null;
  for (const p of points) {
    const v = p[key];
    if (v !== null && (max === null || v > max)) max = v;
  }
  return max;
}

function SeriesChart({
  service,
  points,
  from,
  to,
}: {
  service: string;
  points: SeriesPoint[];
  from: number;
  to: number;
}) {
  const { pct, count } = uptime(points);
  return (
    <>
      <p data-testid="series-summary">
        Uptime <strong data-testid="uptime">{pct === null ? '—' : `${pct.toFixed(2)} %`}</strong> over {count}{' '}
        checks · highest p50 <span data-testid="worst-p50">{formatLatency(highest(points, 'p50Ms'))}</span> ·
        highest p95 <span data-testid="worst-p95">{formatLatency(highest(points, 'p95Ms'))}</span>
      </p>
      <div className="chart" style={{ height: 240 }} data-testid="series-chart" data-points={points.length}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 0, left: 16 }}
            accessibilityLayer={false}
            role="img"
            aria-label={`p50 and p95 latency of ${service} from ${formatDateTime(from)} to ${formatDateTime(to)}; the figures above sum it up.`}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              domain={[from, to]}
              scale="time"
              tickFormatter={(t: number) => tickTime(t, to - from)}
              stroke="var(--muted)"
            />
            <YAxis unit=" ms" width={80} stroke="var(--muted)" />
            <Tooltip
              labelFormatter={(t) => formatDateTime(Number(t))}
              formatter={(v) => formatLatency(Number(v))}
              contentStyle={{ background: 'var(--card)', color: 'var(--text)' }}
            />
            <Legend />
            <Line
              name="p50"
              dataKey="p50Ms"
              stroke="var(--series-1)"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              name="p95"
              dataKey="p95Ms"
              stroke="var(--series-2)"
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
