import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

/** `services[0].url` style paths, so a person can find the field. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** What `got …` shows for a rejected value: short, and never a whole object. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
};

/**
 * Plain words for the issues a schema left to zod's defaults ("Invalid input: expected string,
 * received undefined" becomes "required"). Pass as the `error` of a parse: messages a schema
 * gives itself still win.
 */
export const plainErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${shown(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `at least ${issue.minimum} characters`;
      return issue.origin === 'array' ? `at least ${issue.minimum} entries` : `at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `at most ${issue.maximum} characters`;
      return issue.origin === 'array' ? `at most ${issue.maximum} entries` : `at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}, got ${shown(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_format':
      return `not in the expected form, got ${shown(issue.input)}`;
    default:
      return undefined;
  }
};

/**
 * The message to show for one issue of a parse made with `reportInput`: a missing value is
 * "required", not what the schema says of a wrong one ("must be an http:// URL, got undefined").
 */
export function plainIssueMessage(issue: z.core.$ZodIssue): string {
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return missing && issue.message.endsWith('got undefined') ? 'required' : issue.message;
}
