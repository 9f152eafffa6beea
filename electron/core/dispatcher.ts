import type { CallContext, CallOutcome, Handlers } from '../../shared/contract.ts';
import type { z } from 'zod';
import type { MethodOptions } from '../../shared/contract/define.ts';
import { contract } from '../../shared/contract.ts';
import { isMethodName } from '../../shared/contract-names.ts';
import { describeIssues, fieldIssues } from '../../shared/validation.ts';
import { errorMessage, ForbiddenError, UnavailableError, UserError } from '../../shared/errors.ts';

/** What the dispatcher needs of a contract method, whichever it is. */
interface MethodDefinition extends MethodOptions<unknown> {
  input: z.ZodType;
}

/**
 * A call's outcome: synchronous when the handler is (the gate answers from memory, so a bot's
 * question costs no promise round trips), a promise when the handler is async. `await` takes both.
 */
export type Dispatch = (
  name: unknown,
  input: unknown,
  context: CallContext,
) => CallOutcome | Promise<CallOutcome>;

/**
 * Validates a call against the contract and runs its handler. Never throws: every failure comes
 * back as an error outcome, so no transport can be crashed by what a caller sends.
 */
export function createDispatcher(
  handlers: Handlers,
  log: (message: string) => void = console.error,
): Dispatch {
  const failure = (name: string, error: unknown): CallOutcome => {
    if (error instanceof UnavailableError)
      return { ok: false, error: { code: 'unavailable', message: error.message } };
    if (error instanceof ForbiddenError)
      return { ok: false, error: { code: 'forbidden', message: error.message } };
    if (error instanceof UserError) return { ok: false, error: { code: 'failed', message: error.message } };
    log(
      `haltwatch: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${errorMessage(error)}` } };
  };
  return (name, input, context) => {
    if (!isMethodName(name)) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: `unknown method ${JSON.stringify(name)}` },
      };
    }
    const definition: MethodDefinition = contract[name];
    let accepted = definition.usual?.(input);
    if (accepted === undefined) {
      const parsed = definition.input.safeParse(input ?? {});
      accepted = parsed.success ? parsed.data : definition.whenInvalid?.(input);
      if (!parsed.success && accepted === undefined) {
        const issues = fieldIssues(parsed.error);
        return {
          ok: false,
          error: { code: 'invalid_input', message: `${name}: ${describeIssues(issues)}`, issues },
        };
      }
    }
    try {
      const handler = handlers[name] as (args: unknown, context: CallContext) => unknown;
      const result = handler(accepted, context);
      if (!(result instanceof Promise)) return { ok: true, result };
      return result.then(
        (value): CallOutcome => ({ ok: true, result: value }),
        (error: unknown) => failure(name, error),
      );
    } catch (error) {
      return failure(name, error);
    }
  };
}
