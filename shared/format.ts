import type { LevelName } from './levels.ts';

/** A glyph per level so the level is never told by colour alone (tray, banner, badges). */
export const LEVEL_GLYPH: Record<LevelName, string> = {
  NORMAL: '✓',
  ALERT: '!',
  THROTTLE: '◐',
  HALT: '■',
  SHUTDOWN: '✕',
};

export const LEVEL_MEANING: Record<LevelName, string> = {
  NORMAL: 'Trading allowed at full size',
  ALERT: 'Trading allowed; something needs a look',
  THROTTLE: 'Half size; opens need high confidence',
  HALT: 'No new positions; reduce, close and cancel only',
  SHUTDOWN: 'Nothing but cancels',
};

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** "90 s", "15 min", "2 h": durations that are settings, not countdowns. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${(m / 60).toFixed(m % 60 === 0 ? 0 : 1)} h`;
}

/** A clock time in the viewer's zone, 24-hour ("14:32"); with the weekday when not today ("Sat 10:00"). */
export function formatClock(at: number, now: number): string {
  const time = new Date(at).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? time : `${new Date(at).toLocaleDateString('en-GB', { weekday: 'short' })} ${time}`;
}
