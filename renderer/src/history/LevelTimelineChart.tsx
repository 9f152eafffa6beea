import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LevelTimelinePoint } from '../../../shared/history.ts';
import { LEVEL_GLYPH } from '../../../shared/format.ts';
import { LEVELS, levelAt, levelRank } from '../../../shared/levels.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useCall } from '../app/queries.ts';
import { useStatus } from '../live.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { formatDateTime } from '../ui/time.ts';
import { tickTime } from './tick-time.ts';

/** The level over the range as a step chart, and its changes as a list (the accessible view). */
export function LevelTimelineChart({ from, to }: { from: number; to: number }) {
  const timeline = useCall('history.levelTimeline', { from, to }, { placeholderPrevious: true });
  return (
    <section className="panel" aria-labelledby="timeline-title" data-testid="level-timeline">
      <h2 id="timeline-title">Level timeline</h2>
      <QueryView query={timeline} what="the level timeline">
        {(points) => <Timeline points={points} from={from} to={to} />}
      </QueryView>
    </section>
  );
}

const selectLevel = (s: EngineStatus) => s.level;

function Timeline({
  points: recorded,
  from,
  to,
}: {
  points: LevelTimelinePoint[];
  from: number;
  to: number;
}) {
  const current = useStatus(selectLevel).data;
  // A fresh install has no level change yet: the level in force now held over the whole range.
  const points: LevelTimelinePoint[] =
    recorded.length === 0 && current ? [{ at: from, level: current }] : recorded;
  const last = points.at(-1);
  const data = [
    ...(points[0] && points[0].at > from ? [{ at: from, rank: 0 }] : []),
    ...points.map((p) => ({ at: Math.max(p.at, from), rank: levelRank(p.level) })),
    ...(last ? [{ at: to, rank: levelRank(last.level) }] : []),
  ];
  const changes = points.filter((p) => p.previous !== undefined);
  return (
    <>
      <div className="chart" style={{ height: 180 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={data}
            margin={{ top: 12, right: 16, bottom: 0, left: 16 }}
            accessibilityLayer={false}
            role="img"
            aria-label={`Level timeline from ${formatDateTime(from)} to ${formatDateTime(to)}: ${
              changes.length === 0
                ? `${last?.level ?? 'no level'} throughout`
                : `${changes.length} change${changes.length === 1 ? '' : 's'}, ending at ${last?.level}`
            }. The changes are listed below the chart.`}
          >
            <XAxis
              dataKey="at"
              type="number"
              domain={[from, to]}
              scale="time"
              tickFormatter={(t: number) => tickTime(t, to - from)}
              stroke="var(--muted)"
            />
            <YAxis
              domain={[0, LEVELS.length - 1]}
              ticks={LEVELS.map((_, i) => i)}
              tickFormatter={(rank: number) => `${LEVEL_GLYPH[levelAt(rank)]} ${levelAt(rank)}`}
              width={120}
              stroke="var(--muted)"
            />
            <Tooltip
              labelFormatter={(t) => formatDateTime(Number(t))}
              formatter={(rank) => [levelAt(Number(rank)), 'Level']}
              contentStyle={{ background: 'var(--card)', color: 'var(--text)' }}
            />
            <Line
              type="stepAfter"
              dataKey="rank"
              stroke="var(--series-1)"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {changes.length === 0 ? (
        <p className="muted" data-testid="timeline-summary">
          {last ? `${last.level} throughout the range.` : 'No level recorded in this range.'}
        </p>
      ) : (
        <details>
          <summary data-testid="timeline-summary">
            {changes.length} level change{changes.length === 1 ? '' : 's'} in this range
          </summary>
          <ul className="timeline-list">
            {changes
              .slice(-50)
              .reverse()
              .map((p) => (
                <li key={`${p.at}-${p.level}`}>
                  {formatDateTime(p.at)}: {p.previous} → <strong>{p.level}</strong>
                  {p.reason ? ` — “${p.reason}”` : ''}
                  {p.actor ? ` (${p.actor})` : ''}
                </li>
              ))}
          </ul>
        </details>
      )}
    </>
  );
}
