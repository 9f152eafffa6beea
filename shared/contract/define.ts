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

/**
 * Control characters (C0 with line breaks and tabs, DEL, C1) and the characters that reorder text
 * (bidi embeddings, overrides, isolates and marks): in an audit log or a terminal they forge lines
 * or make a reason read other than it is stored.
 */
export const UNSAFE_TEXT = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
export const UNSAFE_TEXT_MESSAGE =
  'must not contain control characters (line breaks included) or text-direction overrides';

/** Free text that is shown and audited as written: refused when it holds UNSAFE_TEXT. */
export function plainText(schema: z.ZodString) {
  return schema.refine((text) => !UNSAFE_TEXT.test(text), UNSAFE_TEXT_MESSAGE);
}

/** Why an operator did something: every manual action is audited with it. */
export const reasonSchema = plainText(
  z.string().trim().min(3, 'say why (at least 3 characters)').max(500, 'at most 500 characters'),
);
