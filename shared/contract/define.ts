import { z } from 'zod';

/** A contract method: the schema its input must pass and (as a type only) what it returns. */
export function method<R>() {
  return <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R });
}

export const noInput = z.object({}).strict().default({});

/** Why an operator did something: every manual action is audited with it. */
export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'say why (at least 3 characters)')
  .max(500, 'at most 500 characters');
