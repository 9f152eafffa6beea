/** "in 4 min 10 s", "in 2 h 5 min", "now" — countdowns on the board and the schedule. */
export function formatIn(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  if (s <= 0) return 'now';
  if (s < 60) return `in ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `in ${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `in ${h} h ${m % 60} min`;
  return `in ${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A local date and time with its zone named ("Nov 23, 2026, 7:19:39 PM UTC"), never a bare clock. */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
}
