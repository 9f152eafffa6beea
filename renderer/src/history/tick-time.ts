const DAY = 86_400_000;

/**
 * Axis labels: weekday and time for a day's chart (its two ends share a clock time, only the day
 * tells them apart), dates for longer ones.
 */
export function tickTime(t: number, spanMs: number): string {
  const date = new Date(t);
  if (spanMs <= DAY)
    return date.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  if (spanMs <= 31 * DAY) return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return date.toLocaleDateString(undefined, { month: 'short', year: '2-digit' });
}
