import { formatSignalCause } from '../../../shared/cause-text.ts';
import type { LevelStatus } from '../../../shared/gate.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import type { Toast } from './toast-store.ts';

export type ToastText = Omit<Toast, 'id'>;

/** What the trader saw before acting: the level and whether the override held trading. */
export interface Before {
  level: LevelName;
  overrideOn: boolean;
}

export function beforeOf(status: Pick<EngineStatus, 'level' | 'override'>): Before {
  return { level: status.level, overrideOn: status.override?.enabled === true };
}

/** "HALT → NORMAL", or "stays HALT". */
export function levelMove(before: LevelName, after: LevelName): string {
  return before === after ? `stays ${after}` : `${before} → ${after}`;
}

/** "Level HALT → NORMAL; steps down …" as a toast's second line. */
function levelLine(before: LevelName, after: LevelName, note = ''): string {
  return `Level ${levelMove(before, after)}${note}.`;
}

/** What holds the level now, in words, for "raised again at once by …". */
function holding(after: Pick<LevelStatus, 'cause'>): string {
  const cause = formatSignalCause(after.cause, 'level');
  return cause ? `raised again at once by ${cause}` : 'raised again at once by a signal still present';
}

type LevelAction = 'recover' | 'confirm' | 'kill';
const LEVEL_ACTIONS: Record<LevelAction, { label: string; target: LevelName }> = {
  recover: { label: 'Recovery forced', target: 'NORMAL' },
  confirm: { label: 'Leaving HALT confirmed', target: 'THROTTLE' },
  kill: { label: 'Trading shut down', target: 'SHUTDOWN' },
};

/**
 * A level action's outcome from the status it returned. When a signal still present raised the
 * level again in the same moment, the toast says so instead of showing a quiet "unchanged":
 * "Recovery forced: HALT → NORMAL → HALT", raised again at once by slippage 0.6 % (threshold 0.5 %).
 */
export function levelActionText(action: LevelAction, before: Before, after: LevelStatus): ToastText {
  const { label, target } = LEVEL_ACTIONS[action];
  if (after.level === target || before.level === target)
    return {
      tone: 'done',
      title: `${label}: ${before.level === after.level ? `level ${levelMove(before.level, after.level)}` : levelMove(before.level, after.level)}`,
    };
  return {
    tone: 'warn',
    title: `${label}: ${before.level} → ${target} → ${after.level}`,
    detail: `${capitalise(holding(after))}.`,
  };
}

/** Override on or off: trading held or released, and where the level stands. */
export function overrideText(enabled: boolean, before: Before, after: LevelStatus): ToastText {
  const from = before.overrideOn ? 'disabled' : 'follows the level';
  const to = enabled ? 'disabled' : 'follows the level';
  return {
    tone: 'done',
    title: `Override ${enabled ? 'on' : 'off'}: trading ${from} → ${to}`,
    detail: levelLine(before.level, after.level),
  };
}

const BREAKER_WORDS = { CLOSED: 'Closed', OPEN: 'Open', HALF_OPEN: 'Half-open' } as const;

/** A breaker taken offline or reset: its state before → after, and the level. */
export function breakerText(
  action: 'isolate' | 'reset',
  service: string,
  before: EngineStatus | undefined,
  after: EngineStatus,
): ToastText {
  const was = before?.services.find((s) => s.name === service)?.breaker.state;
  const now = after.services.find((s) => s.name === service)?.breaker.state;
  const breaker =
    was && now && was !== now
      ? `breaker ${BREAKER_WORDS[was]} → ${BREAKER_WORDS[now]}`
      : `breaker ${now ? BREAKER_WORDS[now] : 'gone'}`;
  const verb = action === 'isolate' ? 'taken offline' : 'reset';
  return {
    tone: 'done',
    title: `${service} ${verb}: ${breaker}`,
    detail: levelLine(before?.level ?? after.level, after.level, stepDownNote(after)),
  };
}

/** Every breaker reset: how many were not closed, and the level. */
export function resetAllText(before: EngineStatus | undefined, after: EngineStatus): ToastText {
  const reopened = (before?.services ?? []).filter((s) => s.breaker.state !== 'CLOSED').length;
  return {
    tone: 'done',
    title: `All breakers reset: ${reopened === 0 ? 'none was open' : `${reopened} closed again`}`,
    detail: levelLine(before?.level ?? after.level, after.level, stepDownNote(after)),
  };
}

/** After a breaker closes the level waits for its cooldown: say so, or the toast reads as "nothing happened". */
function stepDownNote(after: EngineStatus): string {
  return after.level !== 'NORMAL' && after.desiredLevel !== after.level
    ? `; steps down to ${after.desiredLevel} after its cooldown`
    : '';
}

/** A check run: how many answered healthy, and what it did to the level. */
export function checkText(
  results: readonly { service: string; ok: boolean }[],
  beforeLevel: LevelName | undefined,
  after: Pick<EngineStatus, 'level'>,
): ToastText {
  const failed = results.filter((r) => !r.ok).map((r) => r.service);
  const title =
    results.length === 0
      ? 'Check done: no service is watched'
      : failed.length === 0
        ? `Check done: ${results.length} of ${results.length} healthy`
        : `Check done: ${failed.length} of ${results.length} failed (${failed.join(', ')})`;
  return {
    tone: failed.length ? 'warn' : 'done',
    title,
    detail: levelLine(beforeLevel ?? after.level, after.level),
  };
}

/** One changed setting: its label and the values before and after, as the form shows them. */
export interface Change {
  label: string;
  before: string;
  after: string;
}

/** Changes listed at most this many; the rest are counted. */
const LISTED = 4;

/** "Settings saved: theme light → dark; sound off → on", never "Saved" when nothing changed. */
export function savedText(what: string, changes: readonly Change[]): ToastText {
  if (changes.length === 0) return { tone: 'done', title: `${what}: nothing changed` };
  const listed = changes.slice(0, LISTED).map((c) => `${c.label} ${c.before} → ${c.after}`);
  const more = changes.length - listed.length;
  return {
    tone: 'done',
    title: `${what} saved`,
    detail: `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
  };
}

/** The fields of two plain objects that differ, by dotted path, with their values as short text. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): Change[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ label: prefix, before: valueText(before), after: valueText(after) }];
}

export function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => valueText(v)).join(', ');
  if (typeof value === 'object') return 'changed';
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
