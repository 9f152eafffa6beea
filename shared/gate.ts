import { z } from 'zod';
import type { ActiveCause, SignalCause } from './audit.ts';
import type { ConfirmState } from './confirm-rule.ts';
import { LEVELS, type LevelName } from './levels.ts';
import type { ThresholdPresetName } from './thresholds.ts';

/** What the bot may ask: "may I open / increase / reduce / close / cancel?". */
export const GATE_ACTIONS = ['open', 'increase', 'reduce', 'close', 'cancel'] as const;
export type GateAction = (typeof GATE_ACTIONS)[number];

const MAX_SYMBOL_LENGTH = 32;
const MAX_QUANTITY = 1e12;

export const gateRequestSchema = z
  .object({
    action: z.enum(GATE_ACTIONS),
    symbol: z.string().trim().min(1).max(MAX_SYMBOL_LENGTH).optional(),
    /** The bot's confidence in its signal, 0..1; THROTTLE requires it for opens and increases. */
    confidence: z.number().min(0).max(1).optional(),
    quantity: z.number().positive().max(MAX_QUANTITY).optional(),
  })
  .strict();
export type GateRequest = z.infer<typeof gateRequestSchema>;

const GATE_REQUEST_FIELDS = new Set(Object.keys(gateRequestSchema.shape));

/**
 * The question as bots ask it before every order, checked without zod's machinery (a third of the
 * gate's own time): only plain values well inside `gateRequestSchema`, each field's rule repeated
 * here; anything else (undefined here) goes to the schema, which alone words the errors. A property
 * test holds this to accepting nothing the schema refuses and giving exactly the schema's output.
 */
export function usualGateRequest(input: unknown): GateRequest | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  for (const key in input) if (!GATE_REQUEST_FIELDS.has(key)) return undefined;
  const { action, symbol, confidence, quantity } = input as Record<string, unknown>;
  if (typeof action !== 'string' || !(GATE_ACTIONS as readonly string[]).includes(action)) return undefined;
  const request: GateRequest = { action: action as GateAction };
  if ('symbol' in input) {
    if (
      typeof symbol !== 'string' ||
      symbol.length < 1 ||
      symbol.length > MAX_SYMBOL_LENGTH ||
      symbol.trim() !== symbol
    )
      return undefined;
    request.symbol = symbol;
  }
  if ('confidence' in input) {
    if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) return undefined;
    request.confidence = confidence;
  }
  if ('quantity' in input) {
    if (typeof quantity !== 'number' || !(quantity > 0 && quantity <= MAX_QUANTITY)) return undefined;
    request.quantity = quantity;
  }
  return request;
}

/**
 * A cancel is always allowed: one the schema refuses (fields the gate does not know, bad values)
 * still reaches the engine, as a plain cancel. Undefined for anything else.
 */
export const plainCancel = (input: unknown): GateRequest | undefined =>
  (input as { action?: unknown } | null)?.action === 'cancel' ? { action: 'cancel' } : undefined;

/** Stable reason codes: bots may branch on them. */
export const GATE_REASONS = [
  'LEVEL_ALERT',
  'LEVEL_THROTTLE',
  'LEVEL_HALT',
  'LEVEL_SHUTDOWN',
  'OVERRIDE_ACTIVE',
  'CONFIDENCE_REQUIRED',
  'CONFIDENCE_BELOW_MIN',
  'SIZE_REDUCED',
  'INVALID_REQUEST',
] as const;
export type GateReason = (typeof GATE_REASONS)[number];

export interface GateAnswer {
  allowed: boolean;
  level: LevelName;
  /** Factor for this action's quantity: opens 1 / 0.5 (THROTTLE) / 0; allowed reduce, close, cancel 1. */
  sizeMultiplier: 1 | 0.5 | 0;
  /** THROTTLE: the confidence opens and increases need; null otherwise. */
  minConfidence: number | null;
  reasons: GateReason[];
  /** The earliest time the level may step down (the answer may change then); null if unknown. */
  until: number | null;
  /** HALT with flattenOnHalt: close what is open. */
  flatten: boolean;
}

/**
 * A gate answer as a bot checks it. Reason codes stay open strings here, so a bot on an older client
 * does not refuse every answer of a newer Haltwatch that added a code.
 */
export const gateAnswerSchema = z.object({
  allowed: z.boolean(),
  level: z.enum(LEVELS),
  sizeMultiplier: z.union([z.literal(1), z.literal(0.5), z.literal(0)]),
  minConfidence: z.number().nullable(),
  reasons: z.array(z.string()),
  until: z.int().nullable().describe('UTC epoch ms when the answer may change'),
  flatten: z.boolean(),
});

export interface LevelOverride {
  enabled: boolean;
  reason: string;
  actor: string;
  since: number;
}

export interface LevelStatus {
  level: LevelName;
  since: number;
  /** What holds the level now: the strongest signal at the level; else what raised it (cooldown running). */
  cause: SignalCause | null;
  /** Every signal pulling the level above NORMAL now, strongest first. */
  causes: ActiveCause[];
  confirm: ConfirmState;
  /** Trading disabled by an operator, whatever the level. */
  override: LevelOverride | null;
  /** HALT's cooldown is over and the level waits for confirmLeaveHalt. */
  awaitingConfirmation: boolean;
  /** When the level steps down (or, in HALT needing confirmation, when confirming becomes possible). */
  nextStepDownAt: number | null;
  /** The level the current signals call for. */
  desired: LevelName;
  thresholdsPreset: ThresholdPresetName | 'custom';
}

/** A signal that crossed a threshold (or was malformed: signal 'invalid_signal', level NORMAL). */
export interface Issue {
  at: number;
  signal: string;
  service?: string;
  value: number | string;
  threshold: number | string;
  level: LevelName;
}
