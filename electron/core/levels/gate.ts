import type { GateAnswer, GateReason, GateRequest } from '../../../shared/gate.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';

export interface GateContext {
  level: LevelName;
  overrideActive: boolean;
  thresholds: Thresholds;
  until: number | null;
}

/**
 * The answer for one order. Cancels are always allowed; reduce and close up to and including HALT
 * (an override does not trap a position either); opens and increases follow the level.
 */
export function decideGate(ctx: GateContext, req: GateRequest): GateAnswer {
  const { level, overrideActive, thresholds } = ctx;
  const reasons: GateReason[] = [];
  if (level !== 'NORMAL') reasons.push(`LEVEL_${level}`);
  if (overrideActive) reasons.push('OVERRIDE_ACTIVE');
  const answer = (allowed: boolean, sizeMultiplier: GateAnswer['sizeMultiplier']): GateAnswer => ({
    allowed,
    level,
    sizeMultiplier,
    minConfidence: level === 'THROTTLE' ? thresholds.throttleMinConfidence : null,
    reasons,
    until: ctx.until,
    flatten: level === 'HALT' && thresholds.flattenOnHalt,
  });

  switch (req.action) {
    case 'cancel':
      return answer(true, 1);
    case 'reduce':
    case 'close':
      return level === 'SHUTDOWN' ? answer(false, 0) : answer(true, 1);
    case 'open':
    case 'increase':
      if (overrideActive || level === 'HALT' || level === 'SHUTDOWN') return answer(false, 0);
      if (level !== 'THROTTLE') return answer(true, 1);
      if (req.confidence === undefined) {
        reasons.push('CONFIDENCE_REQUIRED');
        return answer(false, 0);
      }
      if (req.confidence < thresholds.throttleMinConfidence) {
        reasons.push('CONFIDENCE_BELOW_MIN');
        return answer(false, 0);
      }
      reasons.push('SIZE_REDUCED');
      return answer(true, 0.5);
  }
}
