const DAY = 86_400_000;

/** Axis labels: times of day for a day's chart, dates for longer ones. */
export function tickTime(t: number, spanMs: number): string {
  const date = new Date(t);
  if (spanMs <= DAY) return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (spanMs <= 31 * DAY) return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return date.toLocaleDateString(undefined, { month: 'short', year: '2-digit' });
}
