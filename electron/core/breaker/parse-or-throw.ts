import type { z } from 'zod';

/** Bad settings: the message names every offending field and the value it had. */
export class ConfigError extends Error {
  readonly issues: readonly string[];
  constructor(what: string, issues: readonly string[]) {
    super(`${what}: ${issues.join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Parses `input` or throws a ConfigError such as "breaker config: openMs: Too small… (got -5)". */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    // Custom refinements already name the fields and quote the values they compare.
    if (issue.code === 'custom')
      return issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
    return `${field}: ${issue.message} (got ${show(issue.input)})`;
  });
  throw new ConfigError(what, issues);
}
