import type { GateAnswer } from '../shared/gate.ts';
import { LEVELS } from '../shared/levels.ts';

const SIZE_MULTIPLIERS: readonly unknown[] = [0, 0.5, 1];

/**
 * Why `body` is not a gate answer, or null when it is one. Whatever answers on the port (another
 * server, a proxy) must not turn `{"allowed":"false"}` or `{}` into an order.
 */
export function gateAnswerProblem(body: unknown): string | null {
  const problem = firstProblem(body);
  return problem === null ? null : `not a gate answer: ${problem}`;
}

function firstProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'not a JSON object';
  const answer = body as Partial<Record<keyof GateAnswer, unknown>>;
  if (typeof answer.allowed !== 'boolean')
    return `allowed is ${JSON.stringify(answer.allowed)}, not a boolean`;
  if (!SIZE_MULTIPLIERS.includes(answer.sizeMultiplier))
    return `sizeMultiplier is ${JSON.stringify(answer.sizeMultiplier)}, not 0, 0.5 or 1`;
  if (!(LEVELS as readonly unknown[]).includes(answer.level))
    return `level is ${JSON.stringify(answer.level)}, not one of ${LEVELS.join(', ')}`;
  if (!Array.isArray(answer.reasons)) return 'reasons is not a list';
  return null;
}
