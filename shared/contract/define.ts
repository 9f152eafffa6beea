import { z } from 'zod';

/**
 * A contract method: the schema its input must pass, what to do with input that fails it, and (as a
 * type only) what it returns. `whenInvalid` gives the input to run the handler with anyway, or
 * undefined to refuse it with the schema's issues; it runs only on failure, so a method whose
 * callers need a lenient case keeps the plain schema (and its speed) for every valid call.
 */
export function method<R>() {
  return <I extends z.ZodType>(input: I, whenInvalid?: (input: unknown) => z.output<I> | undefined) => ({
    input,
    whenInvalid,
    result: undefined as unknown as R,
  });
}

export const noInput = z.object({}).strict().default({});

/** Why an operator did something: every manual action is audited with it. */
export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'say why (at least 3 characters)')
  .max(500, 'at most 500 characters');
