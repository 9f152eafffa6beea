import path from 'node:path';
import { DateTime } from 'luxon';
import { formatSignalCause } from '../../../shared/cause-text.ts';
import { LEVEL_GLYPH, LEVEL_MEANING } from '../../../shared/format.ts';
import type { LevelName } from '../../../shared/levels.ts';
import { priorityForLevel } from '../../../shared/notify-channels.ts';
import type { CheckpointFailure, MissedCheck } from '../../../shared/schedule.ts';
import type { ConfigProblem, EngineStatus } from '../../../shared/status.ts';
import { getCalendar } from '../calendar/index.ts';
import type { Notice } from './notice.ts';

/** Levels whose arrival is always announced, whatever the settings and however often. */
export const ALWAYS_NOTIFIED: readonly LevelName[] = ['HALT', 'SHUTDOWN'];

export function isAlwaysNotified(level: LevelName): boolean {
  return ALWAYS_NOTIFIED.includes(level);
}

function levelBody(status: EngineStatus): string {
  const cause = formatSignalCause(status.cause, 'level');
  return `${LEVEL_MEANING[status.level]}${cause ? `\nCause: ${cause}` : ''}`;
}

export function levelNotice(status: EngineStatus): Notice {
  return {
    kind: 'level',
    title: `Haltwatch: ${LEVEL_GLYPH[status.level]} ${status.level}`,
    body: levelBody(status),
    urgency: isAlwaysNotified(status.level) ? 'critical' : 'normal',
    priority: priorityForLevel(status.level),
    ...causeService(status),
    target: '#/board',
  };
}

/** One notice standing in for several level changes inside the coalescing window. */
export function flappingNotice(status: EngineStatus, changes: number, windowMs: number): Notice {
  return {
    kind: 'flapping',
    title: `Haltwatch: ${LEVEL_GLYPH[status.level]} ${status.level} (level changing often)`,
    body: `${changes} more level change${changes === 1 ? '' : 's'} in the last ${Math.round(windowMs / 1000)} s; now ${status.level}.\n${levelBody(status)}`,
    urgency: 'normal',
    priority: priorityForLevel(status.level),
    ...causeService(status),
    target: '#/board',
  };
}

function causeService(status: EngineStatus): { service?: string } {
  return status.cause?.service ? { service: status.cause.service } : {};
}

export function confirmHaltNotice(): Notice {
  return {
    kind: 'confirm_halt',
    title: 'Haltwatch: HALT can be lifted',
    body: 'The signals have been healthy for the whole cooldown. Trading stays halted until you confirm leaving HALT.',
    urgency: 'normal',
    priority: 'WARNING',
    target: '#/controls',
  };
}

const CHECKPOINT_NAMES: Record<string, string> = {
  market_open: 'market open',
  market_close: 'market close',
};

export function missedCheckNotice(miss: MissedCheck): Notice {
  const what = CHECKPOINT_NAMES[miss.checkpoint] ?? miss.checkpoint;
  return {
    kind: 'missed_check',
    title: `Haltwatch: the ${what} check did not run`,
    body: `It was due at ${exchangeTime(miss.exchange, miss.dueAt)} (the computer slept or its clock jumped). Run a check now before trading.`,
    urgency: 'critical',
    priority: 'CRITICAL',
    target: '#/schedule',
  };
}

/** Checkpoints at least this important (market open 100, close 90, pre-open 80) notify as critical. */
export const CRITICAL_CHECKPOINT_PRIORITY = 80;

export function checkpointFailedNotice(failure: CheckpointFailure): Notice {
  const what = CHECKPOINT_NAMES[failure.checkpoint] ?? failure.name;
  const services = failure.services.map((s) => `${s.service}: ${s.reason}`).join('\n');
  return {
    kind: 'checkpoint_failed',
    title: `Haltwatch: the ${what} check failed`,
    body: `Still failing after ${failure.attempts} tries (priority ${failure.priority}):\n${services}`,
    ...(failure.priority >= CRITICAL_CHECKPOINT_PRIORITY
      ? { urgency: 'critical', priority: 'CRITICAL' }
      : { urgency: 'normal', priority: 'WARNING' }),
    target: '#/board',
  };
}

export function criticalBreakersOpenNotice(services: readonly string[]): Notice {
  return {
    kind: 'critical_breakers_open',
    title: 'Haltwatch: every critical service is down',
    body: `The breakers of all critical services are open (${services.join(', ')}). Trading is halted; check the connection and the services.`,
    urgency: 'critical',
    priority: 'CRITICAL',
    target: '#/board',
  };
}

/** "09:30 America/New_York, Mon 2026-01-05": the exchange's own time, as its sessions are told. */
function exchangeTime(exchange: string, at: number): string {
  let zone = 'UTC';
  try {
    zone = getCalendar(exchange).zone;
  } catch {
    // An exchange this build does not know: UTC still tells the time unambiguously.
  }
  return `${DateTime.fromMillis(at, { zone }).toFormat('HH:mm, ccc yyyy-LL-dd')} ${zone}`;
}

/** A settings, services or secrets file that failed to load: what the engine runs on instead. */
export function configProblemNotice(problem: ConfigProblem): Notice {
  return {
    kind: 'config_problem',
    title: `Haltwatch: ${path.basename(problem.file)} could not be loaded`,
    body: problem.message,
    urgency: 'critical',
    priority: 'CRITICAL',
    target: '#/board',
  };
}

export function historySavedAgainNotice(): Notice {
  return {
    kind: 'history_saved',
    title: 'Haltwatch: the history is being saved again',
    body: 'Writes succeed again. The level leaves HALT by its usual cooldown (and your confirmation, if required).',
    urgency: 'normal',
    priority: 'WARNING',
    target: '#/board',
  };
}

export function infoNotice(title: string, body: string): Notice {
  return { kind: 'info', title, body, urgency: 'normal', priority: 'INFO', target: '#/board' };
}
