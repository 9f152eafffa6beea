import type { z } from 'zod';
import { issueTexts } from './validation.ts';

/** The message of anything thrown: an Error's message, anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A failure the caller caused or should see as is (bad input, bad state, not found); not a bug.
 * The dispatcher answers it with code `failed` and this message; anything else is `internal`.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** Bad settings or arguments: the message names every offending field and the value it had. */
export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
  readonly issues: readonly string[];
  constructor(what: string, issues: readonly string[]) {
    super(`${what}: ${issues.join('; ')}`);
    this.issues = issues;
  }
}

/** The engine cannot do what was asked right now (e.g. keep reports while the history is unwritable). */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}

/** The caller may not do this over the way it came (a command or a secret over HTTP); answered 403. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/**
 * Parses `input` or throws a ConfigError such as
 * `breaker "db" config: openMs: Too small: expected number to be >=1 (got -5)`.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(what, issueTexts(result.error, { input }));
}
