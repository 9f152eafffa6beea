import type { BreakerStateName, LevelName } from './levels.ts';

/** Why something changed: the signal, what was observed and the threshold it crossed. */
export interface SignalCause {
  signal: string;
  /** e.g. the service whose latency or breaker moved the level */
  service?: string;
  value: number | string;
  threshold?: number | string;
}

/** Every level change, breaker change and manual action is one append-only audit event. */
export type AuditEvent =
  | {
      at: number;
      kind: 'level';
      from: LevelName;
      to: LevelName;
      cause?: SignalCause;
      reason?: string;
      actor?: string;
    }
  | {
      at: number;
      kind: 'breaker';
      service: string;
      from: BreakerStateName;
      to: BreakerStateName;
      cause?: SignalCause;
      reason?: string;
      actor?: string;
    }
  | {
      at: number;
      kind: 'manual';
      /** override_on, override_off, recover, confirm, kill, isolate, reset, thresholds, … */
      action: string;
      reason: string;
      actor: string;
      details?: Record<string, string | number | boolean>;
    };

/**
 * Who the audit log names for a change, from the transport and the token that carried it:
 * the desktop window over IPC, the operator token over HTTP, the bot token, the tray menu, the
 * operator's Telegram chat (telegram-commands.ts).
 * (The CLI changes nothing it would audit: `check` runs checks, the rest only read.)
 */
export const ACTORS = {
  desktop: 'desktop',
  dashboard: 'dashboard (http)',
  bot: 'bot',
  tray: 'tray',
  telegram: 'telegram',
} as const;
export type Actor = (typeof ACTORS)[keyof typeof ACTORS];

/** A signal pulling the level up now, and to which level. */
export interface ActiveCause extends SignalCause {
  level: LevelName;
}
