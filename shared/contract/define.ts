import { z } from 'zod';

/** What a method may add to its schema; both return the input to run the handler with, or undefined. */
export interface MethodOptions<Output> {
  /**
   * A cheaper check of the input callers usually send, tried before the schema: it accepts only
   * input the schema accepts, with the schema's output (a property test holds it to that), and
   * leaves everything else to the schema and its messages.
   */
  usual?: (input: unknown) => Output | undefined;
  /** Input the schema refused that the handler runs with anyway (e.g. a cancel with unknown fields). */
  whenInvalid?: (input: unknown) => Output | undefined;
}

/** A contract method: the schema its input must pass, its options and (as a type only) what it returns. */
export function method<R>() {
  return <I extends z.ZodType>(input: I, options: MethodOptions<z.output<I>> = {}) => ({
    input,
    ...options,
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
