import { CHECKPOINTS } from '../../../shared/schedule.ts';
import type { ScheduleEntry, ScheduledCheck, Session } from '../../../shared/schedule.ts';
import type { ExchangeCalendar } from '../calendar/exchange-calendar.ts';

const MINUTE = 60_000;
/** Entry offsets are at most ±12 h, so sessions more than a day outside the window cannot contribute. */
const SESSION_MARGIN_MS = 26 * 3_600_000;

interface Candidate {
  check: ScheduledCheck;
  order: number;
}

/**
 * Every check the enabled entries produce with `fromMs ≤ dueAt < toMs`, in due order. Entries due at
 * the same instant coalesce into one check: the highest priority wins, then the more important
 * checkpoint (CHECKPOINTS order), then the earlier entry.
 */
export function computeSchedule(
  calendar: ExchangeCalendar,
  entries: readonly ScheduleEntry[],
  fromMs: number,
  toMs: number,
): ScheduledCheck[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs)
    throw new RangeError(`schedule window must be finite with from ≤ to (got from ${fromMs}, to ${toMs})`);
  const enabled = entries.filter((e) => e.enabled);
  if (enabled.length === 0 || fromMs === toMs) return [];
  const byInstant = new Map<number, Candidate>();
  for (const session of sessionsAround(calendar, fromMs, toMs)) {
    enabled.forEach((entry, order) => {
      for (const dueAt of dueTimes(entry, session)) {
        if (dueAt < fromMs || dueAt >= toMs) continue;
        const candidate: Candidate = {
          check: {
            name: entry.name,
            checkpoint: entry.checkpoint,
            dueAt,
            expiresAt: dueAt + entry.expirySeconds * 1000,
            priority: entry.priority,
            exchange: calendar.id,
          },
          order,
        };
        const current = byInstant.get(dueAt);
        if (!current || outranks(candidate, current)) byInstant.set(dueAt, candidate);
      }
    });
  }
  return [...byInstant.values()].map((c) => c.check).sort((a, b) => a.dueAt - b.dueAt);
}

function outranks(a: Candidate, b: Candidate): boolean {
  if (a.check.priority !== b.check.priority) return a.check.priority > b.check.priority;
  const rankA = CHECKPOINTS.indexOf(a.check.checkpoint);
  const rankB = CHECKPOINTS.indexOf(b.check.checkpoint);
  if (rankA !== rankB) return rankA < rankB;
  return a.order < b.order;
}

function dueTimes(entry: ScheduleEntry, session: Session): number[] {
  const offset = entry.offsetMinutes * MINUTE;
  if (entry.anchor === 'open') return [session.open + offset];
  if (entry.anchor === 'close') return [session.close + offset];
  // Interval ticks fall inside the session only; the close itself belongs to the close check.
  const every = (entry.everyMinutes ?? 0) * MINUTE;
  if (every <= 0) return [];
  const times: number[] = [];
  for (let t = session.open + offset; t < session.close; t += every) if (t >= session.open) times.push(t);
  return times;
}

function sessionsAround(calendar: ExchangeCalendar, fromMs: number, toMs: number): Session[] {
  const first = `${calendar.firstYear}-01-01`;
  const last = `${calendar.lastYear}-12-31`;
  const fromDate = maxDate(calendar.dateAt(fromMs - SESSION_MARGIN_MS), first);
  const toDate = minDate(calendar.dateAt(toMs + SESSION_MARGIN_MS), last);
  return fromDate > toDate ? [] : calendar.sessionsBetween(fromDate, toDate);
}

const maxDate = (a: string, b: string): string => (a > b ? a : b);
const minDate = (a: string, b: string): string => (a < b ? a : b);
