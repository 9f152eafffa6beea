import { DateTime } from 'luxon';
import { WEEKDAYS, type MaintenanceWindow, type WeeklyWindow } from '../../shared/maintenance.ts';

interface Span {
  from: number;
  to: number;
}

interface WithMaintenance {
  maintenance?: readonly MaintenanceWindow[] | undefined;
}

/**
 * The weekly window's occurrences starting from the week before `at` to a week after. Times are
 * wall-clock times in the window's zone, so a window across a DST change is an hour longer or
 * shorter in real time; a start inside a spring-forward gap moves to the first valid minute.
 */
function weeklySpans(w: WeeklyWindow, at: number): Span[] {
  const weekday = WEEKDAYS.indexOf(w.day) + 1; // luxon: Monday 1 … Sunday 7
  const [sh, sm] = w.start.split(':').map(Number);
  const [eh, em] = w.end.split(':').map(Number);
  const overnight = w.end <= w.start;
  const here = DateTime.fromMillis(at, { zone: w.zone }).startOf('day');
  const spans: Span[] = [];
  for (let d = -7; d <= 7; d++) {
    const day = here.plus({ days: d });
    if (day.weekday !== weekday) continue;
    const from = day.set({ hour: sh, minute: sm });
    const to = day.plus({ days: overnight ? 1 : 0 }).set({ hour: eh, minute: em });
    spans.push({ from: from.toMillis(), to: to.toMillis() });
  }
  return spans;
}

function spansOf(service: WithMaintenance, at: number): Span[] {
  return (service.maintenance ?? []).flatMap((w) => ('from' in w ? [w] : weeklySpans(w, at)));
}

/** Whether `service` is inside one of its maintenance windows at `at` (epoch ms): [from, to). */
export function inMaintenance(service: WithMaintenance, at: number): boolean {
  return spansOf(service, at).some((s) => s.from <= at && at < s.to);
}

/** When the maintenance `service` is in at `at` ends (overlapping windows joined); null when not in one. */
export function maintenanceEndsAt(service: WithMaintenance, at: number): number | null {
  const spans = spansOf(service, at);
  let end: number | null = null;
  for (let moved = true; moved;) {
    moved = false;
    const t = end ?? at;
    for (const s of spans)
      if (s.from <= t && t < s.to && s.to > (end ?? -Infinity)) {
        end = s.to;
        moved = true;
      }
  }
  return end;
}

/** The next instant after `at` when `service` enters or leaves a window (within a week); null when none. */
export function nextMaintenanceChange(service: WithMaintenance, at: number): number | null {
  let next: number | null = null;
  for (const s of spansOf(service, at))
    for (const t of [s.from, s.to]) if (t > at && (next === null || t < next)) next = t;
  return next;
}
