import { gateAnswerSchema } from '../shared/gate.ts';
import { describeIssues, fieldIssues } from '../shared/validation.ts';

/**
 * Why `body` is not a gate answer, or null when it is one. Whatever answers on the port (another
 * server, a proxy) must not turn `{"allowed":"false"}` or `{}` into an order.
 */
export function gateAnswerProblem(body: unknown): string | null {
  const checked = gateAnswerSchema.safeParse(body);
  return checked.success ? null : `not a gate answer: ${describeIssues(fieldIssues(checked.error))}`;
}
