import { useCall } from '../app/queries.ts';

const WIDTH = 90;
const HEIGHT = 22;

/** The last 20 stored latencies of a service; refetched when a new result arrives (`lastAt`). */
export function LatencySparkline({ service, lastAt }: { service: string; lastAt: number | null }) {
  // `lastAt` in the input keys the query: a new result for this service, and only this one, refetches it.
  const recent = useCall(
    'history.recentResults',
    { service, limit: 20 },
    { placeholderPrevious: true, extraKey: lastAt },
  );
  const points = (recent.data ?? []).map((r) => r.latencyMs).reverse();
  if (points.length < 2) return <svg width={WIDTH} height={HEIGHT} aria-hidden="true" />;
  const max = Math.max(...points, 1);
  const step = WIDTH / (points.length - 1);
  const path = points.map(
    (v, i) => `${(i * step).toFixed(1)},${(HEIGHT - 2 - (v / max) * (HEIGHT - 4)).toFixed(1)}`,
  );
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`latency of the last ${points.length} checks`}
      data-testid="sparkline"
    >
      <polyline points={path.join(' ')} fill="none" stroke="var(--series-1)" strokeWidth="1.5" />
    </svg>
  );
}
